package org.stackvault.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.stackvault.source.RuntimeStorage;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultHolder;

/**
 * Writes a small runtime storage the way the processor does: reference data (releases
 * stein and train, module groups, project types), users, records, and updates appended
 * to the update log ({@code update:K} = record id, {@code update:count}); or, for ports of
 * the original's API tests, reference data, users and generated records exactly as a
 * scenario defines them ({@link #put}, {@link #userAt}, {@link #loadGenerated}).
 */
public final class TestStore {
    /** 2019-04-10, the end of 'stein'. */
    public static final long STEIN_END = 1554854400L;
    /** 2019-10-16, the end of 'train'. */
    public static final long TRAIN_END = 1571184000L;

    private final RuntimeStorage storage;
    private final java.util.Set<String> written = new java.util.LinkedHashSet<>();
    private long records;
    private long updates;
    private long users;

    public TestStore(RuntimeStorage storage) {
        this.storage = storage;
    }

    private void set(String key, Object value) {
        storage.set(key, value);
        written.add(key);
    }

    /** Sets every pair, pipelined when the storage is a memcached. */
    private void setAll(Map<String, Object> values) {
        if (storage instanceof org.stackvault.source.MemcachedStorage memcached) {
            memcached.setMulti(values, 0);
        } else {
            values.forEach(storage::set);
        }
        written.addAll(values.keySet());
    }

    /** Writes every key set through this store to a stackalytics-dump file. */
    public java.nio.file.Path writeDump(java.nio.file.Path file) throws java.io.IOException {
        try (org.stackvault.source.DumpFile.Writer writer = new org.stackvault.source.DumpFile.Writer(file)) {
            for (String key : written) {
                writer.write(key, storage.get(key));
            }
        }
        return file;
    }

    /** Continues a store whose data is already written: the next record, update and user numbers. */
    public TestStore continueAt(long records, long updates, long users) {
        this.records = records;
        this.updates = updates;
        this.users = users;
        return this;
    }

    public RuntimeStorage storage() {
        return storage;
    }

    /** A vault built once from what this store wrote (one decoder thread, stopped after the build). */
    public Vault vault() {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            VaultHolder holder = TestVaults.holder(storage, pool, 1);
            holder.refresh(false);
            return holder.current();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Releases prehistory/stein/train, module groups nova, glance, a group, project types. */
    public TestStore referenceData() {
        List<Map<String, Object>> releases = new ArrayList<>();
        releases.add(Map.of("release_name", "prehistory", "end_date", 1262304000L, "project", "openstack"));
        releases.add(Map.of("release_name", "Stein", "end_date", STEIN_END, "project", "openstack"));
        releases.add(Map.of("release_name", "Train", "end_date", TRAIN_END, "project", "openstack"));
        set("releases", releases);
        Map<String, Object> groups = new LinkedHashMap<>();
        for (String m : List.of("nova", "glance", "keystone", "unknown")) {
            groups.put(m, Map.of("id", m, "module_group_name", m, "modules", List.of(m), "tag", "module"));
        }
        groups.put(
                "core-group",
                Map.of(
                        "id",
                        "core-group",
                        "module_group_name",
                        "Core group",
                        "modules",
                        List.of("nova", "glance"),
                        "tag",
                        "group"));
        groups.put(
                "openstack-official",
                Map.of(
                        "id",
                        "openstack-official",
                        "module_group_name",
                        "openstack-official",
                        "modules",
                        List.of(),
                        "tag",
                        "project_type",
                        "releases",
                        Map.of("stein", List.of("nova"), "train", List.of("nova", "glance"))));
        set("module_groups", groups);
        set(
                "project_types",
                List.of(
                        Map.of(
                                "id",
                                "all",
                                "title",
                                "OpenStack",
                                "modules",
                                List.of("openstack-official", "keystone", "unknown")),
                        Map.of(
                                "id",
                                "openstack",
                                "title",
                                "Official",
                                "child",
                                true,
                                "modules",
                                List.of("openstack-official")),
                        Map.of(
                                "id",
                                "others",
                                "title",
                                "Others",
                                "child",
                                true,
                                "modules",
                                List.of("keystone", "unknown"))));
        set(
                "repos",
                List.of(Map.of(
                        "module",
                        "nova",
                        "uri",
                        "https://git.openstack.org/openstack/nova.git",
                        "organization",
                        "openstack")));
        set("runtime_storage_update_time", TRAIN_END - 86400);
        return this;
    }

    /**
     * Sets {@code key} to {@code value} exactly as given: reference data ({@code releases},
     * {@code module_groups}, {@code project_types}, {@code repos}) the way a scenario defines it.
     */
    public TestStore put(String key, Object value) {
        set(key, value);
        return this;
    }

    /** {@code releases}: a list of {@code {release_name, end_date, project?}} in order. */
    public TestStore releases(List<?> releases) {
        return put("releases", releases);
    }

    /** {@code module_groups}: id to {@code {id?, module_group_name, modules, tag?, releases?}}. */
    public TestStore moduleGroups(Map<String, ?> moduleGroups) {
        return put("module_groups", moduleGroups);
    }

    /** {@code project_types}: a list of {@code {id, title, modules, child?}}. */
    public TestStore projectTypes(List<?> projectTypes) {
        return put("project_types", projectTypes);
    }

    /** {@code repos}: a list of {@code {module, uri, organization, ...}}. */
    public TestStore repos(List<?> repos) {
        return put("repos", repos);
    }

    /** The original's {@code test_api.make_module(name)}: a module group of one module, tagged 'module'. */
    public static Map<String, Object> makeModule(String name) {
        Map<String, Object> module = new LinkedHashMap<>();
        module.put("id", name);
        module.put("module_group_name", name);
        module.put("modules", List.of(name));
        module.put("tag", "module");
        return module;
    }

    /**
     * Stores a user dict exactly as given under {@code user:<key>} and nowhere else, as a
     * scenario of the original's tests does ({@code 'user:john_doe': {...}}): no
     * {@code user:<seq>} slot, no {@code user:count}. The vault finds such a user by the
     * records' user ids.
     */
    public TestStore userAt(String key, Map<String, ?> user) {
        set("user:" + key, user);
        return this;
    }

    /**
     * Appends generated records in order, each {@code record_id} set to its slot, as the
     * original's {@code test_api._add_generated_records} does; no updates are logged.
     */
    public TestStore loadGenerated(TestRecords.Generator... generators) {
        for (TestRecords.Generator generator : generators) {
            for (Map<String, Object> record : generator.records()) {
                record.put("record_id", records);
                set("record:" + records, record);
                records++;
            }
        }
        set("record:count", records);
        set("update:count", updates);
        return this;
    }

    /** Stores a user (core reviewer of nova on master) as {@link #storeUser} does. */
    public TestStore user(String userId, String name, String company, String... emails) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("user_id", userId);
        user.put("user_name", name);
        user.put("launchpad_id", userId);
        user.put("emails", List.of(emails));
        user.put("companies", List.of(Map.of("company_name", company, "end_date", 0L)));
        user.put("core", List.of(List.of("nova", "master")));
        return storeUser(user);
    }

