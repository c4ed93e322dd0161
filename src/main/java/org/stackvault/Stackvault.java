package org.stackvault;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.stackvault.cache.ResponseCache;
import org.stackvault.config.StackvaultConfig;
import org.stackvault.jmx.JmxRegistration;
import org.stackvault.jmx.VaultMonitor;
import org.stackvault.metrics.RefreshMeters;
import org.stackvault.metrics.StackvaultMetrics;
import org.stackvault.metrics.VaultMeters;
import org.stackvault.query.Defaults;
import org.stackvault.query.Queries;
import org.stackvault.source.DumpStorage;
import org.stackvault.source.MemcachedStorage;
import org.stackvault.source.RuntimeStorage;
import org.stackvault.vault.BuildProgress;
import org.stackvault.vault.RefreshScheduler;
import org.stackvault.vault.SkippedValues;
import org.stackvault.vault.VaultBuilder;
import org.stackvault.vault.VaultHolder;

/**
 * The one wiring point: builds every object of a running Stackvault with {@code new}
 * from the configuration, and closes them in reverse order. No singletons.
 */
public final class Stackvault implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Stackvault.class.getName());
    /** The bundled sample data set (generated at build time by {@code scripts/generate-data}). */
    public static final String SAMPLE_RESOURCE = "/sample/stackalytics-sample.pickle";
    /** How long a stop waits for requests in flight, and for a running refresh to end. */
    static final long DRAIN_MILLIS = 10_000;

    private final StackvaultConfig config;
    private final RuntimeStorage storage;
    private final ExecutorService decoders;
    private final ResponseCache cache;
    private final VaultHolder holder;
    private final RefreshScheduler scheduler;
    private final Queries queries;
    private final JmxRegistration jmx;
    private final StackvaultMetrics metrics;
    private final InstantSource clock;

    private Stackvault(StackvaultConfig config, RuntimeStorage storage, URL ehcacheXml, String name) {
        this.config = config;
        this.storage = storage;
        this.clock = InstantSource.system();
        AtomicInteger threads = new AtomicInteger();
        this.decoders = Executors.newFixedThreadPool(config.buildThreads(), r -> {
            Thread t = new Thread(r, "stackvault-decoder-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ResponseCache responses = null;
        StackvaultMetrics meters = null;
        try {
            responses = ehcacheXml == null ? ResponseCache.ofMegabytes(64) : ResponseCache.fromXml(ehcacheXml);
            this.cache = responses;
            VaultBuilder builder = new VaultBuilder(
                    storage,
                    config.consumerId(),
                    decoders,
                    config.buildThreads(),
                    new BuildProgress(),
                    new SkippedValues(),
                    clock);
            meters = new StackvaultMetrics();
            this.metrics = meters;
            this.holder = new VaultHolder(
                    builder,
                    List.of(vault -> cache.startGeneration(vault.generation())),
                    List.of(new RefreshMeters(metrics.registry())),
                    clock);
            metrics.bind(new VaultMeters(holder, cache, clock));
            this.scheduler = new RefreshScheduler(holder, config.refreshIntervalSeconds(), clock);
            this.queries = new Queries(
                    new Defaults(config.defaultRelease(), config.defaultMetric(), config.defaultProjectType()), clock);
            this.jmx = JmxRegistration.register(new VaultMonitor(holder, cache), name);
        } catch (RuntimeException e) {
            // a failed deploy must not leave threads or off-heap memory pinning the class loader
            decoders.shutdownNow();
            if (responses != null) {
                responses.close();
            }
            if (meters != null) {
                meters.close(); // the GC listener
            }
            throw e;
        }
    }

    /**
     * Starts Stackvault: connects the source, and starts refreshing (the first build runs
     * in the background; until it is published the API answers 503).
     *
     * @param ehcacheXml the response cache configuration, or null for 64 MB off-heap
     * @param name       the name of this instance in JMX (the context path)
     */
    public static Stackvault start(StackvaultConfig config, URL ehcacheXml, String name) throws IOException {
        RuntimeStorage storage = openStorage(config);
        Stackvault app;
        try {
            app = new Stackvault(config, storage, ehcacheXml, name);
        } catch (RuntimeException e) {
            storage.close(); // the memcached client's I/O thread
            throw e;
        }
        LOG.info(() -> "Stackvault " + name + " serving from " + config.sourceDescription() + ", refresh every "
                + config.refreshIntervalSeconds() + " s, consumer id " + config.consumerId() + " (cursor "
                + config.consumerId().cursorKey() + ")");
        app.scheduler.start();
        return app;
    }

    static RuntimeStorage openStorage(StackvaultConfig config) throws IOException {
        if (!config.memcachedServers().isEmpty()) {
            return MemcachedStorage.connect(
                    config.memcachedServers(),
                    config.memcachedHash(),
                    config.memcachedTimeoutMillis(),
                    config.maxValueBytes());
        }
        if (config.dumpFile() != null) {
            return DumpStorage.load(config.dumpFile());
        }
        try (InputStream sample = Stackvault.class.getResourceAsStream(SAMPLE_RESOURCE)) {
            if (sample == null) {
                throw new IOException("the bundled sample data " + SAMPLE_RESOURCE
                        + " is missing from this build; configure memcached or dump");
            }
            return DumpStorage.load(new java.io.BufferedInputStream(sample), "bundled sample data");
        }
    }

    public StackvaultConfig config() {
        return config;
    }

    public RuntimeStorage storage() {
        return storage;
    }

    public VaultHolder holder() {
        return holder;
    }

    public ResponseCache cache() {
        return cache;
    }

    public RefreshScheduler scheduler() {
        return scheduler;
    }

    public Queries queries() {
        return queries;
    }

    public JmxRegistration jmx() {
        return jmx;
    }

    /** The meters of {@code /-/metrics}, this application's own registry. */
    public StackvaultMetrics metrics() {
        return metrics;
    }

    /** The one clock of this instance: vault build times, refresh results, schedule. */
    public InstantSource clock() {
        return clock;
    }

    /**
     * Stops: the health check answers {@code draining}, requests in flight finish (at most
     * {@value #DRAIN_MILLIS} ms), refreshing ends and this consumer leaves the update log
     * ({@code pids} and its cursor), then everything is closed.
     */
    @Override
    public void close() {
        holder.drain().start();
        int left = holder.drain().awaitIdle(DRAIN_MILLIS);
        if (left > 0) {
            LOG.warning(left + " requests still in flight after " + DRAIN_MILLIS + " ms: stopping anyway");
        }
        scheduler.close();
        try {
            holder.retire(DRAIN_MILLIS);
            LOG.info(() -> "consumer " + config.consumerId() + " left the update log (pids, "
                    + config.consumerId().cursorKey() + ")");
        } catch (RuntimeException e) {
            // the processor purges cursors of consumers it does not see; nothing else depends on it
            LOG.warning("could not remove consumer " + config.consumerId() + " from the update log: " + e.getMessage());
        }
        jmx.close();
        metrics.close();
        decoders.shutdownNow();
        cache.close();
        storage.close();
    }
}
