package org.stackvault.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stackvault.source.RuntimeStorage;

/**
 * Writes records the way the processor's {@code runtime_storage.MemcachedStorage.set_records}
 * does, one record at a time and in its order of keys:
 * <ul>
 * <li>a record whose {@code primary_key} is stored already keeps that slot's {@code record_id}
 *     and is rewritten in place: {@code record:<id>};</li>
 * <li>a new one takes {@code record:count} as its id: {@code record:<id>}, then
 *     {@code record:count = id + 1};</li>
 * <li>then, for either, {@code _commit_update}: {@code update:<update:count> = id}, then
 *     {@code update:count + 1}.</li>
 * </ul>
 * The index of primary keys is read from every stored record on first use, as the processor's
 * {@code _build_index_lazily} does. Single-threaded.
 */
public final class ProcessorWriter {
    private static final int BULK_READ = 500;

    private final RuntimeStorage storage;
    private Map<String, Long> recordIndex;

    public ProcessorWriter(RuntimeStorage storage) {
        this.storage = storage;
    }

    /** Stores each record (a copy, its {@code record_id} set) and logs it; returns the ids, in order. */
    @SafeVarargs
    public final List<Long> setRecords(Map<String, ?>... records) {
        Map<String, Long> index = index();
        List<Long> ids = new ArrayList<>();
        for (Map<String, ?> given : records) {
            Map<String, Object> record = new LinkedHashMap<>(given);
            String primaryKey = (String) record.get("primary_key");
            Long id = index.get(primaryKey);
            if (id != null) {
                record.put("record_id", id);
                storage.set("record:" + id, record);
            } else {
                id = count("record:count");
                record.put("record_id", id);
                index.put(primaryKey, id);
                storage.set("record:" + id, record);
                storage.set("record:count", id + 1);
            }
            long update = count("update:count");
            storage.set("update:" + update, id);
            storage.set("update:count", update + 1);
            ids.add(id);
        }
        return ids;
    }

    private Map<String, Long> index() {
        if (recordIndex == null) {
            recordIndex = new HashMap<>();
            long count = count("record:count");
            for (long from = 0; from < count; from += BULK_READ) {
                List<String> keys = new ArrayList<>();
                for (long id = from; id < Math.min(count, from + BULK_READ); id++) {
                    keys.add("record:" + id);
                }
                for (Object value : storage.getMulti(keys).values()) {
                    Map<?, ?> record = (Map<?, ?>) value;
                    recordIndex.put((String) record.get("primary_key"), ((Number) record.get("record_id")).longValue());
                }
            }
        }
        return recordIndex;
    }

    /** The processor's {@code get_by_key(key) or 0}. */
    private long count(String key) {
        Object value = storage.get(key);
        return value instanceof Number n ? n.longValue() : 0;
    }
}
