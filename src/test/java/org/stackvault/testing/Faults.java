package org.stackvault.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.stackvault.jmx.JmxRegistration;
import org.stackvault.source.MemcachedStorage;
import org.stackvault.source.PythonMemcachedHash;
import org.stackvault.source.RuntimeStorage;
import org.stackvault.vault.BuildProgress;
import org.stackvault.vault.ConsumerId;
import org.stackvault.vault.RefreshResult;
import org.stackvault.vault.SkippedValues;
import org.stackvault.vault.VaultBuilder;
import org.stackvault.vault.VaultHolder;

/**
 * What the tests that break a real memcached share: a small data set written as the
 * processor writes it, Stackvault served from it with a short timeout, the answers of a
 * few endpoints, the JMX view, and a refresh broken while it reads.
 */
public final class Faults {
    /** {@code memcached-timeout-ms} of the served instances: a stalled read fails after this. */
    public static final int TIMEOUT_MS = 800;
    /** How long a refresh may take beyond {@link #TIMEOUT_MS} on a loaded 2-core machine. */
    public static final int SLACK_MS = 2500;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Answered from the vault alone (no full records): they must not need memcached. */
    private static final List<String> VAULT_ENDPOINTS = List.of(
            "/api/1.0/stats/companies?release=all&project_type=all&metric=commits",
            "/api/1.0/stats/timeline?release=all&project_type=all&metric=commits",
            "/api/1.0/contribution?release=all&project_type=all",
            "/api/1.0/companies?release=all&project_type=all");

    private Faults() {}

    /** A client for writing test data (longer timeout than the served instance's). */
    public static MemcachedStorage connect(String servers) {
        return MemcachedStorage.connect(List.of(servers.split(",")), PythonMemcachedHash.V1_59, 5000, 64 << 20);
    }

    /** Reference data, users john_doe (IBM) and jane (Intel), and {@code records} commits, half each. */
    public static TestStore seed(RuntimeStorage storage, int records) {
        TestStore store = new TestStore(storage)
                .referenceData()
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .user("jane", "Jane Roe", "Intel", "jane@intel.com");
        List<TestRecords.Builder> builders = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            builders.add(
                    i % 2 == 0
                            ? TestRecords.commit()
                            : TestRecords.commit().company("Intel").user("jane", "Jane Roe"));
        }
        return store.load(builders.toArray(new TestRecords.Builder[0]));
    }

    /** Stackvault in Jetty reading {@code servers}, first vault published; {@code extra}: more keys and values. */
    public static TestServer serve(String servers, String... extra) throws Exception {
        return TestServer.startReady(config(servers, extra));
    }

    public static Map<String, String> config(String servers, String... extra) {
        Map<String, String> config = new HashMap<>(Map.of(
                "memcached",
                servers,
                "refresh-interval",
                "3600",
                "memcached-timeout-ms",
                Integer.toString(TIMEOUT_MS)));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            config.put(extra[i], extra[i + 1]);
        }
        return config;
    }

    public static JsonNode health(TestServer server) throws Exception {
        return MAPPER.readTree(server.get("/api/1.0/health").body());
    }

    public static JsonNode json(HttpResponse<String> response) throws Exception {
        return MAPPER.readTree(response.body());
    }

    /**
     * The bodies of endpoints answered from the vault (an aggregate, a timeline, a summary,
     * a list), computed afresh: the response cache is cleared first.
     */
    public static Map<String, String> answers(TestServer server) throws Exception {
        server.app().cache().clear();
        Map<String, String> bodies = new LinkedHashMap<>();
        for (String path : VAULT_ENDPOINTS) {
            HttpResponse<String> response = server.get(path);
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            bodies.put(path, response.body());
        }
        return bodies;
    }

    /** The commit count the served vault answers. */
    public static int commits(TestServer server) throws Exception {
        HttpResponse<String> response = server.get("/api/1.0/contribution?release=all&project_type=all");
        assertEquals(200, response.statusCode(), response.body());
        return json(response).get("contribution").get("commit_count").asInt();
    }

    /** An attribute of the served instance's MBean, through the platform MBean server as a JMX console reads it. */
    public static Object jmx(String attribute) throws Exception {
        return ManagementFactory.getPlatformMBeanServer().getAttribute(JmxRegistration.objectName("ROOT"), attribute);
    }

    /** Runs a JMX operation of the served instance's MBean. */
    public static Object jmxInvoke(String operation) throws Exception {
        return ManagementFactory.getPlatformMBeanServer()
                .invoke(JmxRegistration.objectName("ROOT"), operation, null, null);
    }

    /**
     * Refreshes until {@code done} holds (spymemcached reconnects in the background, so the
     * first refreshes after a fault may still fail), at most 40 times 250 ms apart.
     */
    public static RefreshResult refreshUntil(VaultHolder holder, boolean full, Predicate<RefreshResult> done)
            throws InterruptedException {
        RefreshResult result = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            result = holder.refresh(full);
            if (done.test(result)) {
                return result;
            }
            Thread.sleep(250);
        }
        return result;
    }

    /** A fault done to memcached. */
    @FunctionalInterface
    public interface Fault {
        void inflict() throws Exception;
    }

    /**
     * A refresh that a fault hit while it read records.
     *
     * @param millisAfterFault how long the refresh went on after the fault
     */
    public record Interrupted(RefreshResult result, long millisAfterFault) {}

    /**
     * Starts a refresh on another thread and inflicts {@code fault} once the build has read
     * some records (polled, with a deadline). Null when the refresh ended before the fault
     * was made. A result that is not FAILED most likely means the build ended before the
     * fault landed (a signal takes milliseconds): the caller tries again, a few times.
     */
    public static Interrupted duringRefresh(VaultHolder holder, boolean full, Fault fault) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            BuildProgress progress = holder.progress();
            Future<RefreshResult> refresh = thread.submit(() -> holder.refresh(full));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(progress.phase() == BuildProgress.Phase.READING_RECORDS && progress.read() > 0)) {
                if (refresh.isDone()) {
                    return null;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the refresh read no records within 30 s: " + progress);
                }
                Thread.sleep(1);
            }
            fault.inflict();
            long faulted = System.nanoTime();
            RefreshResult result = refresh.get(60, TimeUnit.SECONDS);
            return new Interrupted(result, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - faulted));
        } finally {
            thread.shutdownNow();
        }
    }

    /** A holder built directly on {@code storage}, with its decoder pool; close it to stop the pool. */
    public record LocalHolder(VaultHolder holder, ExecutorService decoders) implements AutoCloseable {
        public static LocalHolder on(RuntimeStorage storage, long consumerId) {
            ExecutorService decoders = Executors.newFixedThreadPool(2);
            VaultHolder holder = new VaultHolder(
                    new VaultBuilder(
                            storage,
                            ConsumerId.of(Long.toString(consumerId)),
                            decoders,
                            2,
                            new BuildProgress(),
                            new SkippedValues(),
                            InstantSource.system()),
                    List.of(),
                    InstantSource.system());
            return new LocalHolder(holder, decoders);
        }

        @Override
        public void close() {
            decoders.shutdownNow();
        }
    }
}
