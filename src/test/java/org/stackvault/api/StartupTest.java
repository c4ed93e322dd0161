package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stackvault.testing.TestServer;

/** Deploying while the source is unreachable: the WAR starts and answers 503 until it has data. */
class StartupTest {
    @Test
    void unreachableMemcachedAtStart_deploysAndAnswers503WithRetryAfter() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (TestServer server = TestServer.start(Map.of(
                "memcached", "127.0.0.1:" + closedPort, "memcached-timeout-ms", "300", "refresh-interval", "3600"))) {
            HttpResponse<String> response = server.get("/api/1.0/stats/companies");
            assertEquals(503, response.statusCode());
            assertEquals("5", response.headers().firstValue("Retry-After").orElse(""));
            var error = new ObjectMapper().readTree(response.body()).get("error");
            assertEquals(503, error.get("status").asInt());
            assertTrue(error.get("message").asText().contains("memcached"), error.toString());

            HttpResponse<String> health = server.get("/api/1.0/health");
            assertEquals(503, health.statusCode());
            var status = new ObjectMapper().readTree(health.body());
            assertEquals("starting", status.get("status").asText());
            assertEquals(0, status.get("generation").asInt());
        }
    }
}
