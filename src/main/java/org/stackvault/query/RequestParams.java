package org.stackvault.query;

/** The query string of a request: the first value of each parameter, URL-decoded. */
@FunctionalInterface
public interface RequestParams {
    /** The first value of {@code name}, or null when absent. */
    String first(String name);

    RequestParams NONE = name -> null;
}
