package org.stackvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.stackvault.source.MemcachedStorage;
import org.stackvault.source.PythonMemcachedHash;
import org.stackvault.testing.MemcachedProcess;
import org.stackvault.testing.ProcessorWriter;
import org.stackvault.testing.TestServer;
import org.stackvault.vault.RefreshResult;
import org.stackvault.vault.VaultHolder;

/**
 * A data set of the project's generator, restored into a real memcached with load-dump's
 * code, served over HTTP; then the processor's writes (a changed and a new record, the
 * update log) and an incremental refresh through this instance's cursor {@code pid:<id>}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratedDataThroughMemcachedTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long CONSUMER = 31337;
    private static final String COMMITS = "/api/1.0/stats/companies?release=all&project_type=all&metric=commits";

    @TempDir
    static Path dir;

    private static GeneratedDump dump;
    private static MemcachedProcess memcached;
    private static MemcachedStorage storage;
    private static TestServer server;

    @BeforeAll
    static void loadAGeneratedDumpIntoMemcached() throws Exception {
        Path file = GeneratedDump.generate(dir.resolve("generated.pickle"), 3000, 11, null);
        dump = GeneratedDump.read(file);
        memcached = MemcachedProcess.start();
        storage = MemcachedStorage.connect(List.of(memcached.address()), PythonMemcachedHash.V1_59, 5000, 20 << 20);
        long pairs = LoadDump.load(file, storage, 0, new Progress("load-dump", 0, System.err, false, System::nanoTime));
        assertEquals(dump.keys.size(), pairs, "every pair of the dump is set");
        server = TestServer.startReady(Map.of(
                "memcached", memcached.address(), "refresh-interval", "3600", "consumer-id", Long.toString(CONSUMER)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (storage != null) {
            storage.close();
        }
        if (memcached != null) {
            memcached.close();
        }
    }

    @Test
    @Order(1)
    void loadedDump_isServedFromMemcached_withEveryRecordAndCommit() throws Exception {
        VaultHolder holder = server.app().holder();
        assertEquals(dump.keptRecords(), holder.current().recordCount());
        assertEquals(0, holder.skipped().total(), "skipped: " + holder.skipped().byKind());
        // the cursor is stored just after the vault is published
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (storage.get("pid:" + CONSUMER) == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(
                updateCountOfTheDump(), storage.get("pid:" + CONSUMER), "the cursor is registered at the log's end");

        Set<Object> modules = dump.modulesOfProjectType("all");
        Map<String, Integer> expected = new TreeMap<>();
        for (Map<String, Object> commit : dump.ofType("commit")) {
            if (modules.contains(commit.get("module")) && !"*robots".equals(commit.get("company_name"))) {
                expected.merge((String) commit.get("company_name"), 1, Integer::sum);
            }
        }
        assertEquals(expected, commitsByCompany());
    }

    @Test
    @Order(2)
    void processorUpdates_showAfterAnIncrementalRefreshThroughTheCursor() throws Exception {
        Map<String, Integer> before = commitsByCompany();
        Set<Object> modules = dump.modulesOfProjectType("all");
        // a commit of a company with several, to move to another company
        Map<String, Object> moved = dump.ofType("commit").stream()
                .filter(c -> modules.contains(c.get("module")) && before.getOrDefault(c.get("company_name"), 0) > 1)
                .findFirst()
                .orElseThrow();
        String from = (String) moved.get("company_name");
        String to = before.keySet().stream()
                .filter(c -> !c.equals(from))
                .findFirst()
                .orElseThrow();
        Map<String, Object> changed = new LinkedHashMap<>(moved);
        changed.put("company_name", to);
        // a new commit by the same author, at the other company
        Map<String, Object> added = new LinkedHashMap<>(moved);
        String commitId = "f".repeat(40);
        added.put("commit_id", commitId);
        added.put("primary_key", commitId);
        added.put("company_name", to);

        long updateCount = updateCountOfTheDump();
        long recordCount = dump.records.size();
        List<Long> ids = new ProcessorWriter(storage).setRecords(changed, added);

        assertEquals(
                List.of(((Number) moved.get("record_id")).longValue(), recordCount),
                ids,
                "the changed record keeps its slot, the new one takes record:count");
        assertEquals(recordCount + 1, storage.get("record:count"));
        assertEquals(updateCount + 2, storage.get("update:count"));
        assertEquals(ids, List.of(storage.get("update:" + updateCount), storage.get("update:" + (updateCount + 1))));
        assertEquals(before, commitsByCompany(), "nothing changes before a refresh");

        VaultHolder holder = server.app().holder();
        RefreshResult result = holder.refresh(false);
        assertEquals(
                RefreshResult.Outcome.INCREMENTAL + ": 2 records changed", result.outcome() + ": " + result.message());
        assertEquals(updateCount + 2, storage.get("pid:" + CONSUMER), "the cursor moved to the log's end");

        Map<String, Integer> after = commitsByCompany();
        Map<String, Integer> expected = new TreeMap<>(before);
        expected.merge(from, -1, Integer::sum);
        expected.merge(to, 2, Integer::sum);
        assertEquals(expected, after);
        assertEquals(dump.keptRecords() + 1, holder.current().recordCount());

        JsonNode activity = get("/api/1.0/activity?release=all&project_type=all&metric=commits&page_size=100"
                        + "&company=" + encode(to) + "&user_id=" + encode((String) moved.get("user_id")))
                .get("activity");
        assertTrue(contains(activity, commitId), "the new commit is in the author's activity at " + to);
        assertTrue(contains(activity, (String) moved.get("commit_id")), "so is the changed one");
    }

    /** Like the original's stackalytics-dump, the generator may leave the update log out: then it is empty. */
    private static long updateCountOfTheDump() {
        return ((Number) dump.other.getOrDefault("update:count", 0L)).longValue();
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static boolean contains(JsonNode activity, String commitId) {
        for (JsonNode record : activity) {
            if (commitId.equals(record.path("commit_id").asText())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Integer> commitsByCompany() throws Exception {
        Map<String, Integer> byCompany = new TreeMap<>();
        get(COMMITS)
                .get("stats")
                .forEach(row ->
                        byCompany.put(row.get("id").asText(), row.get("metric").asInt()));
        return byCompany;
    }

    private static JsonNode get(String path) throws Exception {
        var response = server.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return MAPPER.readTree(response.body());
    }
}
