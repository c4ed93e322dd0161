package org.stackvault.vault;

import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Refreshes the vault on a schedule, on one daemon thread: every {@code interval} once a
 * vault is served; after a failure, or while no vault is served yet (the source unreachable,
 * empty or refused), sooner, with back-off (1, 2, 4 ... s, at most the interval), so a
 * source that comes back is picked up quickly.
 *
 * <p>Thread-safe. {@link #nextRefreshMillis()} is what responses advertise as their expiry.
 */
public final class RefreshScheduler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RefreshScheduler.class.getName());

    private final VaultHolder holder;
    private final long intervalMillis;
    private final InstantSource clock;
    private final ScheduledExecutorService executor;
    private volatile long nextRefreshMillis;
    /** Refreshes in a row that failed or left no vault served; touched by the refresh thread only. */
    private int retries;

    public RefreshScheduler(VaultHolder holder, long intervalSeconds, InstantSource clock) {
        this.holder = holder;
        this.intervalMillis = intervalSeconds * 1000;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stackvault-refresh");
            t.setDaemon(true);
            return t;
        });
        this.nextRefreshMillis = clock.millis();
    }

    /** Starts refreshing now. */
    public void start() {
        schedule(0);
    }

    private void schedule(long delayMillis) {
        nextRefreshMillis = clock.millis() + delayMillis;
        if (!executor.isShutdown()) {
            executor.schedule(this::run, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void run() {
        boolean retry = true;
        try {
            RefreshResult result = holder.maybeRefresh();
            retry = result.outcome() == RefreshResult.Outcome.FAILED
                    || holder.current().generation() == 0;
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "scheduled refresh failed unexpectedly", e);
        } finally {
            retries = retry ? retries + 1 : 0;
            schedule(delayMillis(retries, intervalMillis));
        }
    }

    /**
     * The wait before the next refresh: the interval, or after {@code retries} refreshes in a
     * row that failed or left no vault served, 1 s doubled for each retry but the first, at
     * most the interval.
     */
    static long delayMillis(int retries, long intervalMillis) {
        if (retries == 0) {
            return intervalMillis;
        }
        return Math.min(intervalMillis, 1000L << Math.min(retries - 1, 20));
    }

    /** When the next scheduled refresh runs (epoch millis). */
    public long nextRefreshMillis() {
        return nextRefreshMillis;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
