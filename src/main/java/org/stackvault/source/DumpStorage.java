package org.stackvault.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A runtime storage held in this JVM's memory, loaded from a {@code stackalytics-dump}
 * file: the embedded default source (the bundled sample) and {@code --dump FILE}. Values
 * are kept decoded, so it suits sample and test data sets, not production sizes.
 *
 * <p>Thread-safe (a concurrent map); values handed out must not be modified.
 */
public final class DumpStorage implements RuntimeStorage {
    private final ConcurrentHashMap<String, Object> values;
    private final String description;

    private DumpStorage(ConcurrentHashMap<String, Object> values, String description) {
        this.values = values;
        this.description = description;
    }

    public static DumpStorage load(Path file) throws IOException {
        ConcurrentHashMap<String, Object> values = new ConcurrentHashMap<>();
        DumpFile.read(file, (entry, bytes) -> put(values, entry));
        return new DumpStorage(values, "dump " + file.getFileName());
    }

    public static DumpStorage load(InputStream in, String name) throws IOException {
        ConcurrentHashMap<String, Object> values = new ConcurrentHashMap<>();
        DumpFile.read(in, (entry, bytes) -> put(values, entry));
        return new DumpStorage(values, name);
    }

    public static DumpStorage empty(String name) {
        return new DumpStorage(new ConcurrentHashMap<>(), name);
    }

    private static void put(Map<String, Object> values, DumpFile.Entry entry) {
        if (entry.value() == null) {
            values.remove(entry.key());
        } else {
            values.put(entry.key(), entry.value());
        }
    }

    @Override
    public Object get(String key) {
        return values.get(key);
    }

    @Override
    public Map<String, Object> getMulti(Collection<String> keys, UndecodableHandler onUndecodable) {
        Map<String, Object> found = new HashMap<>(keys.size() * 4 / 3 + 1);
        for (String key : keys) {
            Object value = values.get(key);
            if (value != null) {
                found.put(key, value);
            }
        }
        return found;
    }

    @Override
    public void set(String key, Object value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, value);
        }
    }

    @Override
    public void delete(String key) {
        values.remove(key);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        // nothing held outside the heap
    }
}
