package org.stackvault.vault;

import java.util.Arrays;

/**
 * The match kernels of a {@link RecordTable}: apply a {@link RowMatcher} to its columns and
 * append the accepted rows. Picks, per query, the cheapest way through the rows: one
 * user's or one type's row list ({@link RowIndex}), a bitset of several lists, or a
 * branch-free scan of every row reading only the columns the matcher restricts.
 * Immutable; thread-safe (callers bring their own output arrays).
 */
final class RowScanner {
    private final int size;
    private final byte[] type;
    private final int[] company;
    private final int[] module;
    private final int[] user;
    private final byte[] release;
    private final int[] date;
    private final byte[] flags;
    private final int[] value;
    private final RowIndex index;
    private final int[][] rowsOfType;
    private final int[] userStart;
    private final int[] rowsByUser;

    /** Reads the columns of {@code table}, whose fields must all be set. */
    RowScanner(RecordTable table, RowIndex index) {
        this.size = table.size;
        this.type = table.type;
        this.company = table.company;
        this.module = table.module;
        this.user = table.user;
        this.release = table.release;
        this.date = table.date;
        this.flags = table.flags;
        this.value = table.value;
        this.index = index;
        this.rowsOfType = index.rowsOfType;
        this.userStart = index.userStart;
        this.rowsByUser = index.rowsByUser;
    }

    /**
     * Appends to {@code out} (from index {@code n}) the rows in {@code [from, to)} that
     * {@code m} accepts; returns the new count. {@code out} must have room for
     * {@code to - from} more rows.
     */
    int match(RowMatcher m, int from, int to, int[] out, int n) {
        if (m.values != null) {
            return matchEach(m, from, to, out, n);
        }
        int wanted = 0;
        int wantedTypes = 0;
        for (int t = 1; t < rowsOfType.length; t++) {
            if (m.types[t] != 0) {
                wanted += rowsOfType[t].length;
                wantedTypes++;
            }
        }
        if (m.userCodes != null) {
            int ofUsers = 0;
            for (int code : m.userCodes) {
                ofUsers += index.rowsOfUser(code);
            }
            // a user filter: that user's rows are usually far fewer than any type's
            if (ofUsers < Math.min(wanted, size / 2)) {
                return matchUsers(m, from, to, out, n);
            }
        }
        // reading only the wanted types' rows pays when they are a minority
        if (wanted < size / 2) {
            return wantedTypes == 1 ? matchOneType(m, from, to, out, n) : matchTypes(m, from, to, out, n);
        }
        if (m.moduleReleases == null) {
            return matchAnyModule(m, from, to, out, n);
        }
        if (m.onlyTypesReleasesModules) {
            return matchTypesReleasesModules(m, from, to, out, n);
        }
        byte[] types = m.types;
        byte[] releases = m.releases;
        byte[] moduleReleases = m.moduleReleases;
        int stride = m.releaseStride;
        byte[] users = m.users;
        byte[] companies = m.companies;
        long min = m.minDate;
        long max = m.maxDate;
        for (int row = from; row < to; row++) {
            int r = release[row] & 0xff;
            long d = date[row] & 0xffffffffL;
            int ok = types[type[row]]
                    & releases[r]
                    & moduleReleases[module[row] * stride + r]
                    & users[user[row]]
                    & companies[company[row]]
                    & (d >= min ? 1 : 0)
                    & (d <= max ? 1 : 0);
            out[n] = row;
            n += ok;
        }
        return n;
    }

    /** The common case (type, release, project type): reads 6 bytes per row instead of 18. */
    private int matchTypesReleasesModules(RowMatcher m, int from, int to, int[] out, int n) {
        byte[] types = m.types;
        byte[] releases = m.releases;
        byte[] moduleReleases = m.moduleReleases;
        int stride = m.releaseStride;
        for (int row = from; row < to; row++) {
            int r = release[row] & 0xff;
            out[n] = row;
            n += types[type[row]] & releases[r] & moduleReleases[module[row] * stride + r];
        }
        return n;
    }

    private int matchAnyModule(RowMatcher m, int from, int to, int[] out, int n) {
        byte[] types = m.types;
        byte[] releases = m.releases;
        byte[] users = m.users;
        byte[] companies = m.companies;
        long min = m.minDate;
        long max = m.maxDate;
        for (int row = from; row < to; row++) {
            long d = date[row] & 0xffffffffL;
            int ok = types[type[row]]
                    & releases[release[row] & 0xff]
                    & users[user[row]]
                    & companies[company[row]]
                    & (d >= min ? 1 : 0)
                    & (d <= max ? 1 : 0);
            out[n] = row;
            n += ok;
        }
        return n;
    }

    private int matchOneType(RowMatcher m, int from, int to, int[] out, int n) {
        for (int t = 1; t < rowsOfType.length; t++) {
            if (m.types[t] != 0) {
                int[] rows = rowsOfType[t];
                int lo = firstAtLeast(rows, from);
                int hi = firstAtLeast(rows, to);
                return m.moduleReleases == null
                        ? matchRowsAnyModule(m, rows, lo, hi, out, n)
                        : matchRows(m, rows, lo, hi, out, n);
            }
        }
        return n;
    }

