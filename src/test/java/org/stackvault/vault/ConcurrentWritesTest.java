package org.stackvault.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import org.stackvault.testing.SwitchableStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestStore;

/**
 * The processor rewrites and adds records while refreshes read them: every published
 * vault is consistent with some state of the update log, and once the writer stops the
 * next refresh catches up exactly.
 */
class ConcurrentWritesTest {
    @Test
    void refreshesWhileTheProcessorWrites_catchUpExactlyOnceItStops() throws Exception {
        SwitchableStorage storage = new SwitchableStorage();
        TestStore store = new TestStore(storage).referenceData().user("john_doe", "John Doe", "IBM", "j@ibm.com");
        TestRecords.Builder[] initial = new TestRecords.Builder[500];
        for (int i = 0; i < initial.length; i++) {
            initial[i] = TestRecords.commit().set("loc", 0L);
        }
        store.load(initial);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        VaultHolder holder = new VaultHolder(new VaultBuilder(storage, 1, pool, 2, new BuildProgress(),
                new SkippedValues(), System::currentTimeMillis), 0.1, List.of(), System::currentTimeMillis);
        holder.refresh(false);

        AtomicBoolean stop = new AtomicBoolean();
        Future<Integer> writer = pool.submit(() -> {
            SplittableRandom random = new SplittableRandom(7);
            int writes = 0;
            while (!stop.get()) {
                if (random.nextInt(4) == 0) {
                    store.insert(TestRecords.commit().set("loc", (long) writes));
                } else {
                    store.replace(random.nextLong(store.recordCount()), TestRecords.commit().company("Intel")
                            .set("loc", (long) writes));
                }
                writes++;
            }
            return writes;
        });
        int published = 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        while (System.nanoTime() < deadline) {
            RefreshResult r = holder.refresh(false);
            assertTrue(r.outcome() != RefreshResult.Outcome.FAILED, r.toString());
            published += r.published() ? 1 : 0;
        }
        stop.set(true);
        int writes = writer.get(10, TimeUnit.SECONDS);
        RefreshResult last = holder.refresh(false);
        assertTrue(last.outcome() != RefreshResult.Outcome.FAILED, last.toString());
        pool.shutdown();

        Vault vault = holder.current();
        assertTrue(published > 1 && writes > 100, published + " vaults, " + writes + " writes");
        assertEquals(store.recordCount(), vault.recordCount());
        for (int row = 0; row < store.recordCount(); row++) {
            Map<?, ?> record = (Map<?, ?>) storage.get("record:" + row);
            assertEquals(((Number) record.get("loc")).intValue(), vault.records().loc(row), "loc of row " + row);
            assertEquals(record.get("company_name"),
                    vault.dictionaries().companies().value(vault.records().company(row)), "company of row " + row);
        }
    }
}
