package org.stackvault.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stackvault.cache.ResponseCache;
import org.stackvault.testing.PrometheusText;
import org.stackvault.testing.SwitchableStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestStore;
import org.stackvault.vault.BuildProgress;
import org.stackvault.vault.ConsumerId;
import org.stackvault.vault.RefreshResult;
import org.stackvault.vault.RefreshResult.Outcome;
import org.stackvault.vault.SkippedValues;
import org.stackvault.vault.VaultBuilder;
import org.stackvault.vault.VaultHolder;

/** The refresh and vault meters, as the holder reports refreshes of every outcome. */
class RefreshMetersTest {
    private static final ConsumerId CONSUMER = ConsumerId.of("4242");

    private final SwitchableStorage storage = new SwitchableStorage();
    private final TestStore store = new TestStore(storage);
    private final ExecutorService decoders = Executors.newFixedThreadPool(2);
    private final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private final StackvaultMetrics metrics = new StackvaultMetrics();
    private final ResponseCache cache = ResponseCache.ofMegabytes(1);
    private final Consumer<RefreshResult> broken = result -> {
        throw new IllegalStateException("a listener that fails");
    };
    private final VaultHolder holder = new VaultHolder(
            new VaultBuilder(storage, CONSUMER, decoders, 2, new BuildProgress(), new SkippedValues(), clock),
            List.of(),
            List.of(broken, new RefreshMeters(metrics.registry())),
            clock);

    @AfterEach
    void tearDown() {
        metrics.close();
        cache.close();
        decoders.shutdownNow();
    }

    private PrometheusText scrape() {
        return PrometheusText.parse(metrics.scrape());
    }

    private double refreshes(PrometheusText text, String outcome) {
        return text.value("stackvault_refreshes_total", "outcome", outcome);
    }

    @Test
    void everyOutcome_isCountedUnderItsLabel_evenPastAFailingListener() {
        metrics.bind(new VaultMeters(holder, cache, clock));
        PrometheusText before = scrape();
        assertEquals(0, before.value("stackvault_vault_generation"));
        assertTrue(Double.isNaN(before.value("stackvault_vault_age_seconds")), "no vault, no age");
        assertEquals(0, before.value("stackvault_refresh_last_success_timestamp_seconds"));

        store.load(TestRecords.commit(), TestRecords.commit());
        assertEquals(Outcome.FULL, holder.refresh(false).outcome());
        assertEquals(Outcome.UNCHANGED, holder.refresh(false).outcome());
        store.insert(TestRecords.commit());
        now.addAndGet(1_000);
        assertEquals(Outcome.INCREMENTAL, holder.refresh(false).outcome());
        long lastSuccess = now.get();
        now.addAndGet(5_000);
        storage.failReads(true);
        assertEquals(Outcome.FAILED, holder.refresh(false).outcome());
        storage.failReads(false);
        storage.delete("record:count"); // memcached restarted empty
        storage.delete("pid:" + CONSUMER);
        assertEquals(Outcome.REFUSED, holder.refresh(false).outcome());

        PrometheusText after = scrape();
        for (String outcome : List.of("full", "unchanged", "incremental", "failed", "refused")) {
            assertEquals(1, refreshes(after, outcome), outcome);
            assertEquals(1, after.value("stackvault_refresh_duration_seconds_count", "outcome", outcome), outcome);
        }
        assertEquals(2, after.value("stackvault_vault_generation"));
        assertEquals(3, after.value("stackvault_vault_records"));
        assertEquals(5.0, after.value("stackvault_vault_age_seconds"));
        assertEquals(lastSuccess / 1000.0, after.value("stackvault_refresh_last_success_timestamp_seconds"));
        assertEquals(0, after.value("stackvault_refresh_consecutive_failures"), "a refusal ends a run of failures");
    }

    @Test
    void aRunOfFailures_isCountedInARow() {
        metrics.bind(new VaultMeters(holder, cache, clock));
        store.load(TestRecords.commit());
        holder.refresh(false);
        storage.failReads(true);
        store.insert(TestRecords.commit());
        holder.refresh(false);
        holder.refresh(false);
        PrometheusText text = scrape();
        assertEquals(2, text.value("stackvault_refresh_consecutive_failures"));
        assertEquals(2, refreshes(text, "failed"));
        assertEquals(0, text.value("stackvault_refresh_in_progress"));
    }
}
