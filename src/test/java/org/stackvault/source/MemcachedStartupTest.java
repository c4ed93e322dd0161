package org.stackvault.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.stackvault.testing.Faults;
import org.stackvault.testing.MemcachedProcess;
import org.stackvault.testing.TestServer;
import org.stackvault.vault.RefreshResult;

/**
 * Deploying while memcached is down or its host name does not resolve: the WAR deploys,
 * answers 503 (health {@code starting}, with the error), and the scheduler's back-off
 * retries publish the first vault once memcached is up and filled, with nobody calling
 * refresh.
 */
class MemcachedStartupTest {
    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + timeout);
            }
            Thread.sleep(20);
        }
    }

    private static void assertStarting(TestServer server, String error) throws Exception {
        HttpResponse<String> response = server.get("/api/1.0/stats/companies");
        assertEquals(503, response.statusCode(), response.body());
        assertEquals("5", response.headers().firstValue("Retry-After").orElse(""));
        JsonNode body = Faults.json(response).get("error");
        assertEquals(503, body.get("status").asInt());
        assertTrue(body.get("message").asText().contains(error), body.toString());

        HttpResponse<String> health = server.get("/api/1.0/health");
        assertEquals(503, health.statusCode());
        JsonNode status = Faults.json(health);
        assertEquals("starting", status.get("status").asText());
        assertEquals(0, status.get("generation").asInt());
        assertTrue(status.get("last_error").asText().contains(error), status.toString());
    }

    @Test
    void memcachedDownAtDeploy_answers503_andTheBackOffRetryPublishesOnceMemcachedIsUpAndFilled() throws Exception {
        try (MemcachedProcess memcached = MemcachedProcess.notStarted();
                TestServer server = TestServer.start(Faults.config(memcached.address()))) {
            await(
                    "a failed first refresh",
                    Duration.ofSeconds(10),
                    () -> server.app().holder().lastError() != null);
            assertStarting(server, "memcached");

            memcached.restart();
            try (MemcachedStorage processor = Faults.connect(memcached.address())) {
                Faults.seed(processor, 10);
            }
            long started = System.nanoTime();
            // no refresh() here: the scheduler's retries (1, 2, 4 ... s) pick it up
            server.awaitGeneration(1, Duration.ofSeconds(30));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 30_000, "published " + millis + " ms after memcached was filled");
            // the vault is published a moment before the refresh records its outcome
            await(
                    "the FULL outcome",
                    Duration.ofSeconds(5),
                    () -> server.app().holder().lastResult().outcome() == RefreshResult.Outcome.FULL);
            assertEquals(10, Faults.commits(server));
            assertEquals(
                    200,
                    server.get("/api/1.0/stats/companies?release=all&project_type=all")
                            .statusCode());
            assertEquals("ready", Faults.health(server).get("status").asText());
        }
    }

    @Test
    void unresolvableMemcachedHost_deploysAndAnswers503Starting_withTheErrorShown() throws Exception {
        try (TestServer server = TestServer.start(Faults.config("no-such-host.invalid:11211"))) {
            await(
                    "a failed first refresh",
                    Duration.ofSeconds(10),
                    () -> server.app().holder().lastError() != null);
            assertStarting(server, "cannot resolve memcached host 'no-such-host.invalid'");
            assertTrue(((String) Faults.jmx("LastError")).contains("no-such-host.invalid"));
        }
    }
}
