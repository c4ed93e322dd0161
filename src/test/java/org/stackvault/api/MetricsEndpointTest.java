package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stackvault.testing.PrometheusText;
import org.stackvault.testing.RunningServer;
import org.stackvault.testing.TestServer;
import org.stackvault.vault.RefreshResult;

/** {@code /-/metrics} scraped through a real server and read with a strict Prometheus text parser. */
class MetricsEndpointTest {
    @RegisterExtension
    static final RunningServer SERVER = new RunningServer(Map.of());

    private static final String REQUESTS = "stackvault_http_request_duration_seconds_count";

    private static PrometheusText scrape() throws Exception {
        HttpResponse<String> response = SERVER.server().get("/-/metrics");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                List.of("text/plain;version=0.0.4;charset=utf-8"),
                response.headers().allValues("Content-Type").stream()
                        .map(t -> t.replace(" ", "").toLowerCase(java.util.Locale.ROOT))
                        .toList());
        assertEquals(
                "nosniff",
                response.headers().firstValue("X-Content-Type-Options").orElse(""));
        return PrometheusText.parse(response.body());
    }

    @Test
    void scrape_isPrometheusText_withTheVaultCacheRefreshRequestAndJvmMeters() throws Exception {
        PrometheusText metrics = scrape();
        var vault = SERVER.server().app().holder().current();
        assertEquals(vault.generation(), metrics.value("stackvault_vault_generation"));
        assertEquals(vault.recordCount(), metrics.value("stackvault_vault_records"));
        assertTrue(metrics.value("stackvault_vault_age_seconds") >= 0);
        assertTrue(metrics.value("stackvault_refreshes_total", "outcome", "full") >= 1);
        assertEquals(0, metrics.value("stackvault_refreshes_total", "outcome", "refused"));
        assertEquals(0, metrics.value("stackvault_refreshes_total", "outcome", "failed"));
        assertTrue(metrics.value("stackvault_refresh_last_success_timestamp_seconds")
                > System.currentTimeMillis() / 1000.0 - 600);
        assertEquals(0, metrics.value("stackvault_refresh_consecutive_failures"));
        assertTrue(metrics.value("stackvault_cache_offheap_limit_bytes") > 0);
        assertEquals("histogram", metrics.types().get("stackvault_refresh_duration_seconds"));
        for (String name : List.of(
                "stackvault_cache_hits_total",
                "stackvault_cache_misses_total",
                "stackvault_cache_admissions_total",
                "stackvault_cache_entries",
                "stackvault_cache_offheap_allocated_bytes",
                "stackvault_vault_users",
                "stackvault_vault_missing_record_slots",
                "stackvault_refresh_in_progress",
                "jvm_threads_live_threads")) {
            assertTrue(metrics.value(name) >= 0, name);
        }
        Set<String> names =
                metrics.samples().stream().map(PrometheusText.Sample::name).collect(Collectors.toSet());
        assertTrue(names.contains("jvm_memory_used_bytes"), "JVM memory");
        assertTrue(names.stream().anyMatch(n -> n.startsWith("jvm_gc_")), "GC");
        // the conventions: counters end in _total, a unit is a base unit
        metrics.types().forEach((name, type) -> {
            if (name.startsWith("stackvault_")) {
                assertEquals(type.equals("counter"), name.endsWith("_total"), name + " " + type);
                assertFalse(name.matches(".*_(milliseconds|millis|ms|kilobytes|megabytes)(_.*)?"), name);
            }
        });
    }

    @Test
    void refresh_movesTheGenerationAndTheRefreshCounters() throws Exception {
        PrometheusText before = scrape();
        RefreshResult result = SERVER.server().app().holder().refresh(true);
        assertEquals(RefreshResult.Outcome.FULL, result.outcome());
        PrometheusText after = scrape();
        assertEquals(before.value("stackvault_vault_generation") + 1, after.value("stackvault_vault_generation"));
        assertEquals(
                before.value("stackvault_refreshes_total", "outcome", "full") + 1,
                after.value("stackvault_refreshes_total", "outcome", "full"));
        assertEquals(
                before.value("stackvault_refresh_duration_seconds_count", "outcome", "full") + 1,
                after.value("stackvault_refresh_duration_seconds_count", "outcome", "full"));
        assertEquals(
                before.value("stackvault_refreshes_total", "outcome", "incremental"),
                after.value("stackvault_refreshes_total", "outcome", "incremental"));
        assertEquals(
                result.finishedMillis() / 1000.0, after.value("stackvault_refresh_last_success_timestamp_seconds"));
    }

    @Test
    void requests_moveTheCountersOfTheirEndpointAndStatus_labelledByTheTableNeverTheUrl() throws Exception {
        TestServer server = SERVER.server();
        PrometheusText before = scrape();
        for (String path : List.of(
                "/api/1.0/releases",
                "/api/1.0/releases?callback=cb",
                "/api/1.0/releases",
                "/api/1.0/users/no-such-user-4711",
                "/api/1.0/no-such-endpoint-4711",
                "/api/1.0/health")) {
            server.get(path);
        }
        PrometheusText after = scrape();
        assertEquals(3, delta(before, after, REQUESTS, "endpoint", "releases", "status", "200"));
        assertEquals(1, delta(before, after, REQUESTS, "endpoint", "users/{id}", "status", "404"));
        assertEquals(1, delta(before, after, REQUESTS, "endpoint", "unknown", "status", "404"));
        assertEquals(1, delta(before, after, REQUESTS, "endpoint", "health", "status", "200"));
        assertEquals(
                3,
                delta(
                        before,
                        after,
                        "stackvault_http_request_duration_seconds_bucket",
                        "endpoint",
                        "releases",
                        "status",
                        "200",
                        "le",
                        "+Inf"));
        assertTrue(delta(before, after, "stackvault_cache_hits_total") >= 1, "a hit among the releases");
        assertTrue(delta(before, after, "stackvault_cache_misses_total") >= 1);
        assertTrue(
                after.samples().stream()
                        .flatMap(s -> s.labels().values().stream())
                        .noneMatch(v -> v.contains("4711")),
                "a raw path in a label");
    }

    private static double delta(PrometheusText before, PrometheusText after, String name, String... labels) {
        return after.valueOrZero(name, labels) - before.valueOrZero(name, labels);
    }

    @Test
    void scrape_fromAnAddressNotAllowed_isRefused403WithAJsonError() throws Exception {
        try (TestServer server = TestServer.start(Map.of("metrics-allow", "192.0.2.0/24,2001:db8::/32"))) {
            HttpResponse<String> response = server.get("/-/metrics");
            assertEquals(403, response.statusCode());
            assertEquals(
                    "nosniff",
                    response.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            assertTrue(
                    response.body().contains("\"status\": 403")
                            || response.body().contains("\"status\":403"),
                    response.body());
            assertFalse(response.body().contains("stackvault_"), response.body());
        }
    }
}
