package org.stackvault.vault;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stackvault.query.ContributionQuery;
import org.stackvault.query.Defaults;
import org.stackvault.query.Filter;
import org.stackvault.query.RecordFilter;
import org.stackvault.testing.SwitchableStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestStore;

class VaultHolderTest {
    private static final long CONSUMER = 4242;

    private final SwitchableStorage storage = new SwitchableStorage();
    private final TestStore store = new TestStore(storage);
    private ExecutorService decoders;
    private VaultHolder holder;

    @BeforeEach
    void setUp() {
        decoders = Executors.newFixedThreadPool(2);
        store.referenceData()
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .user("jane", "Jane Roe", "Intel", "jane@intel.com");
        holder = new VaultHolder(
                new VaultBuilder(
                        storage,
                        ConsumerId.of(Long.toString(CONSUMER)),
                        decoders,
                        2,
                        new BuildProgress(),
                        new SkippedValues(),
                        InstantSource.system()),
                List.of(),
                InstantSource.system());
    }

    @AfterEach
    void tearDown() {
        decoders.shutdownNow();
    }

    private static long commits(Vault vault) {
        Filter all = Filter.parse(
                name -> switch (name) {
                    case "release", "project_type", "metric" -> "all";
                    default -> null;
                },
                vault,
                Defaults.ORIGINAL);
        return ContributionQuery.summary(vault, RecordFilter.select(vault, all, 2_000_000_000L))
                .commitCount();
    }

    @Test
    void beforeFirstRefresh_servesEmptyGenerationZero() {
        assertEquals(0, holder.current().generation());
        assertEquals(0, holder.current().recordCount());
    }

    @Test
    void vaultAndRefreshTimes_comeFromTheInjectedClock() {
        AtomicLong now = new AtomicLong(1_000_000_000_000L);
        InstantSource clock = () -> Instant.ofEpochMilli(now.get());
        VaultHolder timed = new VaultHolder(
                new VaultBuilder(
                        storage,
                        ConsumerId.of(Long.toString(CONSUMER)),
                        decoders,
                        2,
                        new BuildProgress(),
                        new SkippedValues(),
                        clock),
                List.of(),
                clock);
        assertEquals(1_000_000_000_000L, timed.current().builtAtMillis());

        store.load(TestRecords.commit());
        now.set(1_000_000_060_000L);
        RefreshResult result = timed.refresh(false);

        assertEquals(1_000_000_060_000L, result.startedMillis());
        assertEquals(1_000_000_060_000L, result.finishedMillis());
        assertEquals(1_000_000_060_000L, timed.current().builtAtMillis());
    }

    @Test
    void firstRefresh_publishesGenerationOneAndRegistersTheCursor() {
        store.load(TestRecords.commit(), TestRecords.commit().company("Intel"));
        RefreshResult result = holder.refresh(false);
        assertEquals(RefreshResult.Outcome.FULL, result.outcome());
        assertEquals(1, holder.current().generation());
        assertEquals(2, holder.current().recordCount());
        assertEquals(0L, storage.get("pid:" + CONSUMER));
        assertTrue(((java.util.Collection<?>) storage.get("pids")).contains(CONSUMER));
    }

    @Test
    void incrementalRefresh_appliesUpdatedAndNewRecords() {
        store.load(TestRecords.commit(), TestRecords.commit());
        holder.refresh(false);
        Vault first = holder.current();

        store.replace(1, TestRecords.commit().company("Intel").set("loc", 100L))
                .insert(TestRecords.commit().company("Red Hat"));
        RefreshResult result = holder.refresh(false);

        assertEquals(RefreshResult.Outcome.INCREMENTAL, result.outcome());
        Vault second = holder.current();
        assertEquals(2, second.generation());
        assertEquals(3, second.recordCount());
        assertEquals(
                "Intel",
                second.dictionaries().companies().value(second.records().company(1)));
        assertEquals(100, second.records().loc(1));
        assertEquals(
                "Red Hat",
                second.dictionaries().companies().value(second.records().company(2)));
        // the old snapshot is untouched
        assertEquals(
                "IBM", first.dictionaries().companies().value(first.records().company(1)));
        assertEquals(2, first.recordCount());
        assertEquals(2L, storage.get("pid:" + CONSUMER)); // two entries in the update log
    }

