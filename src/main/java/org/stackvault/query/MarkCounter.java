package org.stackvault.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.stackvault.vault.RecordTable;

/**
 * Counts review marks per group key as the original's {@code mark_filter} and turns them
 * into its {@code mark_finalize} fields. Per request; not thread-safe.
 */
final class MarkCounter {
    private static final String[] SLOT_KEYS = {"-2", "-1", "0", "1", "2", "A", "WIP", "x"};
    private static final int DISAGREEMENTS = 8;
    private static final int WIDTH = 9;
    private static final String INFINITY_HTML = "&#x221E;";

    private final int[] counts;
    private Map<Long, Long> otherValues;

    MarkCounter(int keys) {
        this.counts = new int[keys * WIDTH];
    }

    /**
     * Counts one record, from its precomputed {@link RecordTable#markSlot}; returns what it
     * adds to the metric (1 for Code-Review and Abandon).
     */
    int count(RecordTable t, int row, int key) {
        int s = t.markSlot(row);
        int slot = s & RecordTable.MARK_SLOT_BITS;
        int base = key * WIDTH;
        if (slot == RecordTable.MARK_OTHER) {
            other(key, t.hasIntValue(row) ? t.intValue(row) : 0);
        } else {
            counts[base + slot]++;
        }
        counts[base + DISAGREEMENTS] += (s & RecordTable.MARK_DISAGREEMENT) >>> 4;
        return (s & RecordTable.MARK_COUNTS) >>> 5;
    }

    /** Adds the counts of another part of the same selection. */
    void add(MarkCounter other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        if (other.otherValues != null) {
            other.otherValues.forEach((packed, n) -> {
                if (otherValues == null) {
                    otherValues = new TreeMap<>();
                }
                otherValues.merge(packed, n, Long::sum);
            });
        }
    }

    private void other(int key, int value) {
        if (otherValues == null) {
            otherValues = new TreeMap<>();
        }
        otherValues.merge(((long) key << 32) | (value & 0xffffffffL), 1L, Long::sum);
    }

    /** Adds the counted marks of {@code key} to {@code item}, then the finalized fields. */
    void finalizeInto(int key, Map<String, Object> item) {
        int base = key * WIDTH;
        for (int slot = 0; slot < SLOT_KEYS.length; slot++) {
            if (counts[base + slot] > 0) {
                item.put(SLOT_KEYS[slot], counts[base + slot]);
            }
        }
        if (otherValues != null) {
            otherValues.forEach((packed, n) -> {
                if ((int) (packed >>> 32) == key) {
                    item.put(Integer.toString((int) (long) packed), n);
                }
            });
        }
        if (counts[base + DISAGREEMENTS] > 0) {
            item.put("disagreements", counts[base + DISAGREEMENTS]);
        }
        finalizeMarks(item);
    }

    /** The original's {@code mark_finalize} on a row that already holds the counted marks. */
    static void finalizeMarks(Map<String, Object> item) {
        long positive = 0;
        long numeric = 0;
        StringBuilder distribution = new StringBuilder();
        for (String key : new String[] {"-2", "-1", "1", "2", "A", "x"}) {
            Object v = item.get(key);
            long n = v instanceof Number num ? num.longValue() : 0;
            if (v != null) {
                if (key.equals("1") || key.equals("2")) {
                    positive += n;
                }
                if (!key.equals("A") && !key.equals("x")) {
                    numeric += n;
                }
            } else {
                item.put(key, 0);
            }
            if (distribution.length() > 0) {
                distribution.append('|');
            }
            distribution.append(n);
        }
        Object d = item.get("disagreements");
        long disagreements = d instanceof Number n ? n.longValue() : 0;
        item.put("disagreements", disagreements);
        String positiveRatio;
        if (numeric != 0) {
            positiveRatio = Python.percent1(positive * 100.0 / numeric);
            item.put("disagreement_ratio", Python.percent1(disagreements * 100.0 / numeric));
        } else {
            positiveRatio = INFINITY_HTML;
            item.put("disagreement_ratio", INFINITY_HTML);
        }
        item.put("mark_ratio", distribution + " (" + positiveRatio + ")");
        item.put("positive_ratio", positiveRatio);
    }

    static Map<String, Object> newItem() {
        return new LinkedHashMap<>();
    }
}