    /**
     * Stores a user dict as the processor's {@code store_user} does: with the next
     * {@code seq}, under {@code user:<seq>}, its user id, launchpad id and each email;
     * {@code user:count} follows.
     */
    public TestStore storeUser(Map<String, ?> dict) {
        users++;
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("seq", users);
        user.putAll(dict);
        set("user:" + users, user);
        set("user:" + user.get("user_id"), user);
        if (user.get("launchpad_id") instanceof String launchpadId) {
            set("user:" + launchpadId, user);
        }
        if (user.get("emails") instanceof List<?> emails) {
            for (Object email : emails) {
                set("user:" + email, user);
            }
        }
        set("user:count", users);
        return this;
    }

    /** Appends new records (next free slots) without logging updates: a base load. */
    public TestStore load(TestRecords.Builder... builders) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (TestRecords.Builder b : builders) {
            values.put("record:" + records, b.build(records));
            records++;
        }
        setAll(values);
        set("record:count", records);
        set("update:count", updates);
        return this;
    }

    /**
     * Appends new records and logs each in the update log, in the processor's order: the
     * records, {@code record:count}, their update-log entries, {@code update:count}.
     */
    public TestStore insert(TestRecords.Builder... builders) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> log = new LinkedHashMap<>();
        for (TestRecords.Builder b : builders) {
            values.put("record:" + records, b.build(records));
            log.put("update:" + updates++, records);
            records++;
        }
        setAll(values);
        set("record:count", records);
        setAll(log);
        set("update:count", updates);
        return this;
    }

    /**
     * Deletes record {@code id} without logging it, as an evicting memcached loses it (the
     * processor itself never deletes a record).
     */
    public TestStore evict(long id) {
        storage.delete("record:" + id);
        written.remove("record:" + id);
        return this;
    }

    /** Rewrites record {@code id} and logs the update. */
    public TestStore replace(long id, TestRecords.Builder builder) {
        set("record:" + id, builder.build(id));
        logUpdate(id);
        return this;
    }

    /**
     * Rewrites records {@code from .. to-1} with {@code builder.apply(id)} in one batch: the
     * records, then their update-log entries, then {@code update:count}, in the processor's order.
     */
    public TestStore replaceAll(int from, int to, java.util.function.IntFunction<TestRecords.Builder> builder) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> log = new LinkedHashMap<>();
        for (int id = from; id < to; id++) {
            values.put("record:" + id, builder.apply(id).build(id));
            log.put("update:" + updates++, (long) id);
        }
        setAll(values);
        setAll(log);
        set("update:count", updates);
        return this;
    }

    private void logUpdate(long id) {
        set("update:" + updates, id);
        updates++;
        set("update:count", updates);
    }

    public long recordCount() {
        return records;
    }
}
