package org.stackvault.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.stackvault.vault.RefreshResult;
import org.stackvault.vault.RefreshResult.Outcome;

/**
 * Counts and times every refresh as the holder reports it (a {@code VaultHolder} refresh
 * listener): {@code stackvault_refreshes_total{outcome}}, {@code
 * stackvault_refresh_duration_seconds{outcome}} and {@code
 * stackvault_refresh_last_success_timestamp_seconds}, the end of the last refresh after
 * which the served data matched the source (published, or the source unchanged).
 *
 * <p>Thread-safe: the holder reports on the refreshing thread, one refresh at a time; the
 * scrape reads a volatile.
 */
public final class RefreshMeters implements Consumer<RefreshResult> {
    /** Bucket bounds: an incremental refresh takes milliseconds, a full build of millions of records a minute. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(100),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60),
        Duration.ofSeconds(120),
        Duration.ofSeconds(300)
    };

    private record Meters(Counter count, Timer duration) {}

    private final Map<Outcome, Meters> byOutcome;
    private volatile double lastSuccessSeconds;

    /** Registers the meters of each outcome a refresh that ran can have, at zero. */
    public RefreshMeters(MeterRegistry registry) {
        Map<Outcome, Meters> map = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            if (outcome == Outcome.NONE || outcome == Outcome.BUSY) {
                continue; // never reported: nothing ran
            }
            String label = outcome.name().toLowerCase(Locale.ROOT);
            map.put(
                    outcome,
                    new Meters(
                            Counter.builder("stackvault.refreshes")
                                    .description("Refreshes by outcome: full, incremental, unchanged, refused, failed")
                                    .tag("outcome", label)
                                    .register(registry),
                            Timer.builder("stackvault.refresh.duration")
                                    .description("How long refreshes took, by outcome (full: a whole build)")
                                    .tag("outcome", label)
                                    .serviceLevelObjectives(BUCKETS)
                                    .register(registry)));
        }
        this.byOutcome = map;
        Gauge.builder("stackvault.refresh.last.success.timestamp", this, m -> m.lastSuccessSeconds)
                .description("When the last refresh ended that left the served data equal to the source"
                        + " (published or unchanged), in seconds since the epoch; 0: none yet")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void accept(RefreshResult result) {
        Meters meters = byOutcome.get(result.outcome());
        if (meters == null) {
            return;
        }
        meters.count().increment();
        meters.duration().record(result.durationMillis(), TimeUnit.MILLISECONDS);
        if (result.published() || result.outcome() == Outcome.UNCHANGED) {
            lastSuccessSeconds = result.finishedMillis() / 1000.0;
        }
    }
}
