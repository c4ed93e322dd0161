package org.stackvault.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.stackvault.source.MemcachedStorage;
import org.stackvault.testing.Faults;
import org.stackvault.testing.MemcachedProcess;
import org.stackvault.testing.SwitchableStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestStore;
import org.stackvault.testing.TestVaults;

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
        VaultHolder holder = TestVaults.holder(storage, pool, 2);
        holder.refresh(false);

        AtomicBoolean stop = new AtomicBoolean();
        Future<Integer> writer = pool.submit(() -> {
            SplittableRandom random = new SplittableRandom(7);
            int writes = 0;
            while (!stop.get()) {
                if (random.nextInt(4) == 0) {
                    store.insert(TestRecords.commit().set("loc", (long) writes));
                } else {
                    store.replace(
                            random.nextLong(store.recordCount()),
                            TestRecords.commit().company("Intel").set("loc", (long) writes));
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
            assertEquals(
                    ((Number) record.get("loc")).intValue(), vault.records().loc(row), "loc of row " + row);
            assertEquals(
                    record.get("company_name"),
                    vault.dictionaries().companies().value(vault.records().company(row)),
                    "company of row " + row);
        }
    }

    /** The record the processor's write number {@code stamp} stores: loc, author and company all say it. */
    private static TestRecords.Builder stamped(long stamp) {
        return TestRecords.commit()
                .set("loc", stamp)
                .set("author_name", "w" + stamp)
                .company("C" + stamp % 7);
    }

    /**
     * A writer thread writes a real memcached as the processor does (record:N, record:count,
     * update:K, update:count) while refreshes run one after another. Every published vault
     * must hold, for each row, the write the update log named last before the vault's
     * cursor or a later one, and no row mixes two writes; once the writer stops, one more
     * refresh equals memcached exactly.
     */
    @Test
    void refreshesOfARealMemcachedWhileTheProcessorWrites_eachVaultIsAConsistentPrefix_thenCatchesUpExactly()
            throws Exception {
        try (MemcachedProcess memcached = MemcachedProcess.start();
                MemcachedStorage reader = Faults.connect(memcached.address());
                MemcachedStorage processor = Faults.connect(memcached.address());
                Faults.LocalHolder local = Faults.LocalHolder.on(reader, 3)) {
            TestStore store = new TestStore(processor).referenceData().user("john_doe", "John Doe", "IBM", "j@ibm.com");
            TestRecords.Builder[] initial = new TestRecords.Builder[300];
            java.util.Arrays.setAll(initial, i -> stamped(0));
            store.load(initial);
            VaultHolder holder = local.holder();
            assertEquals(RefreshResult.Outcome.FULL, holder.refresh(false).outcome());

            // update-log entry k -> {row, stamp}, recorded before update:count makes it visible
            Map<Long, long[]> log = new java.util.concurrent.ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService writerThread = Executors.newSingleThreadExecutor();
            Future<Integer> writer = writerThread.submit(() -> {
                SplittableRandom random = new SplittableRandom(11);
                long k = 0;
                while (!stop.get()) {
                    long stamp = k + 1;
                    if (random.nextInt(4) == 0) {
                        log.put(k, new long[] {store.recordCount(), stamp});
                        store.insert(stamped(stamp));
                    } else {
                        long row = random.nextLong(store.recordCount());
                        log.put(k, new long[] {row, stamp});
                        store.replace(row, stamped(stamp));
                    }
                    k++;
                }
                return (int) k;
            });
            int published = 0;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
            while (System.nanoTime() < deadline) {
                RefreshResult r = holder.refresh(false);
                assertTrue(r.published() || r.outcome() == RefreshResult.Outcome.UNCHANGED, r.toString());
                if (r.published()) {
                    published++;
                    assertConsistentPrefix(holder.current(), log);
                }
            }
            stop.set(true);
            int writes = writer.get(10, TimeUnit.SECONDS);
            writerThread.shutdown();
            RefreshResult last = holder.refresh(false);
            assertTrue(last.published() || last.outcome() == RefreshResult.Outcome.UNCHANGED, last.toString());

            Vault vault = holder.current();
            assertTrue(published > 1 && writes > 100, published + " vaults, " + writes + " writes");
            assertEquals(writes, vault.updateCursor());
            assertEquals(store.recordCount(), vault.recordCount());
            for (int row = 0; row < store.recordCount(); row++) {
                Map<?, ?> record = (Map<?, ?>) reader.get("record:" + row);
                assertEquals(
                        ((Number) record.get("loc")).intValue(), vault.records().loc(row), "loc of row " + row);
            }
            assertConsistentPrefix(vault, log);
        }
    }

    private static void assertConsistentPrefix(Vault vault, Map<Long, long[]> log) {
        RecordTable t = vault.records();
        Map<Long, Long> required = new java.util.HashMap<>();
        for (long k = 0; k < vault.updateCursor(); k++) {
            long[] entry = log.get(k);
            required.merge(entry[0], entry[1], Math::max);
        }
        for (Map.Entry<Long, Long> e : required.entrySet()) {
            int row = (int) (long) e.getKey();
            assertTrue(
                    row < t.size() && !t.isEmpty(row),
                    "row " + row + " logged before cursor " + vault.updateCursor() + " is missing from generation "
                            + vault.generation());
            assertTrue(
                    t.loc(row) >= e.getValue(),
                    "row " + row + " holds write " + t.loc(row) + ", but write " + e.getValue()
                            + " was logged before cursor " + vault.updateCursor());
        }
        for (int row = 0; row < t.size(); row++) {
            if (!t.isEmpty(row)) {
                long stamp = t.loc(row);
                assertEquals("w" + stamp, vault.dictionaries().texts().value(t.author(row)), "torn row " + row);
                assertEquals(
                        "C" + stamp % 7, vault.dictionaries().companies().value(t.company(row)), "torn row " + row);
            }
        }
    }
}
