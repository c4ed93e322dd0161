package org.stackvault.query;

import java.util.Arrays;
import java.util.List;

/** The query string of a request: the first value of each parameter, URL-decoded. */
@FunctionalInterface
public interface RequestParams {
    /** The first value of {@code name}, or null when absent. */
    String first(String name);

    /** The first value of {@code name}, or null when absent or empty (the original treats both alike). */
    default String given(String name) {
        String raw = first(name);
        return raw == null || raw.isEmpty() ? null : raw;
    }

    /** The module tags of {@code tag} (or, without it, {@code tags}), as the original splits them; empty when none. */
    default List<String> tags() {
        String tags = given("tag");
        if (tags == null) {
            tags = given("tags");
        }
        return tags == null ? List.of() : Arrays.asList(tags.split(",", -1));
    }

    RequestParams NONE = name -> null;
}
