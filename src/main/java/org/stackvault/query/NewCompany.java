package org.stackvault.query;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An item of {@code /new_companies}: a company and the date (seconds) of its first selected record. */
public record NewCompany(
        int index,
        String name,
        long date,
        @JsonProperty("date_str") String dateStr) {}
