package org.stackvault.query;

/**
 * A dashboard link, as the original's {@code make_link}: {@code uri} is the query string
 * ({@code ?k=v&...}), {@code title} what it shows (may be null). Immutable.
 */
public record Link(String uri, String title) {}
