package org.stackvault.api;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.stackvault.cli.LoadDump;
import org.stackvault.cli.Progress;
import org.stackvault.source.MemcachedStorage;
import org.stackvault.source.PythonMemcachedHash;
import org.stackvault.testing.MemcachedProcess;
import org.stackvault.testing.SharedData;
import org.stackvault.testing.TestServer;

/**
 * The compatibility kit as a user runs it: the dump restored into a real memcached with
 * {@code scripts/load-dump}'s code, Stackvault reading memcached; every answer must be
 * the original's.
 */
class CompatibilityThroughMemcachedTest {
    private static MemcachedProcess memcached;
    private static TestServer server;

    @BeforeAll
    static void loadTheKitIntoMemcached() throws Exception {
        assumeTrue(SharedData.hasCompat(), "compatibility kit not found at " + SharedData.compat() + "; skipped");
        memcached = MemcachedProcess.start(256);
        try (MemcachedStorage storage =
                MemcachedStorage.connect(List.of(memcached.address()), PythonMemcachedHash.V1_59, 10_000, 20 << 20)) {
            LoadDump.load(
                    SharedData.compatDump(), storage, 0, new Progress("load", 0, System.err, false, System::nanoTime));
        }
        server = TestServer.startReady(Map.of("memcached", memcached.address(), "refresh-interval", "3600"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (memcached != null) {
            memcached.close();
        }
    }

    @TestFactory
    List<DynamicTest> everyRequestGivesTheOriginalsAnswer() throws Exception {
        return CompatibilityTest.everyRequestGivesTheOriginalsAnswer(server);
    }
}
