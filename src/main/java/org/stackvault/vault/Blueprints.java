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

    /** Not thread-safe. */
    static final class Builder {
        private final TreeMap<Integer, int[]> codesByRow = new TreeMap<>();

        Builder(Blueprints base) {
            for (int i = 0; i < base.rows.length; i++) {
                codesByRow.put(base.rows[i], base.codesOfRow[i]);
            }
        }

        boolean has(int row) {
            return codesByRow.containsKey(row);
        }

        void set(int row, int[] codes) {
            if (codes.length == 0) {
                codesByRow.remove(row);
            } else {
                codesByRow.put(row, codes);
            }
        }

        Blueprints build(int codeCount) {
            int[] rows = new int[codesByRow.size()];
            int[][] codes = new int[rows.length][];
            int[] counts = new int[codeCount];
            int i = 0;
            for (Map.Entry<Integer, int[]> e : codesByRow.entrySet()) {
                rows[i] = e.getKey();
                codes[i] = e.getValue();
                for (int code : codes[i]) {
                    counts[code]++;
                }
                i++;
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
            return new Blueprints(rows, codes, rowsOfCode);
        }
    }
}
