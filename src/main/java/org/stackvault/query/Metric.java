package org.stackvault.query;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.stackvault.vault.RecordType;

/**
 * The metrics of the API: which record types each selects ({@code METRIC_TO_RECORD_TYPE}
 * of the original) and how the aggregates count them.
 */
public enum Metric {
    COMMITS("commits", "Commits", Aggregation.COUNT, RecordType.COMMIT),
    LOC("loc", "Lines of code", Aggregation.LOC, RecordType.COMMIT),
    MARKS("marks", "Reviews", Aggregation.MARKS, RecordType.MARK),
    EMAILS("emails", "Emails", Aggregation.COUNT, RecordType.EMAIL),
    BPD("bpd", "Drafted Blueprints", Aggregation.COUNT, RecordType.BPD),
    BPC("bpc", "Completed Blueprints", Aggregation.COUNT, RecordType.BPC),
    FILED_BUGS("filed-bugs", "Filed Bugs", Aggregation.COUNT, RecordType.BUGF),
    RESOLVED_BUGS("resolved-bugs", "Resolved Bugs", Aggregation.COUNT, RecordType.BUGR),
    /** Has no label: the original lists it among filters but not in {@code /metrics}. */
    MEMBERS("members", null, Aggregation.COUNT, RecordType.MEMBER),
    PERSON_DAY(
            "person-day",
            "Person-day effort",
            Aggregation.PERSON_DAY,
            RecordType.MARK,
            RecordType.PATCH,
            RecordType.EMAIL,
            RecordType.BPD,
            RecordType.BUGF),
    PATCHES("patches", "Patch Sets", Aggregation.COUNT, RecordType.PATCH),
    TRANSLATIONS("translations", "Translations", Aggregation.LOC, RecordType.TR);

    /** How an aggregate counts a record of the metric. */
    public enum Aggregation {
        /** One per record. */
        COUNT,
        /** The record's {@code loc}. */
        LOC,
        /** Reviews: Code-Review and Abandon marks, with the mark distribution. */
        MARKS,
        /** One per distinct (day, user). */
        PERSON_DAY
    }

    private static final Map<String, Metric> BY_ID =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Metric::id, Function.identity()));

    private final String id;
    private final String label;
    private final Aggregation aggregation;
    private final int typeMask;

    Metric(String id, String label, Aggregation aggregation, RecordType... types) {
        this.id = id;
        this.label = label;
        this.aggregation = aggregation;
        int mask = 0;
        for (RecordType t : types) {
            mask |= t.bit();
        }
        this.typeMask = mask;
    }

    public String id() {
        return id;
    }

    /** Label for {@code /metrics}, or null for metrics the original does not list. */
    public String label() {
        return label;
    }

    public Aggregation aggregation() {
        return aggregation;
    }

    /** Bits of the record types the metric selects (see {@link RecordType#bit()}). */
    public int typeMask() {
        return typeMask;
    }

    /** The metric {@code id} (lower case), or null. */
    public static Metric of(String id) {
        return id == null ? null : BY_ID.get(id);
    }
}
