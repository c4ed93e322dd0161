package org.stackvault.query;

/** An item of {@code /releases} (but "all"): a release and its project (null when not stored). */
public record ReleaseItem(String id, String text, String project) implements Choice {}
