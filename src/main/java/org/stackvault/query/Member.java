package org.stackvault.query;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An item of {@code /members}: four fields of a stored member record, as stored (text, or
 * whatever value the record holds; null when absent), and the record's day.
 */
public record Member(
        int index,
        @JsonProperty("author_name") Object authorName,
        Object date,
        @JsonProperty("company_name") Object companyName,
        @JsonProperty("member_uri") Object memberUri,
        @JsonProperty("date_str") String dateStr) {}
