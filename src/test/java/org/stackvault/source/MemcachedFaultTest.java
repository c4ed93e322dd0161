package org.stackvault.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stackvault.testing.Faults.SLACK_MS;
import static org.stackvault.testing.Faults.TIMEOUT_MS;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stackvault.testing.Faults;
import org.stackvault.testing.MemcachedProcess;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;
import org.stackvault.vault.RefreshResult;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultHolder;

/**
 * Faults of a real memcached process while Stackvault refreshes from it — stalled
 * (SIGSTOP), killed (SIGKILL), one of two servers down — before and during full and
 * incremental builds: the refresh fails within bounded time and says why (health, JMX),
 * the published snapshot keeps serving unchanged, and the next refresh after the fault
 * is over publishes. Nothing partial is ever published.
 */
class MemcachedFaultTest {
    /** Enough records that a build reads for a while after its first chunk (one decoder thread). */
    private static final int RECORDS = 6000;

    private static final int ATTEMPTS = 3;

    /** What a served instance shows after a refresh that a fault made fail. */
    private static void assertFailedAndStillServing(
            TestServer server, Vault served, Map<String, String> answers, Faults.Interrupted hit, String error)
            throws Exception {
        assertEquals(
                RefreshResult.Outcome.FAILED,
                hit.result().outcome(),
                hit.result().toString());
        assertTrue(
                hit.millisAfterFault() < TIMEOUT_MS + SLACK_MS,
                "the refresh failed " + hit.millisAfterFault() + " ms after the fault");
        assertSame(served, server.app().holder().current());
        assertEquals(answers, Faults.answers(server));
        assertEquals("FAILED", Faults.jmx("LastRefreshOutcome"));
        assertTrue(((String) Faults.jmx("LastError")).contains(error), (String) Faults.jmx("LastError"));
        JsonNode health = Faults.health(server);
        assertEquals("degraded", health.get("status").asText());
        assertTrue(health.get("last_error").asText().contains(error), health.toString());
    }

    @Test
    void stalledBeforeARefresh_refreshFailsWithinTheTimeout_servedVaultStays_nextRefreshSucceeds() throws Exception {
        try (MemcachedProcess memcached = MemcachedProcess.start();
                MemcachedStorage storage = Faults.connect(memcached.address())) {
            TestStore store = Faults.seed(storage, 10);
            try (TestServer server = Faults.serve(memcached.address())) {
                VaultHolder holder = server.app().holder();
                Vault served = holder.current();
                Map<String, String> answers = Faults.answers(server);
                store.insert(TestRecords.commit());
                memcached.stall();
                long started = System.nanoTime();
                RefreshResult failed;
                try {
                    failed = holder.refresh(false);
                    long millis = (System.nanoTime() - started) / 1_000_000;
                    assertFailedAndStillServing(
                            server,
                            served,
                            answers,
                            new Faults.Interrupted(failed, millis),
                            "did not answer within " + TIMEOUT_MS + " ms");
                    // full records come from memcached: that request fails cleanly, after the timeout
                    long asked = System.nanoTime();
                    java.net.http.HttpResponse<String> activity =
                            server.get("/api/1.0/activity?release=all&project_type=all&metric=commits");
                    long activityMillis = (System.nanoTime() - asked) / 1_000_000;
                    assertEquals(503, activity.statusCode(), activity.body());
                    assertEquals(
                            "5", activity.headers().firstValue("Retry-After").orElse(""));
                    assertTrue(
                            Faults.json(activity)
                                    .get("error")
                                    .get("message")
                                    .asText()
                                    .startsWith("the runtime storage did not answer"),
                            activity.body());
                    assertTrue(activityMillis < TIMEOUT_MS + SLACK_MS, "answered after " + activityMillis + " ms");
                } finally {
                    memcached.resume();
                }
                RefreshResult recovered = Faults.refreshUntil(holder, false, RefreshResult::published);
                assertEquals(RefreshResult.Outcome.INCREMENTAL, recovered.outcome(), recovered.toString());
                assertEquals(11, Faults.commits(server));
                assertEquals("ready", Faults.health(server).get("status").asText());
            }
        }
    }

