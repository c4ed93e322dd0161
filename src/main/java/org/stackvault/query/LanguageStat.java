package org.stackvault.query;

/** An item of {@code /stats/languages}: words translated to a language ({@code id} and {@code name} are its name). */
public record LanguageStat(int index, String id, String name, long metric) {}
