package org.stackvault.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The response cache's admission policy: a key is admitted on its second sighting within
 * a window, so a flood of one-off keys (random free-text values, each a legitimate 200)
 * never reaches the cache and cannot evict the hot entries. A window is a Bloom filter of
 * the keys seen once; it starts afresh after {@code capacity} sightings (so a flood cannot
 * saturate it into admitting everything) and on every vault swap.
 *
 * <p>A false positive admits a one-off key early: with 16 bits per sighting and 4 probes
 * that is at most about 1 key in 400, in a full window. Thread-safe and lock-free: bits are
 * set with an atomic OR, a full window is replaced by one compare-and-set.
 */
final class Doorkeeper {
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int PROBES = 4;
    private static final int BITS_PER_SIGHTING = 16;

    /** The keys seen once since the window began; replaced, never cleared in place. */
    private static final class Window {
        final long[] words;
        final AtomicInteger sightings = new AtomicInteger();

        Window(int bits) {
            words = new long[bits >>> 6];
        }
    }

    private final int capacity;
    private final int mask;
    private volatile Window window;

    /** @param capacity sightings per window (about one window per {@code capacity} distinct misses) */
    Doorkeeper(int capacity) {
        if (capacity < 64 || capacity > (1 << 22)) {
            throw new IllegalArgumentException("capacity " + capacity + " outside 64 .. 2^22");
        }
        this.capacity = capacity;
        int bits = Integer.highestOneBit(capacity * BITS_PER_SIGHTING - 1) << 1;
        this.mask = bits - 1;
        this.window = new Window(bits);
    }

    /** True when {@code key} was seen since the window began (admit it); otherwise remembers it. */
    boolean admit(String key) {
        long hash = hash(key);
        int h1 = (int) hash;
        int h2 = (int) (hash >>> 32) | 1;
        Window w = window;
        boolean seen = true;
        for (int i = 0; i < PROBES; i++) {
            int bit = (h1 + i * h2) & mask;
            long word = 1L << bit;
            long before = (long) WORDS.getAndBitwiseOr(w.words, bit >>> 6, word);
            seen &= (before & word) != 0;
        }
        if (!seen && w.sightings.incrementAndGet() == capacity) {
            // the one thread that filled the window starts the next; late writers to the old one are lost
            window = new Window(mask + 1);
        }
        return seen;
    }

    /** Forgets every key (after a vault swap: keys of older generations never come back). */
    void reset() {
        window = new Window(mask + 1);
    }

    /** 64 well-mixed bits of a string (its chars folded, then the SplitMix64 finaliser). */
    static long hash(String key) {
        long h = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < key.length(); i++) {
            h = (h ^ key.charAt(i)) * 0x100000001B3L;
        }
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
