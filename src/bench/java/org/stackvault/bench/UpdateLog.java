package org.stackvault.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stackvault.source.MemcachedStorage;
import org.stackvault.source.PythonMemcachedHash;
import org.stackvault.source.StorageException;

/**
 * Writes a batch of changes into memcached the way the Stackalytics processor's
 * {@code set_records} does, for a consumer to pick up with an incremental refresh: each
 * changed record under {@code record:<id>} (an update keeps its id; a new record takes the
 * next id and {@code record:count} grows), then {@code update:<k>} = record id for each, then
 * {@code update:count}. Values are stored as python-memcached stores them
 * ({@link MemcachedStorage#setMulti}, i.e. {@code StoredValue.encode}).
 *
 * <p>Updated records: existing records spread evenly over the ids, their {@code date} one
 * second later. New records: copies of other existing records with the next ids and a
 * unique {@code primary_key} (the original's plus {@code :bench-<id>}). scripts/bench writes
 * one batch; scripts/soak one every few seconds, each shifted to other ids.
 */
final class UpdateLog {
    private static final int BATCH = 500;

    private UpdateLog() {}

    /** What one batch changed: {@code record:count} and {@code update:count} before and after. */
    record Batch(
            int updated,
            int added,
            long recordCountBefore,
            long recordCountAfter,
            long updateCountBefore,
            long updateCountAfter) {}

    /**
     * {@code apply-updates}: one batch, or with {@code --batches N --every-ms M} N batches M ms
     * apart (each on other ids), as a processor run writes while consumers serve
     * ({@code scripts/cluster}); the figures are of all batches together.
     */
    static void apply(Map<String, String> options, Results results) throws Exception {
        int updated = BenchDriver.intOption(options, "--updated", 10_000);
        int added = BenchDriver.intOption(options, "--new", 10_000);
        int batches = BenchDriver.intOption(options, "--batches", 1);
        int everyMillis = BenchDriver.intOption(options, "--every-ms", 0);
        long started = System.nanoTime();
        try (MemcachedStorage storage = connect(BenchDriver.require(options, "--memcached"))) {
            Batch b = write(storage, updated, added, 0);
            for (int i = 1; i < batches; i++) {
                Thread.sleep(everyMillis);
                Batch next = write(storage, updated, added, 7L * i);
                b = new Batch(
                        b.updated() + next.updated(),
                        b.added() + next.added(),
                        b.recordCountBefore(),
                        next.recordCountAfter(),
                        b.updateCountBefore(),
                        next.updateCountAfter());
            }
            updated = b.updated();
            added = b.added();
            double seconds = (System.nanoTime() - started) / 1e9;
            results.put("updates.updated", updated);
            results.put("updates.new", added);
            results.put("updates.record_count_before", b.recordCountBefore());
            results.put("updates.record_count_after", b.recordCountAfter());
            results.put("updates.update_count_before", b.updateCountBefore());
            results.put("updates.update_count_after", b.updateCountAfter());
            results.put("updates.seconds", String.format(Locale.ROOT, "%.1f", seconds));
            System.err.printf(
                    Locale.ROOT,
                    "bench: wrote %,d updated and %,d new records, update:%d..%d, in %.1f s%n",
                    updated,
                    added,
                    b.updateCountBefore(),
                    b.updateCountAfter() - 1,
                    seconds);
        }
    }

    /** A connection to one memcached server, as the processor's python-memcached (1.59) addresses it. */
    static MemcachedStorage connect(String server) {
        return MemcachedStorage.connect(List.of(server), PythonMemcachedHash.V1_59, 30_000, Integer.MAX_VALUE);
    }

    /**
     * Writes one batch: {@code updated} existing records (ids spread evenly, shifted by
     * {@code offset}) and {@code added} new ones, then their update log entries.
     */
    static Batch write(MemcachedStorage storage, int updated, int added, long offset) {
        long recordCount = asLong(storage.get("record:count"), -1);
        long updateCount = asLong(storage.get("update:count"), 0);
        if (recordCount < Math.max(updated, added)) {
            throw new IllegalStateException("record:count is " + recordCount + "; load a data set first");
        }
        List<Long> logged = new ArrayList<>(updated + added);

        // updated records: ids spread evenly, date + 1 s
        List<Long> updateIds = spread(recordCount, updated, offset);
        Map<String, Object> batch = new LinkedHashMap<>();
        for (Map.Entry<Long, Map<String, Object>> e : read(storage, updateIds).entrySet()) {
            Map<String, Object> record = e.getValue();
            record.put("date", asLong(record.get("date"), 0) + 1);
            batch.put("record:" + e.getKey(), record);
            logged.add(e.getKey());
            flushIfFull(storage, batch);
        }
        flush(storage, batch);

        // new records: copies with the next ids and unique primary keys
        List<Long> sourceIds = spread(recordCount, added, offset + Math.max(1, recordCount / Math.max(1, added) / 2));
        long nextId = recordCount;
        for (Map<String, Object> original : read(storage, sourceIds).values()) {
            Map<String, Object> record = new LinkedHashMap<>(original);
            long id = nextId++;
            record.put("record_id", id);
            record.put("primary_key", record.get("primary_key") + ":bench-" + id);
            batch.put("record:" + id, record);
            logged.add(id);
            flushIfFull(storage, batch);
        }
        flush(storage, batch);
        storage.set("record:count", nextId);

        // the update log, then its count: a consumer reads update:cursor .. update:count-1
        long k = updateCount;
        for (long id : logged) {
            batch.put("update:" + k++, id);
            flushIfFull(storage, batch);
        }
        flush(storage, batch);
        storage.set("update:count", k);
        return new Batch(updated, added, recordCount, nextId, updateCount, k);
    }

    /** {@code n} ids from 0 to {@code count - 1}, evenly spaced, starting at {@code offset}. */
    private static List<Long> spread(long count, int n, long offset) {
        List<Long> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add((offset + (long) i * count / n) % count);
        }
        return ids;
    }

    /** The records of {@code ids} as mutable dicts, in id order; every one must exist. */
    @SuppressWarnings("unchecked")
    private static Map<Long, Map<String, Object>> read(MemcachedStorage storage, List<Long> ids) {
        Map<Long, Map<String, Object>> records = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<String> keys = new ArrayList<>();
            for (long id : ids.subList(from, Math.min(ids.size(), from + BATCH))) {
                keys.add("record:" + id);
            }
            Map<String, Object> values = storage.getMulti(keys);
            for (String key : keys) {
                Object value = values.get(key);
                if (!(value instanceof Map<?, ?> map)) {
                    throw new StorageException(key + " is missing or not a dict");
                }
                records.put(Long.parseLong(key.substring("record:".length())), new LinkedHashMap<>((Map<String, Object>)
                        map));
            }
        }
        return records;
    }

    private static void flushIfFull(MemcachedStorage storage, Map<String, Object> batch) {
        if (batch.size() >= BATCH) {
            flush(storage, batch);
        }
    }

    private static void flush(MemcachedStorage storage, Map<String, Object> batch) {
        if (!batch.isEmpty()) {
            storage.setMulti(batch, 0);
            batch.clear();
        }
    }

    private static long asLong(Object value, long otherwise) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof byte[] b) {
            try {
                return Long.parseLong(new String(b, java.nio.charset.StandardCharsets.US_ASCII).trim());
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return otherwise;
            }
        }
        return otherwise;
    }
}
