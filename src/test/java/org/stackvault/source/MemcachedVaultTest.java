package org.stackvault.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stackvault.cli.Dump;
import org.stackvault.cli.LoadDump;
import org.stackvault.cli.Progress;
import org.stackvault.testing.MemcachedProcess;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;

/**
 * The whole path through a real memcached: a dump loaded as {@code scripts/load-dump}
 * does, the vault built from memcached, queries over HTTP, updates written the way the
 * processor writes them, a refresh that shows them, and an export that round-trips.
 */
class MemcachedVaultTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static MemcachedProcess memcached;
    private static MemcachedStorage storage;

    @BeforeAll
    static void startMemcached() throws Exception {
        memcached = MemcachedProcess.start();
        storage = MemcachedStorage.connect(List.of(memcached.address()), PythonMemcachedHash.V1_59, 5000, 20 << 20);
    }

    @AfterAll
    static void stop() {
        storage.close();
        memcached.close();
    }

    private static TestStore seed(Path dir) throws Exception {
        Path dump = dir.resolve("seed.pickle");
        // a dump written as the original's stackalytics-dump writes it
        org.stackvault.source.DumpStorage source = org.stackvault.source.DumpStorage.empty("seed");
        TestStore store = new TestStore(source)
                .referenceData()
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .user("jane", "Jane Roe", "Intel", "jane@intel.com")
                .load(
                        TestRecords.commit(),
                        TestRecords.commit().company("Intel").user("jane", "Jane Roe"),
                        TestRecords.mark().company("Intel").user("jane", "Jane Roe"));
        try (org.stackvault.source.DumpFile.Writer writer = new org.stackvault.source.DumpFile.Writer(dump)) {
            for (String key : List.of(
                    "releases",
                    "module_groups",
                    "project_types",
                    "repos",
                    "runtime_storage_update_time",
                    "record:count",
                    "record:0",
                    "record:1",
                    "record:2",
                    "user:count",
                    "user:1",
                    "user:2",
                    "user:john_doe",
                    "user:jane",
                    "user:john_doe@ibm.com",
                    "user:jane@intel.com",
                    "update:count")) {
                writer.write(key, source.get(key));
            }
        }
        long pairs = LoadDump.load(dump, storage, 0, new Progress("load", 0, System.err, false, System::nanoTime));
        assertEquals(17, pairs);
        return new TestStore(storage).continueAt(3, 0, 2);
    }

    @Test
    void loadedDump_servesFromMemcached_andProcessorUpdatesShowAfterRefresh(@TempDir Path dir) throws Exception {
        TestStore store = seed(dir);
        try (TestServer server = TestServer.startReady(
                Map.of("memcached", memcached.address(), "refresh-interval", "3600", "consumer-id", "777"))) {
            JsonNode companies = json(server, "/api/1.0/stats/companies?metric=commits&release=all&project_type=all");
            assertEquals(2, companies.get("stats").size());

            store.replace(0, TestRecords.commit().company("Red Hat"))
                    .insert(
                            TestRecords.commit().company("Red Hat"),
                            TestRecords.commit().company("Intel"));
            assertEquals(
                    "INCREMENTAL: 3 records changed",
                    server.app().holder().refresh(false).outcome() + ": "
                            + server.app().holder().lastResult().message());

            JsonNode after = json(server, "/api/1.0/stats/companies?metric=commits&release=all&project_type=all");
            Map<String, Integer> commitsByCompany = new java.util.TreeMap<>();
            after.get("stats")
                    .forEach(row -> commitsByCompany.put(
                            row.get("id").asText(), row.get("metric").asInt()));
            assertEquals(Map.of("Red Hat", 2, "Intel", 2), commitsByCompany);
            assertEquals(5, server.app().holder().current().recordCount());
            assertEquals(3L, storage.get("pid:777"));
        }
    }

    @Test
    void export_thenLoad_roundTripsEveryRecordAndUser(@TempDir Path dir) throws Exception {
        seed(dir);
        Path out = dir.resolve("export.pickle");
        try (org.stackvault.source.DumpFile.Writer writer = new org.stackvault.source.DumpFile.Writer(out)) {
            Dump.export(storage, writer);
        }
        DumpStorage exported = DumpStorage.load(out);
        for (String key : List.of(
                "record:0",
                "record:1",
                "record:2",
                "user:1",
                "user:2",
                "user:jane@intel.com",
                "releases",
                "module_groups")) {
            assertEquals(storage.get(key), exported.get(key), key);
        }
        assertTrue(Files.size(out) > 1000);
    }

    private static JsonNode json(TestServer server, String path) throws Exception {
        var response = server.get(path);
        assertEquals(200, response.statusCode(), response.body());
        return MAPPER.readTree(response.body());
    }
}
