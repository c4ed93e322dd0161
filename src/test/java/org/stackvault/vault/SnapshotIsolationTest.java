package org.stackvault.vault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stackvault.query.Defaults;
import org.stackvault.query.Endpoint;
import org.stackvault.query.Queries;
import org.stackvault.query.RequestParams;
import org.stackvault.source.DumpStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestStore;

/**
 * A reader holds generation g while the refresh publishes g+1, which rewrites records in
 * place: the reader's answers stay exactly g's, a new {@code current()} answers g+1's.
 * Deterministic: latches order the reader and the refresh.
 */
class SnapshotIsolationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Queries QUERIES =
            new Queries(Defaults.ORIGINAL, InstantSource.fixed(Instant.ofEpochSecond(TestStore.TRAIN_END)));

    private final DumpStorage storage = DumpStorage.empty("snapshot test");
    private final ExecutorService decoders = Executors.newFixedThreadPool(2);
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        decoders.shutdownNow();
        reader.shutdownNow();
    }

    private VaultBuilder builder(long consumer) {
        return new VaultBuilder(
                storage,
                ConsumerId.of(Long.toString(consumer)),
                decoders,
                2,
                new BuildProgress(),
                new SkippedValues(),
                InstantSource.system());
    }

    /** Several endpoints' answers on one vault, as JSON. */
    private static String answers(Vault vault) throws Exception {
        Map<String, Object> all = new LinkedHashMap<>();
        for (String metric : List.of("commits", "loc")) {
            RequestParams params = Map.of("release", "all", "project_type", "all", "metric", metric)::get;
            all.put("companies by " + metric, QUERIES.answer(Endpoint.STATS_COMPANIES, null, params, vault));
            all.put("engineers by " + metric, QUERIES.answer(Endpoint.STATS_ENGINEERS, null, params, vault));
            all.put("modules by " + metric, QUERIES.answer(Endpoint.STATS_MODULES, null, params, vault));
        }
        all.put(
                "contribution",
                QUERIES.answer(
                        Endpoint.CONTRIBUTION, null, Map.of("release", "all", "project_type", "all")::get, vault));
        return JSON.writeValueAsString(all);
    }

    @Test
    void readerHoldingGeneration_keepsItsAnswers_whileTheNextGenerationRewritesRecordsInPlace() throws Exception {
        TestStore store = new TestStore(storage)
                .referenceData()
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .user("jane", "Jane Roe", "Intel", "jane@intel.com")
                .load(
                        TestRecords.commit().set("loc", 10L),
                        TestRecords.commit().set("loc", 20L),
                        TestRecords.commit()
                                .company("Intel")
                                .user("jane", "Jane Roe")
                                .set("loc", 30L),
                        TestRecords.commit()
                                .company("Intel")
                                .user("jane", "Jane Roe")
                                .module("glance"));
        VaultHolder holder = new VaultHolder(builder(77), List.of(), InstantSource.system());
        assertEquals(RefreshResult.Outcome.FULL, holder.refresh(false).outcome());
        Vault g = holder.current();
        String answersOfG = answers(g);

        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch published = new CountDownLatch(1);
        Future<List<String>> held = reader.submit(() -> {
            Vault vault = holder.current();
            String before = answers(vault);
            holding.countDown();
            assertTrue(published.await(30, TimeUnit.SECONDS), "g+1 was not published");
            return List.of(Long.toString(vault.generation()), before, answers(vault));
        });

        assertTrue(holding.await(30, TimeUnit.SECONDS));
        // rows 0 and 2 rewritten in place (other company, module, author and size), row 1 emptied (now a *robots
        // commit, which the vault drops),
        // two new rows; no ties in g+1's answers, so their order says nothing of build history
        store.replace(
                        0,
                        TestRecords.commit().company("Red Hat").module("glance").set("loc", 500L))
                .replace(
                        2,
                        TestRecords.commit()
                                .company("Red Hat")
                                .user("jane", "Jane Roe")
                                .module("glance")
                                .set("loc", 7L))
                .replace(1, TestRecords.commit().company("*robots"))
                .insert(
                        TestRecords.commit()
                                .company("Red Hat")
                                .user("jane", "Jane Roe")
                                .set("loc", 1L),
                        TestRecords.commit().company("Intel").module("glance").set("loc", 2L));
        RefreshResult refresh = holder.refresh(false);
        assertEquals(RefreshResult.Outcome.INCREMENTAL, refresh.outcome(), refresh.message());
        published.countDown();

        List<String> reading = held.get(30, TimeUnit.SECONDS);
        assertEquals(Long.toString(g.generation()), reading.get(0), "the reader held g");
        assertEquals(answersOfG, reading.get(1));
        assertEquals(answersOfG, reading.get(2), "g's answers after g+1 was published");
        assertEquals("IBM", g.dictionaries().companies().value(g.records().company(0)));
        assertEquals(20, g.records().loc(1));

        Vault next = holder.current();
        assertEquals(g.generation() + 1, next.generation());
        String answersOfNext = answers(next);
        assertNotEquals(answersOfG, answersOfNext);
        assertEquals(
                answers(builder(78).full(next.generation())),
                answersOfNext,
                "g+1 answers what a full build of the same data answers");
    }

    @Test
    void tiedEntries_comeInTheSameOrder_afterAnIncrementalBuildAsAfterAFullOne() throws Exception {
        // a full build meets nova, IBM and john_doe first; the rewrite makes glance, Intel and
        // jane come first in record order, so dictionary codes of the two builds differ
        TestStore store = new TestStore(storage)
                .referenceData()
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .user("jane", "Jane Roe", "Intel", "jane@intel.com")
                .load(
                        TestRecords.commit().module("nova"),
                        TestRecords.commit()
                                .company("Intel")
                                .user("jane", "Jane Roe")
                                .module("glance"));
        VaultHolder holder = new VaultHolder(builder(79), List.of(), InstantSource.system());
        assertEquals(RefreshResult.Outcome.FULL, holder.refresh(false).outcome());
        store.replace(
                        0,
                        TestRecords.commit()
                                .company("Intel")
                                .user("jane", "Jane Roe")
                                .module("glance"))
                .replace(1, TestRecords.commit().module("nova"));
        assertEquals(RefreshResult.Outcome.INCREMENTAL, holder.refresh(false).outcome());

        Vault incremental = holder.current();
        Vault full = builder(80).full(incremental.generation());
        assertNotEquals(
                incremental.dictionaries().modules().code("glance"),
                full.dictionaries().modules().code("glance"),
                "the two builds coded the modules differently");
        assertEquals(answers(full), answers(incremental));
    }
}
