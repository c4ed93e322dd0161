package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stackvault.jmx.VaultMonitor;
import org.stackvault.source.MemcachedStorage;
import org.stackvault.testing.SharedMemcached;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;
import org.stackvault.vault.ConsumerId;
import org.stackvault.vault.VaultHolder;

/**
 * Many instances on one memcached: each registers under its own consumer id, says so in
 * its health check, answers {@code draining} before it stops, lets the requests in flight
 * finish, and then leaves {@code pids} and deletes its cursor, the other consumers staying.
 */
class GracefulStopTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final SharedMemcached MEMCACHED = new SharedMemcached(64, 1);

    private MemcachedStorage storage;

    @BeforeEach
    void seed() {
        storage = MEMCACHED.storage();
        new TestStore(storage).referenceData().load(TestRecords.commit(), TestRecords.mark());
        // a dashboard of the original kind, registered as the processor expects: its pid, an int
        storage.set("pid:4242", 0L);
        storage.set("pids", Set.of(4242L));
    }

    private static TestServer start() throws Exception {
        return TestServer.startReady(Map.of("memcached", MEMCACHED.process().address(), "refresh-interval", "3600"));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    @Test
    void twoInstances_registerUnderTheirOwnDerivedIds_shownInHealthAndJmx() throws Exception {
        try (TestServer a = start();
                TestServer b = start()) {
            ConsumerId idA = a.app().holder().consumerId();
            ConsumerId idB = b.app().holder().consumerId();
            assertFalse(idA.equals(idB), idA + " " + idB);
            assertTrue(
                    idA.value()
                            .matches("[a-z0-9._-]+-" + ProcessHandle.current().pid() + "-[0-9a-f]{8}"),
                    idA.value());

            JsonNode health = json(a.get("/api/1.0/health"));
            assertEquals("ready", health.get("status").asText());
            assertEquals(idA.value(), health.get("consumer_id").asText());
            assertEquals(idB.value(), new VaultMonitor(b.app().holder(), b.app().cache()).getConsumerId());

            assertEquals(Set.of(4242L, idA.value(), idB.value()), Set.copyOf((Collection<?>) storage.get("pids")));
            assertEquals(0L, storage.get(idA.cursorKey())); // the update log's length when it read
            assertEquals(0L, storage.get(idB.cursorKey()));
        }
    }

    @Test
    void drain_healthAnswers503Draining_whileRequestsAreStillServed() throws Exception {
        try (TestServer server = start()) {
            VaultMonitor jmx =
                    new VaultMonitor(server.app().holder(), server.app().cache());
            assertFalse(jmx.isDraining());
            assertTrue(jmx.drain().startsWith("DRAINING"));
            assertTrue(jmx.isDraining());

            HttpResponse<String> health = server.get("/api/1.0/health");
            assertEquals(503, health.statusCode());
            assertEquals("draining", json(health).get("status").asText());
            assertEquals(
                    "no-store", health.headers().firstValue("Cache-Control").orElse(null));
            assertEquals(200, server.get("/api/1.0/stats/companies?release=all").statusCode());
        }
    }

    @Test
    void stop_waitsForTheRequestInFlight_thenLeavesPidsAndDeletesItsCursor() throws Exception {
        TestServer server = start();
        VaultHolder holder = server.app().holder();
        ConsumerId id = holder.consumerId();
        assertNotNull(storage.get(id.cursorKey()));

        holder.drain().enter(); // a request in flight
        CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        assertFalse(stop.isDone(), "the stop waits for the request in flight");
        assertTrue(holder.drain().draining());
        assertTrue(((Collection<?>) storage.get("pids")).contains(id.value()), "still registered while it serves");

        holder.drain().exit(); // the request ends
        stop.get(20, TimeUnit.SECONDS);

        assertEquals(List.of(4242L), List.copyOf((Collection<?>) storage.get("pids")));
        assertNull(storage.get(id.cursorKey()));
        assertEquals(0L, storage.get("pid:4242"));
    }
}
