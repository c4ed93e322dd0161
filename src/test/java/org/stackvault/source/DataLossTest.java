package org.stackvault.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stackvault.testing.Faults;
import org.stackvault.testing.MemcachedProcess;
import org.stackvault.testing.SharedMemcached;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;
import org.stackvault.vault.RefreshResult;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultHolder;

/**
 * A real memcached that loses data — keys evicted by a full memcached or gone, the update
 * log purged or incomplete, everything flushed after the vault was built: a refresh never
 * publishes a vault lacking what the serving one has unless an operator reloads, the
 * update log falls back to full builds, and requests that need lost full records answer
 * 503 after bounded work.
 */
class DataLossTest {
    private static final long CONSUMER = 11;

    @RegisterExtension
    static final SharedMemcached MEMCACHED = new SharedMemcached(64, 2);

    private final MemcachedStorage storage = MEMCACHED.storage();
    private final MemcachedProcess memcached = MEMCACHED.process();

    @Test
    void missingRecordSlotOnTheFirstBuild_isRefused_untilReload_thenNoNewHoleIsAccepted() throws Exception {
        TestStore store = Faults.seed(storage, 10).evict(3);
        try (Faults.LocalHolder local = Faults.LocalHolder.on(storage, CONSUMER)) {
            VaultHolder holder = local.holder();
            RefreshResult refused = holder.refresh(false);
            assertEquals(RefreshResult.Outcome.REFUSED, refused.outcome(), refused.toString());
            assertEquals(
                    "the source lacks 1 record the serving vault does not lack (record:3; record:count 10): "
                            + "memcached restarted or evicting? Not published; reload() publishes the source as it is",
                    refused.message());
            assertEquals(0, holder.current().generation());

            RefreshResult reloaded = holder.refresh(true);
            assertEquals(RefreshResult.Outcome.FULL, reloaded.outcome());
            assertEquals(9, holder.current().recordCount());
            assertEquals(1, holder.missingRecordSlots());

            // the same hole again is no loss; a new one is
            storage.delete("pid:" + CONSUMER);
            assertEquals(RefreshResult.Outcome.FULL, holder.refresh(false).outcome());
            Vault served = holder.current();
            store.evict(7);
            storage.delete("pid:" + CONSUMER);
            RefreshResult again = holder.refresh(false);
            assertEquals(RefreshResult.Outcome.REFUSED, again.outcome(), again.toString());
            assertTrue(again.message().contains("(record:7;"), again.message());
            assertSame(served, holder.current());
        }
    }

    @Test
    void evictedUserProfile_thatRecordsStillName_isRefused_untilReload() {
        Faults.seed(storage, 10); // john_doe is user:1, jane user:2; records alternate between them
        try (Faults.LocalHolder local = Faults.LocalHolder.on(storage, CONSUMER)) {
            VaultHolder holder = local.holder();
            assertEquals(RefreshResult.Outcome.FULL, holder.refresh(false).outcome());
            Vault served = holder.current();
            assertTrue(served.userProfile(served.userCode("jane")) != null);

            storage.delete("user:2"); // evicted: the profile under its seq and under its user id
            storage.delete("user:jane");
            storage.delete("pid:" + CONSUMER); // the next refresh is a full one, reading every user:<seq>
            RefreshResult refused = holder.refresh(false);
            assertEquals(RefreshResult.Outcome.REFUSED, refused.outcome(), refused.toString());
            assertTrue(
                    refused.message()
                            .startsWith("the source lacks 1 user profile that records name"
                                    + " and the serving vault has (jane)"),
                    refused.message());
            assertSame(served, holder.current());

            assertEquals(RefreshResult.Outcome.FULL, holder.refresh(true).outcome());
            Vault reloaded = holder.current();
            assertEquals(10, reloaded.recordCount());
            assertTrue(reloaded.userCode("jane") < 0 || reloaded.userProfile(reloaded.userCode("jane")) == null);
        }
    }

    @Test
    void updatedRecordMissing_turnsTheIncrementalRefreshIntoAFullOne_whichIsRefused() {
        TestStore store = Faults.seed(storage, 10);
        try (Faults.LocalHolder local = Faults.LocalHolder.on(storage, CONSUMER)) {
            VaultHolder holder = local.holder();
            holder.refresh(false);
            Vault served = holder.current();
            store.replace(2, TestRecords.commit().company("Red Hat"))
                    .insert(TestRecords.commit())
                    .evict(2);
            RefreshResult refused = holder.refresh(false);
            assertEquals(RefreshResult.Outcome.REFUSED, refused.outcome(), refused.toString());
            assertTrue(refused.message().contains("(record:2;"), refused.message());
            assertSame(served, holder.current());
            assertEquals(10, holder.current().recordCount());
        }
    }

