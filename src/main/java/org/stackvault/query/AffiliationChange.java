package org.stackvault.query;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An item of {@code /affiliation_changes}: a user left one company for the next on {@code date} (seconds). */
public record AffiliationChange(
        @JsonProperty("user_id") String userId,
        @JsonProperty("user_name") String userName,
        @JsonProperty("old_company_name") String oldCompanyName,
        @JsonProperty("new_company_name") String newCompanyName,
        long date) {}
