package org.stackvault.vault;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.stackvault.source.UndecodableValueException;

/**
 * Counts values the builds had to skip (undecodable, malformed, not kept), by kind, for
 * the life of the application; logs the first of each kind once. Thread-safe.
 */
public final class SkippedValues {
    private static final Logger LOG = Logger.getLogger(SkippedValues.class.getName());

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    void skip(String kind, String key, String detail) {
        LongAdder count = counts.get(kind);
        if (count == null) {
            LongAdder fresh = new LongAdder();
            count = counts.putIfAbsent(kind, fresh);
            if (count == null) {
                count = fresh;
                LOG.log(
                        Level.WARNING,
                        "skipping {0} ({1}): {2}; further values of this kind are only counted",
                        new Object[] {key, kind, detail});
            }
        }
        count.increment();
    }

    /**
     * Counts the value of {@code key} the source could not decode, under the key's prefix
     * and the error's kind: {@code record-undecodable}, {@code user-oversized} ...
     */
    void skipUndecodable(String key, UndecodableValueException error) {
        int colon = key.indexOf(':');
        skip((colon > 0 ? key.substring(0, colon) : key) + "-" + error.kind(), key, error.getMessage());
    }

    /** Count of skipped values by kind, sorted by kind. */
    public Map<String, Long> byKind() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((kind, n) -> out.put(kind, n.sum()));
        return out;
    }

    public long total() {
        long sum = 0;
        for (LongAdder n : counts.values()) {
            sum += n.sum();
        }
        return sum;
    }
}
