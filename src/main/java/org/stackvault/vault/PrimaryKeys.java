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
        int capacity = Integer.highestOneBit(Math.max(2, count) * 2 - 1) << 1;
        long[] hashes = new long[capacity];
        int[] rows = new int[capacity];
        int mask = capacity - 1;
        for (int row = 0; row < table.size(); row++) {
            long h = table.primaryKeyHash(row);
            if ((typeMask & (1 << table.typeOrdinal(row))) == 0 || h == 0) {
                continue;
            }
            int slot = (int) (h ^ (h >>> 32)) & mask;
            while (hashes[slot] != 0 && hashes[slot] != h) {
                slot = (slot + 1) & mask;
            }
            if (hashes[slot] == 0) { // first row with this key wins, like the original's index
                hashes[slot] = h;
                rows[slot] = row;
            }
        }
        return new PrimaryKeys(hashes, rows);
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
