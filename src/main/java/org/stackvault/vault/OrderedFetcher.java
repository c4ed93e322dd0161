package org.stackvault.vault;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import org.stackvault.source.RuntimeStorage;
import org.stackvault.source.StorageException;

/**
 * Reads many keys for a build: fetches them in chunks on the decoder pool and parses them
 * there, then hands the parsed values to the building thread in key order, so the same
 * data always gives the same vault. Advances the build's progress and logs how far a long
 * read is. Used by one building thread at a time.
 */
final class OrderedFetcher {
    private static final Logger LOG = Logger.getLogger(OrderedFetcher.class.getName());
    private static final int CHUNK = 1000;
    private static final long PROGRESS_LOG_MILLIS = 5_000;
    /** What {@link Parse} is given for a key the source does not hold. */
    static final Object MISSING = new Object();
    /** A key whose value could not be decoded: held by the source, so not missing; counted already. */
    private static final Object UNDECODABLE = new Object();

    private final RuntimeStorage storage;
    private final ExecutorService decoders;
    private final int parallelism;
    private final BuildProgress progress;
    private final SkippedValues skipped;
    private final InstantSource clock;

    OrderedFetcher(
            RuntimeStorage storage,
            ExecutorService decoders,
            int parallelism,
            BuildProgress progress,
            SkippedValues skipped,
            InstantSource clock) {
        this.storage = storage;
        this.decoders = decoders;
        this.parallelism = Math.max(1, parallelism);
        this.progress = progress;
        this.skipped = skipped;
        this.clock = clock;
    }

    /** Parsed value of one key (or {@link #MISSING}), on a decoder thread; not called for undecodable values. */
    @FunctionalInterface
    interface Parse {
        Object parse(String key, Object value);
    }

    /** Applies parsed values in key order, on the calling thread. */
    @FunctionalInterface
    interface Apply {
        void apply(int index, Object parsed);
    }

    /**
     * Fetches {@code keys} in chunks on the decoder pool, parses there, and applies the
     * results here in order; an undecodable value is counted and applied as neither a value
     * nor {@link #MISSING}. At most two chunks per decoder are in flight.
     *
     * @throws StorageException when the storage fails or the build is interrupted
     */
    void fetchInOrder(List<String> keys, Parse parse, Apply apply) {
        ArrayDeque<Future<Object[]>> inFlight = new ArrayDeque<>();
        int next = 0;
        int applied = 0;
        long lastLog = clock.millis();
        try {
            while (applied < keys.size()) {
                while (next < keys.size() && inFlight.size() < parallelism * 2) {
                    List<String> chunk = keys.subList(next, Math.min(keys.size(), next + CHUNK));
                    inFlight.add(decoders.submit(() -> fetchChunk(chunk, parse)));
                    next += chunk.size();
                }
                Object[] parsed = await(inFlight.removeFirst());
                for (Object p : parsed) {
                    apply.apply(applied++, p);
                }
                progress.advance(parsed.length);
                lastLog = logProgress(lastLog, applied, keys.size());
            }
        } finally {
            for (Future<Object[]> f : inFlight) {
                f.cancel(true);
            }
        }
    }

    /** Logs how far a long read is, every few seconds; returns when it last logged. */
    private long logProgress(long lastLog, int done, int total) {
        long now = clock.millis();
        if (now - lastLog < PROGRESS_LOG_MILLIS || done == total) {
            return lastLog;
        }
        LOG.info(() -> progress.phase() + ": " + done + " of " + total + " (" + (100L * done / total) + " %)");
        return now;
    }

    private Object[] fetchChunk(List<String> chunk, Parse parse) {
        Set<String> undecodable = new HashSet<>();
        Map<String, Object> values = storage.getMulti(chunk, (key, error) -> {
            undecodable.add(key);
            skipped.skipUndecodable(key, error);
        });
        Object[] parsed = new Object[chunk.size()];
        for (int i = 0; i < parsed.length; i++) {
            String key = chunk.get(i);
            Object value = values.get(key);
            parsed[i] = undecodable.contains(key) ? UNDECODABLE : parse.parse(key, value == null ? MISSING : value);
        }
        return parsed;
    }

    private static Object[] await(Future<Object[]> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("build interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new StorageException("build failed: " + cause, cause);
        }
    }
}
