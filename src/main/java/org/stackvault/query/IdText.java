package org.stackvault.query;

/**
 * {@code {"id": ..., "text": ...}}: an item of {@code /companies}, {@code /languages},
 * {@code /metrics}, the "all" of {@code /releases}, and the answer of {@code /companies/<name>}.
 */
public record IdText(String id, String text) implements Choice {}
