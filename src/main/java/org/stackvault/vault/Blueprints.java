package org.stackvault.vault;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which rows mention which blueprint ids ({@code blueprint_id} lists of commits and
 * emails): the per-row lists, kept sparse, and the inverted index from blueprint code to
 * rows. Immutable; thread-safe.
 */
final class Blueprints {
    static final Blueprints EMPTY = new Blueprints(new int[0], new int[0][], new int[0][]);
    private static final int[] NO_ROWS = new int[0];

    private final int[] rows;
    private final int[][] codesOfRow;
    private final int[][] rowsOfCode;

    private Blueprints(int[] rows, int[][] codesOfRow, int[][] rowsOfCode) {
        this.rows = rows;
        this.codesOfRow = codesOfRow;
        this.rowsOfCode = rowsOfCode;
    }

    /** Rows that mention blueprint {@code code}, ascending. */
    int[] rowsOf(int code) {
        return code >= 0 && code < rowsOfCode.length && rowsOfCode[code] != null ? rowsOfCode[code] : NO_ROWS;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The previous links plus changed rows; not thread-safe. Changes are merged into the
     * previous sorted arrays at build time, so an incremental build costs the number of
     * links, not a tree of all of them.
     */
    static final class Builder {
        private final Blueprints base;
        private final TreeMap<Integer, int[]> changes = new TreeMap<>();

        Builder(Blueprints base) {
            this.base = base;
        }

        /** True when {@code row} mentions blueprints now (before this build's changes, or after them). */
        boolean has(int row) {
            int[] changed = changes.get(row);
            return changed != null ? changed.length > 0 : Arrays.binarySearch(base.rows, row) >= 0;
        }

        /** Sets the blueprints of {@code row}; an empty array removes them. */
        void set(int row, int[] codes) {
            changes.put(row, codes);
        }

        Blueprints build(int codeCount) {
            int[] rows = new int[base.rows.length + changes.size()];
            int[][] codes = new int[rows.length][];
            int n = 0;
            int i = 0;
            for (Map.Entry<Integer, int[]> change : changes.entrySet()) {
                int row = change.getKey();
                while (i < base.rows.length && base.rows[i] < row) {
                    rows[n] = base.rows[i];
                    codes[n++] = base.codesOfRow[i++];
                }
                if (i < base.rows.length && base.rows[i] == row) {
                    i++; // replaced by the change
                }
                if (change.getValue().length > 0) {
                    rows[n] = row;
                    codes[n++] = change.getValue();
                }
            }
            while (i < base.rows.length) {
                rows[n] = base.rows[i];
                codes[n++] = base.codesOfRow[i++];
            }
            rows = Arrays.copyOf(rows, n);
            codes = Arrays.copyOf(codes, n);
            return new Blueprints(rows, codes, invert(rows, codes, codeCount));
        }

        private static int[][] invert(int[] rows, int[][] codes, int codeCount) {
            int[] counts = new int[codeCount];
            for (int[] c : codes) {
                for (int code : c) {
                    counts[code]++;
                }
            }
            int[][] rowsOfCode = new int[codeCount][];
            int[] fill = new int[codeCount];
            for (int r = 0; r < rows.length; r++) {
                for (int code : codes[r]) {
                    if (rowsOfCode[code] == null) {
                        rowsOfCode[code] = new int[counts[code]];
                    }
                    int[] list = rowsOfCode[code];
                    // a row listing a blueprint twice is counted once
                    if (fill[code] == 0 || list[fill[code] - 1] != rows[r]) {
                        list[fill[code]++] = rows[r];
                    }
                }
            }
            for (int code = 0; code < codeCount; code++) {
                if (rowsOfCode[code] != null && fill[code] < rowsOfCode[code].length) {
                    rowsOfCode[code] = Arrays.copyOf(rowsOfCode[code], fill[code]);
                }
            }
            return rowsOfCode;
        }
    }
}
