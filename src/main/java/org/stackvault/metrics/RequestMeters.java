package org.stackvault.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.stackvault.query.Endpoint;

/**
 * {@code stackvault_http_request_duration_seconds{endpoint, status}}: the latency of every
 * API request, as a histogram, by the endpoint of the table it names ({@code users/{id}},
 * never the id or the raw URL), {@code health}, or {@code unknown} for any other path, and
 * the status answered. The label values are bounded: the endpoints, two more, and the
 * statuses.
 *
 * <p>A timer is built once per endpoint and status, on its first request, and found again
 * with a map lookup by path and an array index by status: recording builds nothing.
 *
 * <p>Thread-safe.
 */
public final class RequestMeters {
    /** The name; Prometheus adds {@code _seconds} and the histogram's suffixes. */
    public static final String NAME = "stackvault.http.request.duration";

    static final String HEALTH = "health";
    static final String UNKNOWN = "unknown";
    private static final int MAX_STATUS = 599;
    /** Bucket bounds: a cached answer takes well under a millisecond, a big computed one seconds. */
    private static final Duration[] BUCKETS = {
        Duration.ofNanos(100_000),
        Duration.ofNanos(250_000),
        Duration.ofNanos(500_000),
        Duration.ofMillis(1),
        Duration.ofMillis(2),
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    /** The timers of one endpoint label, by status (0 for a status outside 100–599). */
    private static final class ByStatus {
        private final MeterRegistry registry;
        private final String endpoint;
        private final AtomicReferenceArray<Timer> timers = new AtomicReferenceArray<>(MAX_STATUS + 1);

        ByStatus(MeterRegistry registry, String endpoint) {
            this.registry = registry;
            this.endpoint = endpoint;
        }

        Timer timer(int status) {
            int index = status >= 100 && status <= MAX_STATUS ? status : 0;
            Timer timer = timers.get(index);
            if (timer == null) {
                // the registry returns the same timer to a racing thread
                timer = Timer.builder(NAME)
                        .description("API requests by endpoint and status, and their latency")
                        .tags("endpoint", endpoint, "status", index == 0 ? "other" : Integer.toString(index))
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry);
                timers.set(index, timer);
            }
            return timer;
        }
    }

    private final Map<Endpoint<?>, ByStatus> byEndpoint;

    private final ByStatus health;
    private final ByStatus unknown;

    RequestMeters(MeterRegistry registry) {
        Map<Endpoint<?>, ByStatus> map = new HashMap<>();
        for (Endpoint<?> endpoint : Endpoint.ALL) {
            map.put(endpoint, new ByStatus(registry, endpoint.path()));
        }
        this.byEndpoint = Map.copyOf(map);
        this.health = new ByStatus(registry, HEALTH);
        this.unknown = new ByStatus(registry, UNKNOWN);
    }

    /**
     * Records one request.
     *
     * @param pathInApi the path below {@code /api/1.0} as sent ({@code /stats/companies}), or null
     * @param status    the status answered
     * @param nanos     how long it took
     */
    public void record(String pathInApi, int status, long nanos) {
        byLabel(pathInApi).timer(status).record(nanos, TimeUnit.NANOSECONDS);
    }

    private ByStatus byLabel(String pathInApi) {
        if (pathInApi == null || !pathInApi.startsWith("/")) {
            return unknown;
        }
        if ("/health".equals(pathInApi)) {
            return health;
        }
        Endpoint<?> endpoint = Endpoint.of(pathInApi.substring(1));
        return endpoint == null ? unknown : byEndpoint.get(endpoint);
    }
}
