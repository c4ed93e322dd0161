package org.stackvault.query;

/** An item of {@code /modules}: a module group's id, name and tag. */
public record ModuleItem(String id, String text, String tag) implements Choice {}
