package org.stackvault.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.stackvault.vault.RecordType;

/**
 * An engineer's records of each type, under the types' names: marks, reviews, commits,
 * emails and patch sets always, the other types only when counted. Unwrapped into an
 * {@link ExtendedEngineerRow}. Immutable.
 */
public record RecordTypeCounts(
        int commit,
        int mark,
        int review,
        int patch,
        int email,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int bpd,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int bpc,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int bugf,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int bugr,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int member,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int tr,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int ci) {
    /** The counts at {@code counts[from + type.ordinal()]}. */
    static RecordTypeCounts of(int[] counts, int from) {
        return new RecordTypeCounts(
                counts[from + RecordType.COMMIT.ordinal()],
                counts[from + RecordType.MARK.ordinal()],
                counts[from + RecordType.REVIEW.ordinal()],
                counts[from + RecordType.PATCH.ordinal()],
                counts[from + RecordType.EMAIL.ordinal()],
                counts[from + RecordType.BPD.ordinal()],
                counts[from + RecordType.BPC.ordinal()],
                counts[from + RecordType.BUGF.ordinal()],
                counts[from + RecordType.BUGR.ordinal()],
                counts[from + RecordType.MEMBER.ordinal()],
                counts[from + RecordType.TR.ordinal()],
                counts[from + RecordType.CI.ordinal()]);
    }

    /** Whether the engineer has a mark, review, commit, email or patch set (the table lists only those). */
    boolean active() {
        return mark != 0 || review != 0 || commit != 0 || email != 0 || patch != 0;
    }
}
