package org.stackvault.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import org.stackvault.testing.MemcachedProcess;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;
import org.stackvault.vault.BuildProgress;
import org.stackvault.vault.RefreshResult;
import org.stackvault.vault.Vault;

/**
 * Faults of a real memcached process — stalled, killed, restarted empty, one of two
 * servers down, oversized values: the served snapshot keeps serving unchanged, refreshes
 * fail cleanly within bounded time and say why, and nothing partial is ever published.
 */
class MemcachedFaultTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int TIMEOUT_MS = 800;

    private static TestStore seed(MemcachedStorage storage, int records) {
        TestStore store = new TestStore(storage).referenceData()
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .user("jane", "Jane Roe", "Intel", "jane@intel.com");
        List<TestRecords.Builder> builders = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            builders.add(i % 2 == 0 ? TestRecords.commit() : TestRecords.commit().company("Intel").user("jane", "Jane Roe"));
        }
        return store.load(builders.toArray(new TestRecords.Builder[0]));
    }

    private static MemcachedStorage connect(String servers) {
        return MemcachedStorage.connect(List.of(servers.split(",")), PythonMemcachedHash.V1_59, 2000, 20 << 20);
    }

    private static TestServer serve(String servers, String... extra) throws Exception {
        Map<String, String> config = new java.util.HashMap<>(Map.of("memcached", servers, "refresh-interval", "3600",
                "memcached-timeout-ms", Integer.toString(TIMEOUT_MS)));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            config.put(extra[i], extra[i + 1]);
        }
        return TestServer.startReady(config);
    }

    private static JsonNode health(TestServer server) throws Exception {
        return MAPPER.readTree(server.get("/api/1.0/health").body());
    }

    private static void assertStillServes(TestServer server, int commits) throws Exception {
        HttpResponse<String> response = server.get("/api/1.0/contribution?release=all&project_type=all");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(commits, MAPPER.readTree(response.body()).get("contribution").get("commit_count").asInt());
    }

    @Test
    void stalledMemcached_refreshFailsWithinTheTimeout_servedVaultStays_nextRefreshSucceeds() throws Exception {
        try (MemcachedProcess memcached = MemcachedProcess.start();
                MemcachedStorage storage = connect(memcached.address())) {
            TestStore store = seed(storage, 10);
            try (TestServer server = serve(memcached.address())) {
                Vault served = server.app().holder().current();
                store.insert(TestRecords.commit());
                memcached.stall();
                long started = System.nanoTime();
                RefreshResult failed;
                try {
                    failed = server.app().holder().refresh(false);
                } finally {
                    memcached.resume();
                }
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertEquals(RefreshResult.Outcome.FAILED, failed.outcome());
                assertTrue(millis < 10 * TIMEOUT_MS, "refresh took " + millis + " ms");
                assertSame(served, server.app().holder().current());
                assertStillServes(server, 10);
                JsonNode health = health(server);
                assertEquals("degraded", health.get("status").asText());
                assertTrue(health.get("last_error").asText().contains("memcached"), health.toString());

                RefreshResult recovered = retryUntilPublished(server);
                assertTrue(recovered.published(), recovered.toString());
                assertStillServes(server, 11);
                assertEquals("ready", health(server).get("status").asText());
            }
        }
    }

    /** spymemcached reconnects in the background; the first refreshes after a fault may still fail. */
    private static RefreshResult retryUntilPublished(TestServer server) throws InterruptedException {
        RefreshResult result = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            result = server.app().holder().refresh(false);
            if (result.published()) {
                return result;
            }
            Thread.sleep(250);
        }
        return result;
    }

    @Test
    void memcachedKilledDuringAFullBuild_refreshFails_andRestartedEmpty_isRefusedUntilReload() throws Exception {
        try (MemcachedProcess memcached = MemcachedProcess.start();
                MemcachedStorage storage = connect(memcached.address())) {
            seed(storage, 4000);
            try (TestServer server = serve(memcached.address(), "build-threads", "1")) {
                Vault served = server.app().holder().current();
                Thread killer = new Thread(() -> {
                    BuildProgress progress = server.app().holder().progress();
                    while (!(progress.phase() == BuildProgress.Phase.READING_RECORDS && progress.read() > 0)) {
                        Thread.onSpinWait();
                    }
                    memcached.kill();
                });
                killer.start();
                RefreshResult failed = server.app().holder().refresh(true);
                killer.join(10_000);
                assertEquals(RefreshResult.Outcome.FAILED, failed.outcome(), failed.toString());
                assertSame(served, server.app().holder().current());
                assertStillServes(server, 4000);

                memcached.restart(); // empty: no record:count, no cursor
                RefreshResult refused = retryUntilNotFailed(server);
                assertEquals(RefreshResult.Outcome.REFUSED, refused.outcome(), refused.toString());
                assertSame(served, server.app().holder().current());
                assertEquals("degraded", health(server).get("status").asText());
                assertStillServes(server, 4000);

                String reload = (String) java.lang.management.ManagementFactory.getPlatformMBeanServer()
                        .invoke(org.stackvault.jmx.JmxRegistration.objectName("ROOT"), "reload", null, null);
                assertTrue(reload.startsWith("FULL"), reload);
                assertEquals(0, server.app().holder().current().recordCount());
            }
        }
    }

    private static RefreshResult retryUntilNotFailed(TestServer server) throws InterruptedException {
        RefreshResult result = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            result = server.app().holder().refresh(false);
            if (result.outcome() != RefreshResult.Outcome.FAILED) {
                return result;
            }
            Thread.sleep(250);
        }
        return result;
    }

    @Test
    void oneOfTwoServersDown_refreshFails_neverAPartialSnapshot() throws Exception {
        try (MemcachedProcess first = MemcachedProcess.start(); MemcachedProcess second = MemcachedProcess.start()) {
            String both = first.address() + "," + second.address();
            try (MemcachedStorage storage = connect(both)) {
                seed(storage, 200);
                assertTrue(storage.getMulti(List.of("record:0", "record:1", "record:2", "record:3")).size() == 4);
            }
            try (TestServer server = serve(both)) {
                assertEquals(200, server.app().holder().current().recordCount());
                second.kill();
                RefreshResult forced = server.app().holder().refresh(true);
                assertEquals(RefreshResult.Outcome.FAILED, forced.outcome(), forced.toString());
                assertEquals(200, server.app().holder().current().recordCount());
                assertStillServes(server, 200);
            }
        }
    }

    @Test
    void oversizedValue_isRefusedBeforeDecoding_andCounted() throws Exception {
        try (MemcachedProcess memcached = MemcachedProcess.start();
                MemcachedStorage storage = connect(memcached.address())) {
            seed(storage, 3);
            storage.set("record:1", TestRecords.commit().set("message", "x".repeat(200_000)).build(1));
            try (TestServer server = serve(memcached.address(), "max-value-bytes", "65536")) {
                assertEquals(2, server.app().holder().current().recordCount());
                assertEquals(1L, server.app().holder().skipped().byKind().get("record-undecodable"));
            }
        }
    }
}
