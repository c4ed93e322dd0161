package org.stackvault.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stackvault.cache.ResponseCache;
import org.stackvault.source.DumpStorage;
import org.stackvault.testing.SwitchableStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;
import org.stackvault.vault.BuildProgress;
import org.stackvault.vault.ConsumerId;
import org.stackvault.vault.SkippedValues;
import org.stackvault.vault.VaultBuilder;
import org.stackvault.vault.VaultHolder;

/** The MBean through the platform MBean server, as an operator's JMX console uses it. */
class VaultMXBeanTest {
    private final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();

    @Test
    void refreshAndReload_throughJmx_changeTheGeneration_andTheBeanGoesAwayOnUndeploy() throws Exception {
        Path dump = new TestStore(DumpStorage.empty("jmx"))
                .referenceData()
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .load(TestRecords.commit(), TestRecords.commit())
                .writeDump(Files.createTempFile("jmx", ".pickle"));
        ObjectName name = JmxRegistration.objectName("ROOT");
        try (TestServer server = TestServer.startReady(Map.of("dump", dump.toString(), "refresh-interval", "3600"))) {
            assertTrue(mbeans.isRegistered(name));
            assertEquals(1L, mbeans.getAttribute(name, "Generation"));
            assertEquals(2L, mbeans.getAttribute(name, "RecordCount"));
            assertEquals(1L, mbeans.getAttribute(name, "UserCount"));
            assertEquals("FULL", mbeans.getAttribute(name, "LastRefreshOutcome"));
            assertTrue(((String) mbeans.getAttribute(name, "SourceDescription")).contains("dump"));

            // the vault's consumer cursor is current: a refresh finds nothing to do
            String refreshed = (String) mbeans.invoke(name, "refresh", null, null);
            assertTrue(refreshed.startsWith("UNCHANGED"), refreshed);
            assertEquals(1L, mbeans.getAttribute(name, "Generation"));

            // the storage gains a record through the update log; refresh() applies it
            new TestStore(server.app().storage())
                    .continueAt(2, 0, 1)
                    .insert(TestRecords.commit().company("Intel"));
            String incremental = (String) mbeans.invoke(name, "refresh", null, null);
            assertTrue(incremental.startsWith("INCREMENTAL"), incremental);
            assertEquals(2L, mbeans.getAttribute(name, "Generation"));
            assertEquals(3L, mbeans.getAttribute(name, "RecordCount"));

            for (int i = 0; i < 3; i++) { // the second miss is stored, the third a hit
                assertEquals(
                        200, server.get("/api/1.0/stats/companies?release=all").statusCode());
            }
            assertEquals(1L, mbeans.getAttribute(name, "CacheAdmissions"));
            assertTrue((Long) mbeans.getAttribute(name, "CacheHits") >= 1);
            assertTrue((Long) mbeans.getAttribute(name, "CacheEntries") >= 1);
            assertTrue((Long) mbeans.invoke(name, "clearResponseCache", null, null) >= 1);
            assertEquals(0L, mbeans.getAttribute(name, "CacheEntries"));

            String reloaded = (String) mbeans.invoke(name, "reload", null, null);
            assertTrue(reloaded.startsWith("FULL"), reloaded);
            assertEquals(3L, mbeans.getAttribute(name, "Generation"));
            assertEquals("PUBLISHED", mbeans.getAttribute(name, "BuildPhase"));
            assertFalse((Boolean) mbeans.getAttribute(name, "Refreshing"));
        } finally {
            Files.deleteIfExists(dump);
        }
        assertFalse(mbeans.isRegistered(name), "unregistered on undeploy");
    }

    @Test
    @Timeout(30) // a refresh() that waited for the running one, instead of answering, would hang here
    void secondRefresh_throughTheMBean_whileOneRuns_answersThatOneIsInProgress() throws Exception {
        SwitchableStorage storage = new SwitchableStorage();
        new TestStore(storage)
                .referenceData()
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .load(TestRecords.commit(), TestRecords.commit());
        ExecutorService decoders = Executors.newFixedThreadPool(2);
        ExecutorService caller = Executors.newSingleThreadExecutor();
        VaultHolder holder = new VaultHolder(
                new VaultBuilder(
                        storage,
                        ConsumerId.of("4242"),
                        decoders,
                        2,
                        new BuildProgress(),
                        new SkippedValues(),
                        InstantSource.system()),
                List.of(),
                InstantSource.system());
        try (ResponseCache cache = ResponseCache.ofMegabytes(1);
                JmxRegistration jmx = JmxRegistration.register(new VaultMonitor(holder, cache), "busy-test")) {
            ObjectName name = jmx.name();
            storage.close(new CountDownLatch(1)); // the first refresh's reads wait until open()
            Future<Object> first = caller.submit(() -> mbeans.invoke(name, "refresh", null, null));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(Boolean) mbeans.getAttribute(name, "Refreshing")) {
                assertTrue(System.nanoTime() < deadline, "the first refresh did not start");
                Thread.sleep(1);
            }

            String second = (String) mbeans.invoke(name, "refresh", null, null);
            assertTrue(second.startsWith("BUSY: a refresh is already in progress"), second);
            String reload = (String) mbeans.invoke(name, "reload", null, null);
            assertTrue(reload.startsWith("BUSY: a refresh is already in progress"), reload);
            assertEquals(0L, mbeans.getAttribute(name, "Generation"), "nothing published meanwhile");
            assertEquals("NONE", mbeans.getAttribute(name, "LastRefreshOutcome"), "a BUSY answer is no refresh");

            storage.open();
            String answer = (String) first.get(10, TimeUnit.SECONDS);
            assertTrue(answer.startsWith("FULL"), answer);
            assertEquals(1L, mbeans.getAttribute(name, "Generation"));
            assertEquals(2L, mbeans.getAttribute(name, "RecordCount"));
            assertFalse((Boolean) mbeans.getAttribute(name, "Refreshing"));
        } finally {
            storage.open();
            caller.shutdownNow();
            decoders.shutdownNow();
        }
    }
}
