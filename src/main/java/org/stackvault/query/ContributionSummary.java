package org.stackvault.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code /contribution}: the original's {@code get_contribution_summary}. Immutable.
 *
 * @param marks mark value to count: {@code -2, -1, 0, 1, 2, A, WIP, x, s} always, then any
 *              other Code-Review value that was counted
 */
public record ContributionSummary(
        @JsonProperty("drafted_blueprint_count") long draftedBlueprintCount,
        @JsonProperty("completed_blueprint_count") long completedBlueprintCount,
        @JsonProperty("commit_count") long commitCount,
        @JsonProperty("email_count") long emailCount,
        long loc,
        Map<String, Long> marks,
        @JsonProperty("filed_bug_count") long filedBugCount,
        @JsonProperty("resolved_bug_count") long resolvedBugCount,
        @JsonProperty("patch_set_count") long patchSetCount,
        @JsonProperty("change_request_count") long changeRequestCount,
        @JsonProperty("abandoned_change_requests_count") long abandonedChangeRequestsCount,
        long translations) {}
