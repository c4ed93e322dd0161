package org.stackvault.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stackvault.cache.ResponseCache;
import org.stackvault.testing.SwitchableStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestStore;
import org.stackvault.vault.BuildProgress;
import org.stackvault.vault.ConsumerId;
import org.stackvault.vault.RefreshResult;
import org.stackvault.vault.SkippedValues;
import org.stackvault.vault.VaultBuilder;
import org.stackvault.vault.VaultHolder;

/**
 * A build watched through the platform MBean server, as an operator's JMX console sees it:
 * the storage holds the build at two records, and the attributes must show where it is.
 */
class BuildProgressThroughJmxTest {
    private static final int RECORDS = 5000;

    private final MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
    private final ExecutorService decoders = Executors.newFixedThreadPool(1);
    private final ExecutorService refresher = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        decoders.shutdownNow();
        refresher.shutdownNow();
    }

    @Test
    void buildItemsReadAndTotal_moveDuringAFullBuild_andTheBuildIsLogged() throws Exception {
        SwitchableStorage storage = new SwitchableStorage();
        TestRecords.Builder[] records = new TestRecords.Builder[RECORDS];
        java.util.Arrays.setAll(records, i -> TestRecords.commit());
        new TestStore(storage)
                .referenceData()
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .load(records);
        CountDownLatch first = storage.holdReadsOf("record:2500");
        CountDownLatch second = storage.holdReadsOf("record:4500");
        VaultHolder holder = new VaultHolder(
                new VaultBuilder(
                        storage,
                        ConsumerId.of("1"),
                        decoders,
                        1,
                        new BuildProgress(),
                        new SkippedValues(),
                        InstantSource.system()),
                List.of(),
                InstantSource.system());
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger builderLog = Logger.getLogger(VaultBuilder.class.getName());
        builderLog.addHandler(handler);
        try (ResponseCache cache = ResponseCache.ofMegabytes(1);
                JmxRegistration jmx =
                        JmxRegistration.register(new VaultMonitor(holder, cache), "build-progress-test")) {
            ObjectName name = jmx.name();
            assertEquals("IDLE", mbeans.getAttribute(name, "BuildPhase"));

            Future<RefreshResult> build = refresher.submit(() -> holder.refresh(false));
            long atFirst = awaitItemsRead(name, read -> read > 0);
            assertTrue(atFirst <= 2500, "held before record:2500, read " + atFirst);
            assertEquals((long) RECORDS, mbeans.getAttribute(name, "BuildItemsTotal"));
            assertEquals("READING_RECORDS", mbeans.getAttribute(name, "BuildPhase"));
            assertEquals(Boolean.TRUE, mbeans.getAttribute(name, "Refreshing"));

            first.countDown();
            long atSecond = awaitItemsRead(name, read -> read > 2500);
            assertTrue(atSecond <= 4500, "held before record:4500, read " + atSecond);
            assertEquals((long) RECORDS, mbeans.getAttribute(name, "BuildItemsTotal"));

            second.countDown();
            assertEquals(
                    RefreshResult.Outcome.FULL, build.get(30, TimeUnit.SECONDS).outcome());
            assertEquals("PUBLISHED", mbeans.getAttribute(name, "BuildPhase"));
            assertEquals((long) RECORDS, mbeans.getAttribute(name, "RecordCount"));
            assertTrue(
                    logged.stream().anyMatch(m -> m.startsWith("full build of generation 1: " + RECORDS + " records")),
                    "logged: " + logged);
        } finally {
            builderLog.removeHandler(handler);
            first.countDown();
            second.countDown();
        }
    }

    /** Polls BuildItemsRead until it satisfies {@code done} (at most 30 s); returns it. */
    private long awaitItemsRead(ObjectName name, LongPredicate done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            long read = (Long) mbeans.getAttribute(name, "BuildItemsRead");
            if (done.test(read)) {
                return read;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("BuildItemsRead stayed at " + read);
            }
            Thread.sleep(5);
        }
    }
}
