package org.stackvault.vault;

import java.util.Arrays;

/**
 * The compact records, one column per field, one row per record slot: row {@code r} is
 * {@code record:r}. Strings are dictionary codes (see {@link Dictionaries}); an empty
 * slot has type {@link RecordType#NONE}. Immutable; thread-safe.
 */
public final class RecordTable {
    private static final int DISAGREEMENT = 1;
    private static final int VALUE_INT = 2;
    private static final int VALUE_TEXT = 4;

    private final int size;
    private final byte[] type;
    private final int[] company;
    private final int[] module;
    private final int[] user;
    private final byte[] release;
    private final int[] date;
    private final short[] week;
    private final int[] author;
    private final int[] email;
    private final int[] loc;
    private final byte[] markType;
    private final byte[] flags;
    private final int[] value;
    private final byte[] status;
    private final long[] primaryKeyHash;
    private final byte[] markSlot;
    /** The rows of each record type, ascending: a query for one type reads only its rows. */
    private final int[][] rowsOfType;
    /** Rows by user code (CSR): user u's rows, ascending, are rowsByUser[userStart[u]..userStart[u+1]). */
    private final int[] userStart;
    private final int[] rowsByUser;

    /** Takes the builder's arrays (the builder is discarded after {@link Builder#build()}). */
    private RecordTable(Builder b) {
        this.size = b.size;
        this.type = b.type;
        this.company = b.company;
        this.module = b.module;
        this.user = b.user;
        this.release = b.release;
        this.date = b.date;
        this.week = b.week;
        this.author = b.author;
        this.email = b.email;
        this.loc = b.loc;
        this.markType = b.markType;
        this.flags = b.flags;
        this.value = b.value;
        this.status = b.status;
        this.primaryKeyHash = b.primaryKeyHash;
        this.markSlot = b.markSlot;
        this.rowsOfType = rowsOfType(type, size);
        int users = 1;
        for (int row = 0; row < size; row++) {
            users = Math.max(users, user[row] + 1);
        }
        this.userStart = new int[users + 1];
        for (int row = 0; row < size; row++) {
            if (type[row] != 0) {
                userStart[user[row] + 1]++;
            }
        }
        for (int u = 0; u < users; u++) {
            userStart[u + 1] += userStart[u];
        }
        this.rowsByUser = new int[userStart[users]];
        int[] fill = java.util.Arrays.copyOf(userStart, users);
        for (int row = 0; row < size; row++) {
            if (type[row] != 0) {
                rowsByUser[fill[user[row]]++] = row;
            }
        }
    }

