package org.stackvault.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.InstantSource;
import org.stackvault.cache.ResponseCache;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultHolder;

/**
 * The served vault, the refresh state and the response cache, read from the holder and the
 * cache when scraped (nothing is copied or updated on the request path): {@code
 * stackvault_vault_*}, {@code stackvault_refresh_in_progress}, {@code
 * stackvault_refresh_consecutive_failures}, {@code stackvault_cache_*}.
 *
 * <p>Thread-safe: it only reads thread-safe collaborators.
 */
public final class VaultMeters implements MeterBinder {
    private final VaultHolder holder;
    private final ResponseCache cache;
    private final InstantSource clock;

    public VaultMeters(VaultHolder holder, ResponseCache cache, InstantSource clock) {
        this.holder = holder;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(
                registry,
                "stackvault.vault.generation",
                "The generation of the served vault; 0: none yet",
                null,
                h -> h.current().generation());
        gauge(
                registry,
                "stackvault.vault.records",
                "Records in the served vault",
                null,
                h -> h.current().recordCount());
        gauge(
                registry,
                "stackvault.vault.users",
                "Users in the served vault",
                null,
                h -> h.current().users().size());
        gauge(
                registry,
                "stackvault.vault.missing.record.slots",
                "Record slots below record:count the served vault found without a value",
                null,
                VaultHolder::missingRecordSlots);
        gauge(
                registry,
                "stackvault.vault.age",
                "Seconds since the served vault was built; NaN while none is served",
                "seconds",
                this::ageSeconds);
        gauge(
                registry,
                "stackvault.refresh.in.progress",
                "1 while a refresh runs, else 0",
                null,
                h -> h.refreshing() ? 1 : 0);
        gauge(
                registry,
                "stackvault.refresh.consecutive.failures",
                "Refreshes in a row that failed (not refused), since the last that did not",
                null,
                VaultHolder::consecutiveFailures);

        FunctionCounter.builder("stackvault.cache.hits", cache, ResponseCache::hits)
                .description("API requests answered from the response cache")
                .register(registry);
        FunctionCounter.builder("stackvault.cache.misses", cache, ResponseCache::misses)
                .description("API requests of an endpoint the response cache did not hold")
                .register(registry);
        FunctionCounter.builder("stackvault.cache.admissions", cache, ResponseCache::admissions)
                .description("Answers stored in the response cache (on their key's second miss)")
                .register(registry);
        Gauge.builder("stackvault.cache.entries", cache, ResponseCache::entries)
                .description("Answers the response cache holds")
                .strongReference(true)
                .register(registry);
        Gauge.builder("stackvault.cache.offheap.allocated", cache, ResponseCache::offHeapAllocatedBytes)
                .description("Bytes the response cache's off-heap tier has allocated")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
        Gauge.builder("stackvault.cache.offheap.limit", cache, ResponseCache::offHeapLimitBytes)
                .description("The response cache's configured off-heap size")
                .baseUnit("bytes")
                .strongReference(true)
                .register(registry);
    }

    private double ageSeconds(VaultHolder h) {
        Vault vault = h.current();
        return vault.generation() == 0 ? Double.NaN : (clock.millis() - vault.builtAtMillis()) / 1000.0;
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String description,
            String baseUnit,
            java.util.function.ToDoubleFunction<VaultHolder> value) {
        Gauge.builder(name, holder, value)
                .description(description)
                .baseUnit(baseUnit)
                .strongReference(true)
                .register(registry);
    }
}
