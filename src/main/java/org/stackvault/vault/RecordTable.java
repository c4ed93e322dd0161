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
    static final int VALUE_TEXT = 4;

    // the columns the match kernels read (see RowScanner)
    final int size;
    final byte[] type;
    final int[] company;
    final int[] module;
    final int[] user;
    final byte[] release;
    final int[] date;
    final byte[] flags;
    final int[] value;
    // the columns only this class reads
    private final short[] week;
    private final int[] author;
    private final int[] email;
    private final int[] loc;
    private final byte[] markType;
    private final byte[] status;
    private final long[] primaryKeyHash;
    private final byte[] markSlot;
    private final RowIndex index;
    private final RowScanner scanner;

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
        this.index = RowIndex.of(type, user, size);
        this.scanner = new RowScanner(this, index);
    }

    /** Number of (non-empty) rows of user {@code code}. */
    int rowsOfUser(int code) {
        return index.rowsOfUser(code);
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
        return scanner.match(m, from, to, out, n);
    }

    /** Appends the rows among {@code rows} that {@code m} accepts; returns the new count. */
    public int match(RowMatcher m, int[] rows, int[] out, int n) {
        return scanner.match(m, rows, out, n);
    }

    /** A column of codes or numbers that {@link #gather} can read for a batch of rows. */
    public enum Column {
        COMPANY,
        MODULE,
        USER,
        AUTHOR,
        LOC
    }

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
            markSlot[row] = (byte) MarkSlot.of(r);
        }

        /** The table; this builder must not be used afterwards (the table owns its arrays). */
        RecordTable build() {
            RecordTable table = new RecordTable(this);
            type = null; // a later use fails at once instead of changing a published table
            return table;
        }
    }
}
