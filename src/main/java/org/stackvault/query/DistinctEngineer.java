package org.stackvault.query;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A value of {@code /stats/distinct_engineers}: the author name and email of the user's latest record. */
public record DistinctEngineer(
        @JsonProperty("author_name") String authorName,
        @JsonProperty("author_email") String authorEmail) {}
