package org.stackvault.vault;

import java.util.Arrays;

/**
 * The non-empty rows of a {@link RecordTable} listed by record type and by user, each list
 * ascending: a filter on one type or one user reads only its rows. Immutable; thread-safe.
 */
final class RowIndex {
    /** {@code rowsOfType[t]}: the rows of type ordinal {@code t} (empty rows under 0). */
    final int[][] rowsOfType;
    /** Rows by user code (CSR): user u's rows are {@code rowsByUser[userStart[u]..userStart[u+1])}. */
    final int[] userStart;

    final int[] rowsByUser;

    private RowIndex(int[][] rowsOfType, int[] userStart, int[] rowsByUser) {
        this.rowsOfType = rowsOfType;
        this.userStart = userStart;
        this.rowsByUser = rowsByUser;
    }

    /** Indexes rows {@code [0, size)} of the {@code type} and {@code user} columns. */
    static RowIndex of(byte[] type, int[] user, int size) {
        int users = 1;
        for (int row = 0; row < size; row++) {
            users = Math.max(users, user[row] + 1);
        }
        int[] userStart = new int[users + 1];
        for (int row = 0; row < size; row++) {
            if (type[row] != 0) {
                userStart[user[row] + 1]++;
            }
        }
        for (int u = 0; u < users; u++) {
            userStart[u + 1] += userStart[u];
        }
        int[] rowsByUser = new int[userStart[users]];
        int[] fill = Arrays.copyOf(userStart, users);
        for (int row = 0; row < size; row++) {
            if (type[row] != 0) {
                rowsByUser[fill[user[row]]++] = row;
            }
        }
        return new RowIndex(rowsOfType(type, size), userStart, rowsByUser);
    }

    private static int[][] rowsOfType(byte[] type, int size) {
        int[] counts = new int[RecordType.values().length];
        for (int row = 0; row < size; row++) {
            counts[type[row]]++;
        }
        int[][] rows = new int[counts.length][];
        for (int t = 0; t < counts.length; t++) {
            rows[t] = new int[counts[t]];
        }
        int[] fill = new int[counts.length];
        for (int row = 0; row < size; row++) {
            rows[type[row]][fill[type[row]]++] = row;
        }
        return rows;
    }

    /** Number of (non-empty) rows of user {@code code}. */
    int rowsOfUser(int code) {
        return code + 1 < userStart.length ? userStart[code + 1] - userStart[code] : 0;
    }
}
