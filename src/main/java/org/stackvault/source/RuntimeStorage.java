package org.stackvault.source;

import java.util.Collection;
import java.util.Map;

/**
 * The key-value store the Stackalytics processor writes (memcached, or a dump file held
 * in memory). Values come back decoded (see {@link PickleCodec} for their Java types).
 *
 * <p>Implementations are thread-safe. Reads never return a partial answer silently: a
 * read that cannot be completed throws {@link StorageException}.
 */
public interface RuntimeStorage extends AutoCloseable {

    /** The value under {@code key}, or null when absent. */
    Object get(String key);

    /**
     * Values of many keys; absent keys are missing from the map. Undecodable values are
     * missing too and reported through {@code onUndecodable}.
     */
    Map<String, Object> getMulti(Collection<String> keys, UndecodableHandler onUndecodable);

    default Map<String, Object> getMulti(Collection<String> keys) {
        return getMulti(keys, UndecodableHandler.FAIL);
    }

    void set(String key, Object value);

    void delete(String key);

    /** Human-readable description, e.g. {@code memcached 127.0.0.1:11211} (no secrets). */
    String description();

    @Override
    void close();

    /** Told about each value that cannot be decoded. */
    @FunctionalInterface
    interface UndecodableHandler {
        UndecodableHandler FAIL = (key, error) -> {
            throw error;
        };

        void undecodable(String key, UndecodableValueException error);
    }
}