    @Test
    void unchangedSource_publishesNothing() {
        store.load(TestRecords.commit());
        holder.refresh(false);
        Vault first = holder.current();
        RefreshResult result = holder.refresh(false);
        assertEquals(RefreshResult.Outcome.UNCHANGED, result.outcome());
        assertSame(first, holder.current());
    }

    @Test
    void missingCursor_forcesFullReload() {
        store.load(TestRecords.commit());
        holder.refresh(false);
        storage.delete("pid:" + CONSUMER); // the processor purges cursors of consumers it does not see
        store.insert(TestRecords.commit());
        RefreshResult result = holder.refresh(false);
        assertEquals(RefreshResult.Outcome.FULL, result.outcome());
        assertTrue(result.message().contains("missing"), result.message());
        assertEquals(2, holder.current().recordCount());
    }

    @Test
    void updateLogPurgedPastTheCursor_forcesFullReload() {
        store.load(TestRecords.commit());
        holder.refresh(false);
        store.insert(TestRecords.commit(), TestRecords.commit());
        storage.set("first_valid_update", 2L);
        RefreshResult result = holder.refresh(false);
        assertEquals(RefreshResult.Outcome.FULL, result.outcome());
        assertEquals(3, holder.current().recordCount());
    }

    @Test
    void updateLogEntryMissing_forcesFullReloadInsteadOfAPartialSnapshot() {
        store.load(TestRecords.commit());
        holder.refresh(false);
        store.insert(TestRecords.commit(), TestRecords.commit());
        storage.delete("update:0");
        RefreshResult result = holder.refresh(false);
        assertEquals(RefreshResult.Outcome.FULL, result.outcome());
        assertEquals(3, holder.current().recordCount());
    }

    @Test
    void failedRefresh_keepsServingThePreviousVaultAndReportsTheError() {
        store.load(TestRecords.commit());
        holder.refresh(false);
        Vault served = holder.current();
        store.insert(TestRecords.commit());
        storage.failReads(true);
        RefreshResult result = holder.refresh(false);
        assertEquals(RefreshResult.Outcome.FAILED, result.outcome());
        assertSame(served, holder.current());
        assertTrue(holder.lastError().contains("simulated"), holder.lastError());
        assertEquals(1, holder.consecutiveFailures());

        storage.failReads(false);
        assertEquals(RefreshResult.Outcome.INCREMENTAL, holder.refresh(false).outcome());
        assertEquals(0, holder.consecutiveFailures());
    }

    @Test
    void sourceThatLostRecords_isRefusedUntilReload() {
        store.load(TestRecords.commit(), TestRecords.commit(), TestRecords.commit(), TestRecords.commit());
        holder.refresh(false);
        Vault served = holder.current();
        // memcached restarted empty: no record:count, no cursor
        storage.delete("record:count");
        storage.delete("pid:" + CONSUMER);
        RefreshResult refused = holder.refresh(false);
        assertEquals(RefreshResult.Outcome.REFUSED, refused.outcome());
        assertSame(served, holder.current());

        RefreshResult forced = holder.refresh(true);
        assertEquals(RefreshResult.Outcome.FULL, forced.outcome());
        assertEquals(0, holder.current().recordCount());
    }

    @Test
    void refreshWhileAnotherRuns_answersBusyAtOnce() throws Exception {
        store.load(TestRecords.commit());
        CountDownLatch gate = new CountDownLatch(1);
        storage.close(gate);
        Future<RefreshResult> first = decoders.submit(() -> holder.refresh(false));
        while (!holder.refreshing()) {
            Thread.sleep(1);
        }
        assertEquals(RefreshResult.Outcome.BUSY, holder.maybeRefresh().outcome());
        assertEquals(RefreshResult.Outcome.BUSY, holder.tryRefresh(true).outcome());
        storage.open();
        assertEquals(RefreshResult.Outcome.FULL, first.get(10, TimeUnit.SECONDS).outcome());
    }