    /** Number of (non-empty) rows of user {@code code}. */
    int rowsOfUser(int code) {
        return code + 1 < userStart.length ? userStart[code + 1] - userStart[code] : 0;
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

    static final RecordTable EMPTY = new Builder(0).build();

    /** Number of rows (record slots), empty ones included. */
    public int size() {
        return size;
    }

    public boolean isEmpty(int row) {
        return type[row] == 0;
    }

    public int typeOrdinal(int row) {
        return type[row];
    }

    public RecordType type(int row) {
        return RecordType.ofOrdinal(type[row]);
    }

    public int company(int row) {
        return company[row];
    }

    public int module(int row) {
        return module[row];
    }

    public int user(int row) {
        return user[row];
    }

    public int release(int row) {
        return release[row] & 0xff;
    }

    /** Unix time in seconds. */
    public long date(int row) {
        return date[row] & 0xffffffffL;
    }

    /** Weeks since Sunday 4 January 1970. */
    public int week(int row) {
        return week[row];
    }

    public int author(int row) {
        return author[row];
    }

    public int email(int row) {
        return email[row];
    }

    public int loc(int row) {
        return loc[row];
    }

    /** Code in {@link Dictionaries#markTypes()} ("Code-Review", "Workflow", ...). */
    public int markType(int row) {
        return markType[row] & 0xff;
    }

    public boolean disagreement(int row) {
        return (flags[row] & DISAGREEMENT) != 0;
    }

    public boolean hasIntValue(int row) {
        return (flags[row] & VALUE_INT) != 0;
    }

    /** The {@code value} when {@link #hasIntValue}. */
    public int intValue(int row) {
        return value[row];
    }

    /** Code in {@link Dictionaries#values()} of a string {@code value} (a translation's language), or -1. */
    public int textValue(int row) {
        return (flags[row] & VALUE_TEXT) != 0 ? value[row] : -1;
    }

    /**
     * How the review-mark aggregates count the row, precomputed: bits 0-3 the slot of the
     * mark distribution (0-4 Code-Review -2..2, 5 Workflow approved, 6 Workflow otherwise,
     * 7 Abandon, 2 anything else, {@link #MARK_OTHER} a Code-Review of another value), plus
     * {@link #MARK_DISAGREEMENT} and {@link #MARK_COUNTS} (it counts as a review).
     */
    public int markSlot(int row) {
        return markSlot[row];
    }

    public static final int MARK_SLOT_BITS = 15;
    public static final int MARK_OTHER = 15;
    public static final int MARK_DISAGREEMENT = 16;
    public static final int MARK_COUNTS = 32;

    /** Code in {@link Dictionaries#statuses()}. */
    public int status(int row) {
        return status[row] & 0xff;
    }

    /**
     * Appends to {@code out} (from index {@code n}) the rows in {@code [from, to)} that
     * {@code m} accepts; returns the new count. {@code out} must have room for
     * {@code to - from} more rows.
     */
    public int match(RowMatcher m, int from, int to, int[] out, int n) {
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
                ofUsers += rowsOfUser(code);
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
            int ok = types[type[row]] & releases[r] & moduleReleases[module[row] * stride + r] & users[user[row]]
                    & companies[company[row]] & (d >= min ? 1 : 0) & (d <= max ? 1 : 0);
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
            int ok = types[type[row]] & releases[release[row] & 0xff] & users[user[row]] & companies[company[row]]
                    & (d >= min ? 1 : 0) & (d <= max ? 1 : 0);
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
                return m.moduleReleases == null ? matchRowsAnyModule(m, rows, lo, hi, out, n)
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
        int i = java.util.Arrays.binarySearch(sorted, fromIndex, toIndex, value);
        return i >= 0 ? i : -i - 1;
    }

    private static int firstAtLeast(int[] sorted, int value) {
        int i = java.util.Arrays.binarySearch(sorted, value);
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
            n += releases[r] & moduleReleases[module[row] * stride + r] & users[user[row]] & companies[company[row]]
                    & (d >= min ? 1 : 0) & (d <= max ? 1 : 0);
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
            n += releases[release[row] & 0xff] & users[user[row]] & companies[company[row]] & (d >= min ? 1 : 0)
                    & (d <= max ? 1 : 0);
        }
        return n;
    }

    /** Appends the rows among {@code rows} that {@code m} accepts; returns the new count. */
    public int match(RowMatcher m, int[] rows, int[] out, int n) {
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
        if (m.types[type[row]] == 0 || m.releases[r] == 0 || m.users[user[row]] == 0
                || m.companies[company[row]] == 0 || d < m.minDate || d > m.maxDate) {
            return false;
        }
        if (m.moduleReleases != null && m.moduleReleases[module[row] * m.releaseStride + r] == 0) {
            return false;
        }
        if (m.values != null) {
            return (flags[row] & VALUE_TEXT) != 0 && m.values[value[row]] != 0;
        }
        return true;
    }

    /** A column of codes or numbers that {@link #gather} can read for a batch of rows. */
    public enum Column { COMPANY, MODULE, USER, AUTHOR, LOC }

    /**
     * Reads {@code column} of {@code rows[from..to)} into {@code out[0..to-from)}: one tight
     * loop per column, so callers aggregating a batch need no per-row virtual call.
     */
    public void gather(Column column, int[] rows, int from, int to, int[] out) {
        int[] source = switch (column) {
            case COMPANY -> company;
            case MODULE -> module;
            case USER -> user;
            case AUTHOR -> author;
            case LOC -> loc;
        };
        for (int i = from; i < to; i++) {
            out[i - from] = source[rows[i]];
        }
    }

    long primaryKeyHash(int row) {
        return primaryKeyHash[row];
    }

    Builder toBuilder(int newSize) {
        return new Builder(this, newSize);
    }

    /** Fills rows; single-threaded. */
    static final class Builder {
        private int size;
        private byte[] type;
        private int[] company;
        private int[] module;
        private int[] user;
        private byte[] release;
        private int[] date;
        private short[] week;
        private int[] author;
        private int[] email;
        private int[] loc;
        private byte[] markType;
        private byte[] flags;
        private int[] value;
        private byte[] status;
        private long[] primaryKeyHash;
        private byte[] markSlot;