    /** Several wanted types: their rows in [from, to) marked in a bitset, then tested in row order. */
    private int matchTypes(RowMatcher m, int from, int to, int[] out, int n) {
        long[] bits = new long[(to - from + 63) >>> 6];
        for (int t = 1; t < rowsOfType.length; t++) {
            if (m.types[t] != 0) {
                int[] rows = rowsOfType[t];
                for (int i = firstAtLeast(rows, from), end = firstAtLeast(rows, to); i < end; i++) {
                    int offset = rows[i] - from;
                    bits[offset >>> 6] |= 1L << offset;
                }
            }
        }
        return testMarked(m, bits, from, out, n);
    }

    private int matchUsers(RowMatcher m, int from, int to, int[] out, int n) {
        if (m.userCodes.length == 1) {
            int code = m.userCodes[0];
            if (code + 1 >= userStart.length) {
                return n;
            }
            int lo = firstAtLeast(rowsByUser, userStart[code], userStart[code + 1], from);
            int hi = firstAtLeast(rowsByUser, userStart[code], userStart[code + 1], to);
            for (int i = lo; i < hi; i++) {
                if (accepts(m, rowsByUser[i])) {
                    out[n++] = rowsByUser[i];
                }
            }
            return n;
        }
        long[] bits = new long[(to - from + 63) >>> 6];
        for (int code : m.userCodes) {
            if (code + 1 >= userStart.length) {
                continue;
            }
            int end = firstAtLeast(rowsByUser, userStart[code], userStart[code + 1], to);
            for (int i = firstAtLeast(rowsByUser, userStart[code], userStart[code + 1], from); i < end; i++) {
                int offset = rowsByUser[i] - from;
                bits[offset >>> 6] |= 1L << offset;
            }
        }
        return testMarked(m, bits, from, out, n);
    }

    private int testMarked(RowMatcher m, long[] bits, int from, int[] out, int n) {
        for (int w = 0; w < bits.length; w++) {
            long word = bits[w];
            while (word != 0) {
                int row = from + (w << 6) + Long.numberOfTrailingZeros(word);
                word &= word - 1;
                if (accepts(m, row)) {
                    out[n++] = row;
                }
            }
        }
        return n;
    }

    private static int firstAtLeast(int[] sorted, int fromIndex, int toIndex, int value) {
        int i = Arrays.binarySearch(sorted, fromIndex, toIndex, value);
        return i >= 0 ? i : -i - 1;
    }

    private static int firstAtLeast(int[] sorted, int value) {
        int i = Arrays.binarySearch(sorted, value);
        return i >= 0 ? i : -i - 1;
    }

    private int matchRows(RowMatcher m, int[] rows, int lo, int hi, int[] out, int n) {
        byte[] releases = m.releases;
        byte[] moduleReleases = m.moduleReleases;
        int stride = m.releaseStride;
        byte[] users = m.users;
        byte[] companies = m.companies;
        long min = m.minDate;
        long max = m.maxDate;
        for (int i = lo; i < hi; i++) {
            int row = rows[i];
            int r = release[row] & 0xff;
            long d = date[row] & 0xffffffffL;
            out[n] = row;
            n += releases[r]
                    & moduleReleases[module[row] * stride + r]
                    & users[user[row]]
                    & companies[company[row]]
                    & (d >= min ? 1 : 0)
                    & (d <= max ? 1 : 0);
        }
        return n;
    }

    private int matchRowsAnyModule(RowMatcher m, int[] rows, int lo, int hi, int[] out, int n) {
        byte[] releases = m.releases;
        byte[] users = m.users;
        byte[] companies = m.companies;
        long min = m.minDate;
        long max = m.maxDate;
        for (int i = lo; i < hi; i++) {
            int row = rows[i];
            long d = date[row] & 0xffffffffL;
            out[n] = row;
            n += releases[release[row] & 0xff]
                    & users[user[row]]
                    & companies[company[row]]
                    & (d >= min ? 1 : 0)
                    & (d <= max ? 1 : 0);
        }
        return n;
    }

    /** Appends the rows among {@code rows} that {@code m} accepts; returns the new count. */
    int match(RowMatcher m, int[] rows, int[] out, int n) {
        for (int row : rows) {
            if (row < size && accepts(m, row)) {
                out[n++] = row;
            }
        }
        return n;
    }

    private int matchEach(RowMatcher m, int from, int to, int[] out, int n) {
        for (int row = from; row < to; row++) {
            if (accepts(m, row)) {
                out[n++] = row;
            }
        }
        return n;
    }

    private boolean accepts(RowMatcher m, int row) {
        int r = release[row] & 0xff;
        long d = date[row] & 0xffffffffL;
        if (m.types[type[row]] == 0
                || m.releases[r] == 0
                || m.users[user[row]] == 0
                || m.companies[company[row]] == 0
                || d < m.minDate
                || d > m.maxDate) {
            return false;
        }
        if (m.moduleReleases != null && m.moduleReleases[module[row] * m.releaseStride + r] == 0) {
            return false;
        }
        if (m.values != null) {
            return (flags[row] & RecordTable.VALUE_TEXT) != 0 && m.values[value[row]] != 0;
        }
        return true;
    }
}
