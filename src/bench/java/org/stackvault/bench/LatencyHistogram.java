package org.stackvault.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies counted in buckets 1 % wide (from 1 µs to about 3 minutes), so that many
 * threads record without locks and a long run keeps a fixed size; a percentile is the upper
 * bound of its bucket, at most 1 % above the exact value. Thread-safe: {@link #record} from
 * any thread, {@link #drain} from one reader.
 */
final class LatencyHistogram {
    private static final double GROWTH = 1.01;
    private static final double LOG_GROWTH = Math.log(GROWTH);
    private static final int BUCKETS = 1950; // 1.01^1950 µs = 2.6e8 µs

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long nanos) {
        double micros = nanos / 1000.0;
        int bucket = micros <= 1 ? 0 : (int) Math.min(BUCKETS - 1, Math.ceil(Math.log(micros) / LOG_GROWTH));
        counts.incrementAndGet(bucket);
    }

    /** The counts recorded since the last drain, as a snapshot; this histogram starts over. */
    Snapshot drain() {
        long[] c = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            c[i] = counts.getAndSet(i, 0);
        }
        return new Snapshot(c);
    }

    /** Counts of one period; not thread-safe. */
    static final class Snapshot {
        private final long[] counts;

        Snapshot() {
            this(new long[BUCKETS]);
        }

        private Snapshot(long[] counts) {
            this.counts = counts;
        }

        void add(Snapshot other) {
            for (int i = 0; i < BUCKETS; i++) {
                counts[i] += other.counts[i];
            }
        }

        long count() {
            long n = 0;
            for (long c : counts) {
                n += c;
            }
            return n;
        }

        /** Nearest rank: the upper bound (ms) of the bucket holding the p-th percentile; NaN when empty. */
        double percentile(double p) {
            long n = count();
            if (n == 0) {
                return Double.NaN;
            }
            long rank = Math.max(1, (long) Math.ceil(p / 100.0 * n));
            long seen = 0;
            for (int i = 0; i < BUCKETS; i++) {
                seen += counts[i];
                if (seen >= rank) {
                    return upperMillis(i);
                }
            }
            return upperMillis(BUCKETS - 1);
        }

        double max() {
            return percentile(100);
        }

        private static double upperMillis(int bucket) {
            return Math.pow(GROWTH, bucket) / 1000.0;
        }
    }
}
