package org.stackvault.vault;

/**
 * Finds the row of a review or patch by its {@code primary_key}, from a 64-bit hash of the
 * key (the vault keeps no key strings). A hash collision is possible in principle, so
 * callers that fetch the full record compare its {@code primary_key}. Immutable; thread-safe.
 */
final class PrimaryKeys {
    private static final PrimaryKeys EMPTY = new PrimaryKeys(new long[1], new int[1]);

    private final long[] hashes;
    private final int[] rows;
    private final int mask;

    private PrimaryKeys(long[] hashes, int[] rows) {
        this.hashes = hashes;
        this.rows = rows;
        this.mask = hashes.length - 1;
    }

    /** FNV-1a over the UTF-16 units, finished with MurmurHash3's fmix64; never 0. */
    static long hash(String key) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            h ^= key.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    /** Indexes the rows of the given types. */
    static PrimaryKeys of(RecordTable table, int typeMask) {
        int count = 0;
        for (int row = 0; row < table.size(); row++) {
            if ((typeMask & (1 << table.typeOrdinal(row))) != 0 && table.primaryKeyHash(row) != 0) {
                count++;
            }
        }
        if (count == 0) {
            return EMPTY;
        }
        // a load factor between 1/3 and 2/3: short probes, a third of the memory of 1/4..1/2
        int capacity = Integer.highestOneBit(Math.max(2, count + count / 2) - 1) << 1;
        long[] hashes = new long[capacity];
        int[] rows = new int[capacity];
        int mask = capacity - 1;
        for (int row = 0; row < table.size(); row++) {
            long h = table.primaryKeyHash(row);
            if ((typeMask & (1 << table.typeOrdinal(row))) != 0 && h != 0) {
                insert(hashes, rows, mask, h, row);
            }
        }
        return new PrimaryKeys(hashes, rows);
    }

    /**
     * This index updated for a table whose {@code changedRows} differ from {@code before}:
     * new rows are added to a copy; when a changed row's key or type changed, the index is
     * rebuilt (an open-addressing table does not remove cheaply, and that is rare).
     */
    PrimaryKeys update(RecordTable before, RecordTable after, int[] changedRows, int typeMask) {
        int added = 0;
        for (int row : changedRows) {
            boolean was = row < before.size()
                    && (typeMask & (1 << before.typeOrdinal(row))) != 0
                    && before.primaryKeyHash(row) != 0;
            boolean is = (typeMask & (1 << after.typeOrdinal(row))) != 0 && after.primaryKeyHash(row) != 0;
            if (was && (!is || before.primaryKeyHash(row) != after.primaryKeyHash(row))) {
                return of(after, typeMask);
            }
            if (is && !was) {
                added++;
            }
        }
        if (added == 0) {
            return this;
        }
        if ((count() + added) * 3L > hashes.length * 2L) {
            return of(after, typeMask);
        }
        long[] newHashes = hashes.clone();
        int[] newRows = rows.clone();
        for (int row : changedRows) {
            long h = after.primaryKeyHash(row);
            if ((typeMask & (1 << after.typeOrdinal(row))) != 0 && h != 0) {
                insert(newHashes, newRows, mask, h, row);
            }
        }
        return new PrimaryKeys(newHashes, newRows);
    }

    private int count() {
        int n = 0;
        for (long h : hashes) {
            if (h != 0) {
                n++;
            }
        }
        return n;
    }

    private static void insert(long[] hashes, int[] rows, int mask, long h, int row) {
        int slot = (int) (h ^ (h >>> 32)) & mask;
        while (hashes[slot] != 0 && hashes[slot] != h) {
            slot = (slot + 1) & mask;
        }
        if (hashes[slot] == 0) { // the first row with this key wins, like the original's index
            hashes[slot] = h;
            rows[slot] = row;
        }
    }

    /** The row whose primary key is {@code key}, or -1. */
    int row(String key) {
        long h = hash(key);
        int slot = (int) (h ^ (h >>> 32)) & mask;
        while (hashes[slot] != 0) {
            if (hashes[slot] == h) {
                return rows[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }
}