    @Test
    void evictingMemcached_theGoodSnapshotIsNotReplaced_reportedRefused_untilReload() throws Exception {
        try (MemcachedProcess small = MemcachedProcess.start(8);
                MemcachedStorage processor = Faults.connect(small.address());
                Faults.LocalHolder local = Faults.LocalHolder.on(processor, CONSUMER)) {
            String padding = "p".repeat(1000);
            TestStore store = Faults.seed(processor, 0);
            store.insert(commits(1000, padding));
            assertEquals(1000, present(processor, 1000));
            VaultHolder holder = local.holder();
            assertEquals(RefreshResult.Outcome.FULL, holder.refresh(false).outcome());
            Vault served = holder.current();
            assertEquals(1000, served.recordCount());

            // the processor goes on writing: 8 MB cannot hold it all, memcached evicts
            for (int batch = 0; batch < 12; batch++) {
                store.insert(commits(1000, padding));
            }
            assertTrue(small.stats().get("evictions") > 0, small.stats().toString());
            int absent = 13_000 - present(processor, 13_000);
            assertTrue(absent > 0, "no record evicted");

            RefreshResult refused = holder.refresh(false);
            assertEquals(RefreshResult.Outcome.REFUSED, refused.outcome(), refused.toString());
            assertTrue(refused.message().contains("lacks"), refused.message());
            assertSame(served, holder.current());

            RefreshResult reloaded = holder.refresh(true);
            assertEquals(RefreshResult.Outcome.FULL, reloaded.outcome());
            int absentNow = 13_000 - present(processor, 13_000);
            assertEquals(absentNow, holder.missingRecordSlots());
            assertEquals(13_000 - absentNow, holder.current().recordCount());
        }
    }

    private static TestRecords.Builder[] commits(int n, String message) {
        TestRecords.Builder[] builders = new TestRecords.Builder[n];
        for (int i = 0; i < n; i++) {
            builders[i] = TestRecords.commit().set("message", message);
        }
        return builders;
    }

    /** How many of record:0 .. record:n-1 the storage holds. */
    private static int present(MemcachedStorage storage, int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add("record:" + i);
        }
        return storage.getMulti(keys).size();
    }

    /**
     * Builds from 5 records, logs 3 more, lets {@code damage} break the update log as the
     * processor's purge or an eviction does; the next refresh must be a complete full build.
     */
    private RefreshResult refreshAfterTheUpdateLog(Runnable damage) {
        TestStore store = Faults.seed(storage, 5);
        try (Faults.LocalHolder local = Faults.LocalHolder.on(storage, CONSUMER)) {
            local.holder().refresh(false);
            store.insert(TestRecords.commit(), TestRecords.commit(), TestRecords.commit());
            damage.run();
            RefreshResult result = local.holder().refresh(false);
            assertEquals(RefreshResult.Outcome.FULL, result.outcome(), result.toString());
            assertEquals(8, local.holder().current().recordCount());
            assertEquals(3L, storage.get("pid:" + CONSUMER));
            return result;
        }
    }

    @Test
    void cursorPurgedByTheProcessor_forcesAFullReload() {
        // the processor's active_pids: a consumer it does not see loses its cursor, read updates are purged
        RefreshResult result = refreshAfterTheUpdateLog(() -> {
            storage.delete("pid:" + CONSUMER);
            storage.delete("update:0");
            storage.delete("update:1");
            storage.set("first_valid_update", 2L);
        });
        assertEquals("consumer cursor pid:" + CONSUMER + " is missing", result.message());
    }

    @Test
    void updateLogPurgedPastTheCursor_forcesAFullReload() {
        RefreshResult result = refreshAfterTheUpdateLog(() -> {
            storage.delete("update:0");
            storage.delete("update:1");
            storage.set("first_valid_update", 2L);
        });
        assertEquals("update log purged past the cursor (0 < first_valid_update 2)", result.message());
    }

    @Test
    void updateLogReturningFewerEntries_forcesAFullReload() {
        RefreshResult result = refreshAfterTheUpdateLog(() -> storage.delete("update:1")); // evicted
        assertEquals("update log returned 2 of 3 entries", result.message());
    }

    @Test
    void memcachedFlushedAfterTheBuild_activityAnswers503_afterBoundedWork() throws Exception {
        Faults.seed(storage, 3000);
        try (TestServer server = Faults.serve(memcached.address())) {
            memcached.flushAll();
            long getsBefore = memcached.stats().get("cmd_get");
            long started = System.nanoTime();
            HttpResponse<String> response =
                    server.get("/api/1.0/activity?release=all&project_type=all&metric=commits&page_size=10");
            long millis = (System.nanoTime() - started) / 1_000_000;
            long gets = memcached.stats().get("cmd_get") - getsBefore;
            assertEquals(503, response.statusCode(), response.body());
            assertEquals("5", response.headers().firstValue("Retry-After").orElse(""));
            JsonNode error = Faults.json(response).get("error");
            assertTrue(error.get("message").asText().startsWith("records missing from the source"), error.toString());
            assertTrue(gets < 1000, gets + " keys read for one page of 10 out of 3000 lost records");
            assertTrue(millis < 5000, "answered after " + millis + " ms");
            // answers from the vault alone still serve
            assertEquals(3000, Faults.commits(server));
        }
    }
}
