package org.stackvault.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.stackvault.source.MemcachedStorage;
import org.stackvault.source.PythonMemcachedHash;
import org.stackvault.testing.MemcachedProcess;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;

/**
 * The refresh schedule on its own: Stackvault in embedded Jetty, refreshing every second from
 * a real memcached; the processor changes records through the update log and the API shows
 * the change without anyone asking for a refresh.
 */
class ScheduledRefreshTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String COMMITS = "/api/1.0/stats/companies?release=all&project_type=all&metric=commits";
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @Test
    void processorChanges_areServedByTheNextScheduledRefresh_withoutAManualOne() throws Exception {
        try (MemcachedProcess memcached = MemcachedProcess.start();
                MemcachedStorage storage = MemcachedStorage.connect(
                        List.of(memcached.address()), PythonMemcachedHash.V1_59, 5000, 20 << 20)) {
            TestStore store = new TestStore(storage)
                    .referenceData()
                    .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                    .load(
                            TestRecords.commit(),
                            TestRecords.commit(),
                            TestRecords.commit().company("Intel"));
            try (TestServer server = TestServer.startReady(
                    Map.of("memcached", memcached.address(), "refresh-interval", "1", "consumer-id", "2024"))) {
                assertEquals(Map.of("IBM", 2, "Intel", 1), commitsByCompany(server));
                long generation = server.app().holder().current().generation();

                store.replace(1, TestRecords.commit().company("Red Hat"))
                        .insert(TestRecords.commit().company("Intel"));

                Map<String, Integer> expected = Map.of("IBM", 1, "Intel", 2, "Red Hat", 1);
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                Map<String, Integer> served = commitsByCompany(server);
                while (!served.equals(expected) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    served = commitsByCompany(server);
                }
                assertEquals(
                        expected,
                        served,
                        "served within " + DEADLINE + "; last refresh: "
                                + server.app().holder().lastResult());
                Vault current = server.app().holder().current();
                assertTrue(current.generation() > generation, "a new generation was published");
                assertEquals(4, current.recordCount());
                while (!Long.valueOf(2).equals(storage.get("pid:2024")) && System.nanoTime() < deadline) {
                    Thread.sleep(10); // the cursor is stored just after the vault is published
                }
                assertEquals(2L, storage.get("pid:2024"), "the scheduled refresh moved the cursor past both updates");
            }
        }
    }

    private static Map<String, Integer> commitsByCompany(TestServer server) throws Exception {
        var response = server.get(COMMITS);
        assertEquals(200, response.statusCode(), response.body());
        Map<String, Integer> byCompany = new TreeMap<>();
        MAPPER.readTree(response.body())
                .get("stats")
                .forEach(row ->
                        byCompany.put(row.get("id").asText(), row.get("metric").asInt()));
        return byCompany;
    }
}
