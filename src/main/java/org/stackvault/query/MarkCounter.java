package org.stackvault.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.stackvault.vault.RecordTable;

/**
 * Counts review marks per group key as the original's {@code mark_filter} and turns them
 * into a {@link MarkSummary}. Per request; not thread-safe.
 */
final class MarkCounter {
    private static final int DISAGREEMENTS = 8;
    private static final int WIDTH = 9;

    /**
     * {@link #WIDTH} counts a key: the slots of {@link RecordTable#markSlot} (-2, -1, 0, 1, 2,
     * A, WIP, x), then disagreements.
     */
    private final int[] counts;

    private TreeMap<Long, Long> otherValues;

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

    /** The marks counted for {@code key}, with the ratios of the original's {@code mark_finalize}. */
    MarkSummary summary(int key) {
        int base = key * WIDTH;
        Map<Integer, Long> others = Map.of();
        if (otherValues != null) {
            Map<Long, Long> ofKey = otherValues.subMap((long) key << 32, ((long) key + 1) << 32);
            if (!ofKey.isEmpty()) {
                others = new LinkedHashMap<>();
                for (Map.Entry<Long, Long> e : ofKey.entrySet()) {
                    others.put((int) (long) e.getKey(), e.getValue());
                }
            }
        }
        return MarkSummary.of(
                counts[base],
                counts[base + 1],
                counts[base + 2],
                counts[base + 3],
                counts[base + 4],
                counts[base + 5],
                counts[base + 6],
                counts[base + 7],
                others,
                counts[base + DISAGREEMENTS]);
    }
}