    /**
     * Readers run while a refresher publishes generation after generation; every answer
     * must come from one generation (commit count == records of that vault) and no reader
     * ever sees the generation go back.
     */
    @Test
    void readersDuringSwaps_eachAnswerComesFromOneGeneration() throws Exception {
        store.load(TestRecords.commit());
        holder.refresh(false);
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(3);
        List<Future<Integer>> results = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            results.add(readers.submit(() -> {
                long lastGeneration = 0;
                int answers = 0;
                while (!stop.get()) {
                    Vault vault = holder.current();
                    assertTrue(vault.generation() >= lastGeneration, "generation went back");
                    lastGeneration = vault.generation();
                    long before = commits(vault);
                    Thread.yield();
                    assertEquals(vault.recordCount(), before);
                    assertEquals(before, commits(vault));
                    answers++;
                }
                return answers;
            }));
        }
        for (int i = 0; i < 40; i++) {
            store.insert(TestRecords.commit());
            assertTrue(holder.refresh(false).published());
        }
        stop.set(true);
        for (Future<Integer> f : results) {
            assertTrue(f.get(30, TimeUnit.SECONDS) > 0);
        }
        readers.shutdown();
        assertEquals(41, holder.current().recordCount());
        assertEquals(41, holder.current().generation());
    }

    /**
     * After incremental refreshes that insert, rewrite, retype, re-key and empty records,
     * every index of the vault equals that of a full build of the same data.
     */
    @Test
    void incrementalBuilds_giveTheSameIndexesAsAFullBuild() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        List<TestRecords.Builder> initial = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            initial.add(randomRecord(random, i));
        }
        store.load(initial.toArray(new TestRecords.Builder[0]));
        holder.refresh(false);
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 40; i++) {
                int id = random.nextInt((int) store.recordCount());
                if (random.nextInt(10) == 0) {
                    store.replace(id, TestRecords.commit().company("*robots")); // not kept: an emptied row
                } else {
                    store.replace(id, randomRecord(random, random.nextInt(1000)));
                }
            }
            store.insert(randomRecord(random, 5000 + round), randomRecord(random, 6000 + round));
            assertEquals(
                    RefreshResult.Outcome.INCREMENTAL, holder.refresh(false).outcome());
        }
        Vault incremental = holder.current();
        Vault full = holder.refresh(true).published() ? holder.current() : null;
        assertEquals(full.recordCount(), incremental.recordCount());
        for (int i = 0; i < full.recordCount(); i++) {
            assertEquals(
                    full.records().date(full.rowByDate(i)),
                    incremental.records().date(incremental.rowByDate(i)));
            assertEquals(full.rowByDate(i), incremental.rowByDate(i), "row by date " + i);
        }
        for (int row = 0; row < full.records().size(); row++) {
            if (!full.records().isEmpty(row)) {
                Map<?, ?> record = (Map<?, ?>) storage.get("record:" + row);
                String key = (String) record.get("primary_key");
                assertEquals(full.rowOfPrimaryKey(key), incremental.rowOfPrimaryKey(key), key);
            }
        }
        for (int bp = 0; bp < 5; bp++) {
            assertArrayEquals(full.rowsOfBlueprint("nova:bp" + bp), incremental.rowsOfBlueprint("nova:bp" + bp));
        }
    }

    private static TestRecords.Builder randomRecord(java.util.SplittableRandom random, int key) {
        TestRecords.Builder b = switch (random.nextInt(4)) {
            case 0 -> TestRecords.review();
            case 1 -> TestRecords.patch();
            case 2 -> TestRecords.commit().set("blueprint_id", List.of("nova:bp" + random.nextInt(5)));
            default -> TestRecords.mark();
        };
        return b.primaryKey("pk" + key).date(TestRecords.DEFAULT_DATE + random.nextInt(20) * 3600L);
    }

    @Test
    void undecodableRecord_isSkippedAndCountedNotFatal() {
        store.load(TestRecords.commit(), TestRecords.commit());
        storage.set("record:1", Map.of("record_type", "commit")); // no date, no record_id
        storage.set("record:2", "not a dict");
        storage.set("record:count", 3L);
        RefreshResult result = holder.refresh(false);
        assertEquals(RefreshResult.Outcome.FULL, result.outcome());
        assertEquals(1, holder.current().recordCount());
        Map<String, Long> skipped = holder.skipped().byKind();
        assertEquals(1L, skipped.get("record-bad-date"));
        assertEquals(1L, skipped.get("record-not-a-dict"));
    }
}
