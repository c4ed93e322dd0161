package org.stackvault.query;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stackvault.vault.RecordTable;
import org.stackvault.vault.RecordType;
import org.stackvault.vault.StringDictionary;
import org.stackvault.vault.Vault;

/** {@code /contribution}: the summary counts of the original's {@code get_contribution_summary}. Stateless. */
public final class ContributionQuery {
    /** The marks of the summary, in the original's order. */
    private static final String[] MARK_KEYS = {"-2", "-1", "0", "1", "2", "A", "WIP", "x", "s"};

    private static final int ZERO = 2;
    private static final int APPROVED = 5;
    private static final int WORK_IN_PROGRESS = 6;
    private static final int ABANDONED = 7;
    private static final int SELF = 8;

    private ContributionQuery() {}

    /** How each mark type counts: the slot of MARK_KEYS, or -1 for Code-Review (slot by value). */
    private static int[] markSlots(StringDictionary markTypes) {
        int[] slots = new int[markTypes.size()];
        for (int code = 0; code < slots.length; code++) {
            String type = markTypes.value(code);
            slots[code] = type == null
                    ? ZERO
                    : switch (type) {
                        case "Code-Review" -> -1;
                        case "Abandon" -> ABANDONED;
                        case "Workflow" -> APPROVED; // WORK_IN_PROGRESS unless the value is 1
                        default -> type.startsWith("Self-") ? SELF : ZERO;
                    };
        }
        return slots;
    }

    /** Counts of one part of the selection. */
    private static final class Counts {
        final long[] byType = new long[RecordType.values().length];
        final long[] marks = new long[MARK_KEYS.length];
        final Map<String, Long> otherMarks = new LinkedHashMap<>();
        long loc;
        long translations;
        long abandonedReviews;

        Counts merge(Counts later) {
            for (int i = 0; i < byType.length; i++) {
                byType[i] += later.byType[i];
            }
            for (int i = 0; i < marks.length; i++) {
                marks[i] += later.marks[i];
            }
            later.otherMarks.forEach((k, v) -> otherMarks.merge(k, v, Long::sum));
            loc += later.loc;
            translations += later.translations;
            abandonedReviews += later.abandonedReviews;
            return this;
        }
    }

    public static ContributionSummary summary(Vault vault, Selection selection) {
        RecordTable t = vault.records();
        int[] slots = markSlots(vault.dictionaries().markTypes());
        int workflow = vault.dictionaries().markTypes().code("Workflow");
        int abandoned = vault.dictionaries().statuses().code("ABANDONED");
        int commit = RecordType.COMMIT.ordinal();
        int tr = RecordType.TR.ordinal();
        int review = RecordType.REVIEW.ordinal();
        int mark = RecordType.MARK.ordinal();
        Counts c = Parallel.reduce(
                selection,
                Counts::new,
                (counts, rows, from, to) -> {
                    for (int i = from; i < to; i++) {
                        int row = rows[i];
                        int type = t.typeOrdinal(row);
                        counts.byType[type]++;
                        if (type == mark) {
                            int markType = t.markType(row);
                            int slot = slots[markType];
                            if (slot < 0) {
                                int value = t.hasIntValue(row) ? t.intValue(row) : 0;
                                if (value >= -2 && value <= 2) {
                                    counts.marks[value + 2]++;
                                } else {
                                    // the original would fail on it (its marks dict has no such key); counted as it is
                                    counts.otherMarks.merge(Integer.toString(value), 1L, Long::sum);
                                }
                            } else if (markType == workflow && markType > 0) {
                                counts.marks[
                                        t.hasIntValue(row) && t.intValue(row) == 1 ? APPROVED : WORK_IN_PROGRESS]++;
                            } else {
                                counts.marks[slot]++;
                            }
                        } else if (type == commit) {
                            counts.loc += t.loc(row);
                        } else if (type == tr) {
                            counts.translations += t.loc(row);
                        } else if (type == review && abandoned > 0 && t.status(row) == abandoned) {
                            counts.abandonedReviews++;
                        }
                    }
                },
                Counts::merge);

        Map<String, Long> marks = new LinkedHashMap<>();
        for (int i = 0; i < MARK_KEYS.length; i++) {
            marks.put(MARK_KEYS[i], c.marks[i]);
        }
        marks.putAll(c.otherMarks);
        return new ContributionSummary(
                c.byType[RecordType.BPD.ordinal()],
                c.byType[RecordType.BPC.ordinal()],
                c.byType[commit],
                c.byType[RecordType.EMAIL.ordinal()],
                c.loc,
                marks,
                c.byType[RecordType.BUGF.ordinal()],
                c.byType[RecordType.BUGR.ordinal()],
                c.byType[RecordType.PATCH.ordinal()],
                c.byType[review],
                c.abandonedReviews,
                c.translations);
    }
}