    /**
     * Stops memcached while a refresh reads records (again, up to {@link #ATTEMPTS} times, when
     * the refresh ended before the signal landed), checks what the failed refresh left, and
     * lets memcached go on. {@code prepare} writes what each attempt's refresh reads.
     *
     * @return the answers served before (and during) the fault
     */
    private static Map<String, String> stallDuringARefresh(
            TestServer server, MemcachedProcess memcached, boolean full, java.util.function.IntConsumer prepare)
            throws Exception {
        VaultHolder holder = server.app().holder();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Vault served = holder.current();
            Map<String, String> answers = Faults.answers(server);
            prepare.accept(attempt);
            Faults.Interrupted hit = Faults.duringRefresh(holder, full, memcached::stall);
            try {
                if (hit != null && hit.result().outcome() == RefreshResult.Outcome.FAILED) {
                    assertFailedAndStillServing(
                            server, served, answers, hit, "did not answer within " + TIMEOUT_MS + " ms");
                    return answers;
                }
            } finally {
                memcached.resume();
            }
        }
        return fail("no refresh was still reading when memcached was stopped, in " + ATTEMPTS + " attempts");
    }

    @Test
    void stalledDuringAFullBuild_failsWithinTheTimeout_servedVaultUnchanged_nextRefreshPublishes() throws Exception {
        try (MemcachedProcess memcached = MemcachedProcess.start();
                MemcachedStorage storage = Faults.connect(memcached.address())) {
            Faults.seed(storage, RECORDS);
            try (TestServer server = Faults.serve(memcached.address(), "build-threads", "1")) {
                Map<String, String> answers = stallDuringARefresh(server, memcached, true, attempt -> {});
                VaultHolder holder = server.app().holder();
                long generation = holder.current().generation();
                RefreshResult recovered = Faults.refreshUntil(holder, true, RefreshResult::published);
                assertEquals(RefreshResult.Outcome.FULL, recovered.outcome(), recovered.toString());
                assertEquals(generation + 1, holder.current().generation());
                assertEquals(answers, Faults.answers(server));
                assertEquals("ready", Faults.health(server).get("status").asText());
            }
        }
    }

    @Test
    void stalledDuringAnIncrementalRefresh_failsWithinTheTimeout_servedVaultUnchanged_nextRefreshApplies()
            throws Exception {
        try (MemcachedProcess memcached = MemcachedProcess.start();
                MemcachedStorage storage = Faults.connect(memcached.address())) {
            TestStore store = Faults.seed(storage, RECORDS);
            try (TestServer server = Faults.serve(memcached.address(), "build-threads", "1")) {
                String[] company = new String[1];
                stallDuringARefresh(server, memcached, false, attempt -> {
                    company[0] = "Company " + attempt;
                    store.replaceAll(0, RECORDS, id -> TestRecords.commit().company(company[0]));
                });
                RefreshResult recovered = Faults.refreshUntil(server.app().holder(), false, RefreshResult::published);
                assertEquals(RefreshResult.Outcome.INCREMENTAL, recovered.outcome(), recovered.toString());
                assertEquals(RECORDS, Faults.commits(server));
                String companies = Faults.answers(server).values().iterator().next();
                assertTrue(companies.contains(company[0]) && !companies.contains("IBM"), companies);
            }
        }
    }

    @Test
    void killedDuringAnIncrementalRefresh_fails_servedVaultUnchanged_andRestartedAndRefilled_nextRefreshPublishes()
            throws Exception {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (MemcachedProcess memcached = MemcachedProcess.start();
                    MemcachedStorage storage = Faults.connect(memcached.address())) {
                TestStore store = Faults.seed(storage, RECORDS);
                try (TestServer server = Faults.serve(memcached.address(), "build-threads", "1")) {
                    VaultHolder holder = server.app().holder();
                    Vault served = holder.current();
                    Map<String, String> answers = Faults.answers(server);
                    store.replaceAll(0, RECORDS, id -> TestRecords.commit().company("Red Hat"));
                    Faults.Interrupted hit = Faults.duringRefresh(holder, false, memcached::kill);
                    if (hit == null || hit.result().outcome() != RefreshResult.Outcome.FAILED) {
                        continue; // the refresh ended before the kill: start over
                    }
                    assertFailedAndStillServing(server, served, answers, hit, "memcached");

                    // the processor refills the restarted memcached: the cursor is gone, a full build reads it all
                    memcached.restart();
                    try (MemcachedStorage processor = Faults.connect(memcached.address())) {
                        Faults.seed(processor, RECORDS)
                                .replaceAll(
                                        0, RECORDS, id -> TestRecords.commit().company("Red Hat"));
                    }
                    RefreshResult recovered = Faults.refreshUntil(holder, false, RefreshResult::published);
                    assertEquals(RefreshResult.Outcome.FULL, recovered.outcome(), recovered.toString());
                    assertTrue(recovered.message().contains("cursor"), recovered.message());
                    assertEquals(RECORDS, Faults.commits(server));
                    assertNotEquals(answers, Faults.answers(server));
                    assertEquals("ready", Faults.health(server).get("status").asText());
                    return;
                }
            }
        }
        fail("no incremental refresh was still reading when memcached was killed, in " + ATTEMPTS + " attempts");
    }

    @Test
    void killedDuringAFullBuild_refreshFails_andRestartedEmpty_isRefusedUntilReload() throws Exception {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (MemcachedProcess memcached = MemcachedProcess.start();
                    MemcachedStorage storage = Faults.connect(memcached.address())) {
                Faults.seed(storage, RECORDS);
                try (TestServer server = Faults.serve(memcached.address(), "build-threads", "1")) {
                    VaultHolder holder = server.app().holder();
                    Vault served = holder.current();
                    Map<String, String> answers = Faults.answers(server);
                    Faults.Interrupted hit = Faults.duringRefresh(holder, true, memcached::kill);
                    if (hit == null || hit.result().outcome() != RefreshResult.Outcome.FAILED) {
                        continue;
                    }
                    assertFailedAndStillServing(server, served, answers, hit, "memcached");

                    memcached.restart(); // empty: no record:count, no cursor
                    RefreshResult refused =
                            Faults.refreshUntil(holder, false, r -> r.outcome() != RefreshResult.Outcome.FAILED);
                    assertEquals(RefreshResult.Outcome.REFUSED, refused.outcome(), refused.toString());
                    assertTrue(refused.message().contains("no records"), refused.message());
                    assertEquals("REFUSED", Faults.jmx("LastRefreshOutcome"));
                    assertSame(served, holder.current());
                    assertEquals("degraded", Faults.health(server).get("status").asText());
                    assertEquals(answers, Faults.answers(server));

                    String reload = (String) Faults.jmxInvoke("reload");
                    assertTrue(reload.startsWith("FULL"), reload);
                    assertEquals(0, holder.current().recordCount());
                    return;
                }
            }
        }
        fail("no full build was still reading when memcached was killed, in " + ATTEMPTS + " attempts");
    }

    @Test
    void oneOfTwoServersDown_forcedFullBuildFails_neverAPartialSnapshot() throws Exception {
        try (MemcachedProcess first = MemcachedProcess.start();
                MemcachedProcess second = MemcachedProcess.start()) {
            String both = first.address() + "," + second.address();
            try (MemcachedStorage storage = Faults.connect(both)) {
                Faults.seed(storage, 200);
            }
            try (TestServer server = Faults.serve(both)) {
                Map<String, String> answers = Faults.answers(server);
                assertEquals(200, server.app().holder().current().recordCount());
                second.kill();
                RefreshResult forced = server.app().holder().refresh(true);
                assertEquals(RefreshResult.Outcome.FAILED, forced.outcome(), forced.toString());
                assertEquals(200, server.app().holder().current().recordCount());
                assertEquals(answers, Faults.answers(server));
            }
        }
    }

    @Test
    void oneOfTwoServersDown_duringAScheduledIncrementalRefresh_fails_andBackEmpty_isRefused() throws Exception {
        try (MemcachedProcess first = MemcachedProcess.start();
                MemcachedProcess second = MemcachedProcess.start()) {
            String both = first.address() + "," + second.address();
            try (MemcachedStorage storage = Faults.connect(both)) {
                TestStore store = Faults.seed(storage, 200);
                try (TestServer server = Faults.serve(both)) {
                    VaultHolder holder = server.app().holder();
                    store.insert(TestRecords.commit(), TestRecords.commit());
                    assertEquals(
                            RefreshResult.Outcome.INCREMENTAL,
                            holder.maybeRefresh().outcome());
                    Vault served = holder.current();
                    Map<String, String> answers = Faults.answers(server);
                    TestRecords.Builder[] added = new TestRecords.Builder[40];
                    java.util.Arrays.setAll(added, i -> TestRecords.commit().company("Red Hat"));
                    store.insert(added);
                    try (MemcachedStorage secondOnly = Faults.connect(second.address())) {
                        int onSecond = keysOn(secondOnly, 202, 242).size();
                        assertTrue(
                                onSecond > 0 && onSecond < 40, onSecond + " of the new records on the second server");
                    }
                    second.kill();

                    RefreshResult failed = holder.maybeRefresh(); // what the scheduler runs
                    assertEquals(RefreshResult.Outcome.FAILED, failed.outcome(), failed.toString());
                    assertSame(served, holder.current());
                    assertEquals(answers, Faults.answers(server));

                    // back, but empty: the records it held are gone, so no refresh may publish without them
                    second.restart();
                    RefreshResult refused =
                            Faults.refreshUntil(holder, false, r -> r.outcome() != RefreshResult.Outcome.FAILED);
                    assertEquals(RefreshResult.Outcome.REFUSED, refused.outcome(), refused.toString());
                    assertTrue(refused.message().contains("Not published"), refused.message());
                    assertSame(served, holder.current());
                    assertEquals(202, Faults.commits(server));
                }
            }
        }
    }

    /** The keys record:from .. record:to-1 the storage holds. */
    private static Map<String, Object> keysOn(MemcachedStorage storage, int from, int to) {
        List<String> keys = new java.util.ArrayList<>();
        for (int i = from; i < to; i++) {
            keys.add("record:" + i);
        }
        Map<String, Object> found = storage.getMulti(keys);
        assertNotNull(found);
        return found;
    }
}
