package org.stackvault.vault;

import java.util.Arrays;

/**
 * The non-empty rows of a {@link RecordTable} in ascending (date, row) order, the order the
 * activity log and the per-day counts read: sorted for a full build, merged for an
 * incremental one. Stateless.
 */
final class RowsByDate {
    private RowsByDate() {}

    /** Non-empty rows ordered by (date, row). */
    static int[] of(RecordTable records) {
        int n = 0;
        for (int row = 0; row < records.size(); row++) {
            if (!records.isEmpty(row)) {
                n++;
            }
        }
        long[] keys = new long[n];
        int i = 0;
        for (int row = 0; row < records.size(); row++) {
            if (!records.isEmpty(row)) {
                keys[i++] = key(records, row);
            }
        }
        Arrays.parallelSort(keys);
        int[] rows = new int[n];
        for (i = 0; i < n; i++) {
            rows[i] = row(keys[i]);
        }
        return rows;
    }

    /**
     * The previous (date, row) order without the changed rows, merged with the changed rows
     * that hold records now: linear in the rows, where a sort would be n log n.
     */
    static int[] update(int[] previous, RecordTable records, int[] changedRows) {
        long[] changed = new long[(records.size() + 63) >>> 6];
        int kept = 0;
        for (int row : changedRows) {
            changed[row >>> 6] |= 1L << row;
            if (!records.isEmpty(row)) {
                kept++;
            }
        }
        long[] fresh = new long[kept];
        int f = 0;
        for (int row : changedRows) {
            if (!records.isEmpty(row)) {
                fresh[f++] = key(records, row);
            }
        }
        Arrays.sort(fresh);
        int[] out = new int[previous.length + fresh.length];
        int n = 0;
        int j = 0;
        for (int row : previous) {
            if ((changed[row >>> 6] & (1L << row)) != 0) {
                continue;
            }
            long key = key(records, row);
            while (j < fresh.length && fresh[j] < key) {
                out[n++] = row(fresh[j++]);
            }
            out[n++] = row;
        }
        while (j < fresh.length) {
            out[n++] = row(fresh[j++]);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** The sort key of a row: its date above its row number. */
    private static long key(RecordTable records, int row) {
        return (records.date(row) << 31) | row;
    }

    private static int row(long key) {
        return (int) (key & 0x7fffffffL);
    }
}