        Builder(int size) {
            this(null, size);
        }

        private Builder(RecordTable from, int newSize) {
            int oldSize = from == null ? 0 : from.size;
            this.size = Math.max(newSize, oldSize);
            this.type = from == null ? new byte[size] : Arrays.copyOf(from.type, size);
            this.company = from == null ? new int[size] : Arrays.copyOf(from.company, size);
            this.module = from == null ? new int[size] : Arrays.copyOf(from.module, size);
            this.user = from == null ? new int[size] : Arrays.copyOf(from.user, size);
            this.release = from == null ? new byte[size] : Arrays.copyOf(from.release, size);
            this.date = from == null ? new int[size] : Arrays.copyOf(from.date, size);
            this.week = from == null ? new short[size] : Arrays.copyOf(from.week, size);
            this.author = from == null ? new int[size] : Arrays.copyOf(from.author, size);
            this.email = from == null ? new int[size] : Arrays.copyOf(from.email, size);
            this.loc = from == null ? new int[size] : Arrays.copyOf(from.loc, size);
            this.markType = from == null ? new byte[size] : Arrays.copyOf(from.markType, size);
            this.flags = from == null ? new byte[size] : Arrays.copyOf(from.flags, size);
            this.value = from == null ? new int[size] : Arrays.copyOf(from.value, size);
            this.status = from == null ? new byte[size] : Arrays.copyOf(from.status, size);
            this.primaryKeyHash = from == null ? new long[size] : Arrays.copyOf(from.primaryKeyHash, size);
            this.markSlot = from == null ? new byte[size] : Arrays.copyOf(from.markSlot, size);
        }

        int size() {
            return size;
        }

        /** Empties a row (a record that disappeared or is not kept). */
        void clear(int row) {
            type[row] = 0;
            company[row] = 0;
            module[row] = 0;
            user[row] = 0;
            release[row] = 0;
            date[row] = 0;
            week[row] = 0;
            author[row] = 0;
            email[row] = 0;
            loc[row] = 0;
            markType[row] = 0;
            flags[row] = 0;
            value[row] = 0;
            status[row] = 0;
            primaryKeyHash[row] = 0;
            markSlot[row] = 0;
        }

        void set(int row, ParsedRecord r, Dictionaries.Builder dicts) {
            type[row] = (byte) r.type().ordinal();
            company[row] = dicts.companies.intern(r.company());
            module[row] = dicts.modules.intern(r.module());
            user[row] = dicts.users.intern(r.userId());
            release[row] = (byte) dicts.internRelease(r.release());
            date[row] = (int) r.date();
            week[row] = (short) r.week();
            author[row] = dicts.texts.intern(r.authorName());
            email[row] = dicts.texts.intern(r.authorEmail());
            loc[row] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, r.loc()));
            markType[row] = (byte) dicts.internMarkType(r.markType());
            int f = r.disagreement() ? DISAGREEMENT : 0;
            if (r.value() instanceof Long l) {
                f |= VALUE_INT;
                value[row] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l));
            } else if (r.value() instanceof String s) {
                f |= VALUE_TEXT;
                value[row] = dicts.values.intern(s);
            } else {
                value[row] = 0;
            }
            flags[row] = (byte) f;
            status[row] = (byte) dicts.internStatus(r.status());
            primaryKeyHash[row] = r.primaryKeyHash();
            markSlot[row] = (byte) markSlot(r);
        }

        private static int markSlot(ParsedRecord r) {
            long value = r.value() instanceof Long l ? l : 0;
            String type = r.markType();
            int slot;
            if ("Code-Review".equals(type)) {
                slot = (value >= -2 && value <= 2 ? (int) value + 2 : MARK_OTHER) | MARK_COUNTS;
            } else if ("Abandon".equals(type)) {
                slot = 7 | MARK_COUNTS;
            } else if ("Workflow".equals(type)) {
                slot = value == 1 ? 5 : 6;
            } else {
                slot = 2;
            }
            return r.disagreement() ? slot | MARK_DISAGREEMENT : slot;
        }

        /** The table; this builder must not be used afterwards (the table owns its arrays). */
        RecordTable build() {
            RecordTable table = new RecordTable(this);
            type = null; // a later use fails at once instead of changing a published table
            return table;
        }
    }
}
