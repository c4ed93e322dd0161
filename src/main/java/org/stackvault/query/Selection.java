package org.stackvault.query;

import java.util.Arrays;
import org.stackvault.vault.Vault;

/**
 * The rows a filter selects, ascending. Belongs to one request; not thread-safe (the
 * membership bitset is built on first use).
 */
public final class Selection {
    private final int[] rows;
    private final int universe;
    private long[] bits;

    Selection(int[] rows, int universe) {
        this.rows = rows;
        this.universe = universe;
    }

    /**
     * The given rows of {@code vault} (ascending, each a row of its table), for a report that
     * has found its records itself and shows them through a query such as the activity log.
     */
    public static Selection ofRows(int[] rows, Vault vault) {
        int[] sorted = rows.clone();
        Arrays.sort(sorted);
        return new Selection(sorted, vault.records().size());
    }

    public int size() {
        return rows.length;
    }

    public int row(int i) {
        return rows[i];
    }

    /** The rows, ascending; do not modify. */
    public int[] rows() {
        return rows;
    }

    public boolean contains(int row) {
        if (bits == null) {
            bits = new long[(universe + 63) >>> 6];
            for (int r : rows) {
                bits[r >>> 6] |= 1L << r;
            }
        }
        return row >= 0 && row < universe && (bits[row >>> 6] & (1L << row)) != 0;
    }

    @Override
    public String toString() {
        return "Selection" + Arrays.toString(rows.length > 10 ? Arrays.copyOf(rows, 10) : rows);
    }
}
