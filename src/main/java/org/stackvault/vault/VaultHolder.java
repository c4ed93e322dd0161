package org.stackvault.vault;

import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds the vault being served and replaces it, like Lucene's SearcherManager: the
 * current vault is one volatile field; a refresh builds the next vault off to the side
 * and publishes it with one write; a failed or refused build is never published.
 *
 * <p>Thread-safe. {@link #current()} never blocks. Only one refresh runs at a time:
 * {@link #maybeRefresh()} returns at once when another is running, {@link #refresh(boolean)}
 * waits for it.
 */
public final class VaultHolder {
    private static final Logger LOG = Logger.getLogger(VaultHolder.class.getName());

    private final VaultBuilder builder;
    private final List<Consumer<Vault>> onPublish;
    private final List<Consumer<RefreshResult>> onRefresh;
    private final InstantSource clock;
    private final ReentrantLock refreshLock = new ReentrantLock();

    private volatile Vault current;
    private volatile RefreshResult lastResult = RefreshResult.NEVER;
    private volatile String lastError;
    private volatile int consecutiveFailures;
    private volatile boolean retired;
    private final Drain drain = new Drain();

    /**
     * A holder without refresh listeners.
     *
     * @param onPublish  told about every published vault, on the refreshing thread
     */
    public VaultHolder(VaultBuilder builder, List<Consumer<Vault>> onPublish, InstantSource clock) {
        this(builder, onPublish, List.of(), clock);
    }

    /**
     * @param onPublish  told about every published vault, on the refreshing thread
     * @param onRefresh  told how every refresh that ran ended (not {@code BUSY}), on the refreshing thread
     */
    public VaultHolder(
            VaultBuilder builder,
            List<Consumer<Vault>> onPublish,
            List<Consumer<RefreshResult>> onRefresh,
            InstantSource clock) {
        this.builder = builder;
        this.onPublish = List.copyOf(onPublish);
        this.onRefresh = List.copyOf(onRefresh);
        this.clock = clock;
        this.current = Vault.empty(builder.storage(), builder.skipped(), clock);
    }

    /** The vault to serve from; generation 0 (empty) until the first build succeeds. Never blocks. */
    public Vault current() {
        return current;
    }

    /** Refreshes unless a refresh is running (then returns {@code BUSY} at once). */
    public RefreshResult maybeRefresh() {
        if (!refreshLock.tryLock()) {
            return busy();
        }
        try {
            return doRefresh(false);
        } finally {
            refreshLock.unlock();
        }
    }

    /**
     * Refreshes, waiting for a running refresh to end first.
     *
     * @param full rebuild from scratch and publish even if the source lost data (the operator's reload)
     */
    public RefreshResult refresh(boolean full) {
        refreshLock.lock();
        try {
            return doRefresh(full);
        } finally {
            refreshLock.unlock();
        }
    }

    /** Like {@link #refresh(boolean)} but returns {@code BUSY} when another refresh is running. */
    public RefreshResult tryRefresh(boolean full) {
        if (!refreshLock.tryLock()) {
            return busy();
        }
        try {
            return doRefresh(full);
        } finally {
            refreshLock.unlock();
        }
    }

    public boolean refreshing() {
        return refreshLock.isLocked();
    }

    private RefreshResult busy() {
        long now = clock.millis();
        return new RefreshResult(
                RefreshResult.Outcome.BUSY, current.generation(), now, now, "a refresh is already in progress");
    }

    private RefreshResult doRefresh(boolean full) {
        if (retired) {
            long now = clock.millis();
            return new RefreshResult(
                    RefreshResult.Outcome.BUSY, current.generation(), now, now, "stopping: no more refreshes");
        }
        Vault previous = current;
        long started = clock.millis();
        RefreshResult result;
        boolean success = false;
        try {
            VaultBuilder.Outcome outcome = builder.refresh(previous, previous.generation() + 1, full);
            Vault next = outcome.vault();
            String refusal = next == null || full ? null : DataLossCheck.refusal(previous, next);
            if (next == null) {
                result = finish(RefreshResult.Outcome.UNCHANGED, previous, started, outcome.note());
            } else if (refusal != null) {
                result = finish(RefreshResult.Outcome.REFUSED, previous, started, refusal);
                builder.progress().phase(BuildProgress.Phase.REFUSED);
                LOG.warning(result.message());
            } else {
                publish(next);
                result = finish(
                        outcome.full() ? RefreshResult.Outcome.FULL : RefreshResult.Outcome.INCREMENTAL,
                        next,
                        started,
                        outcome.note());
            }
            success = true;
            return result;
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            LOG.log(
                    Level.WARNING,
                    "refresh failed, generation " + previous.generation() + " keeps serving: " + message,
                    e);
            lastError = message;
            consecutiveFailures++;
            builder.progress().phase(BuildProgress.Phase.FAILED);
            result = finish(RefreshResult.Outcome.FAILED, previous, started, message);
            return result;
        } finally {
            if (success) {
                consecutiveFailures = 0;
            }
        }
    }

    private void publish(Vault next) {
        current = next;
        builder.progress().phase(BuildProgress.Phase.PUBLISHED);
        tell(onPublish, next, "generation " + next.generation());
        try {
            builder.commitCursor(next);
        } catch (RuntimeException e) {
            // the vault is published; a cursor not moved only means the next refresh re-reads
            LOG.log(Level.WARNING, "could not store the consumer cursor: " + e.getMessage(), e);
        }
    }

    private RefreshResult finish(RefreshResult.Outcome outcome, Vault serving, long started, String message) {
        RefreshResult result = new RefreshResult(outcome, serving.generation(), started, clock.millis(), message);
        lastResult = result;
        tell(onRefresh, result, "refresh " + result.outcome());
        return result;
    }

    /** Tells each listener; one that throws is logged and the others are still told. */
    private static <T> void tell(List<Consumer<T>> listeners, T value, String what) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "listener failed on " + what, e);
            }
        }
    }

    /** The last refresh that ran (not counting BUSY answers). */
    public RefreshResult lastResult() {
        return lastResult;
    }

    /** The message of the last failed refresh, or null if none failed yet. */
    public String lastError() {
        return lastError;
    }

    /** Failed refreshes since the last successful one. */
    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** Record slots the serving vault found without a value (see {@link Vault#missingRecordSlots()}). */
    public int missingRecordSlots() {
        return current.missingRecordSlots();
    }

    public BuildProgress progress() {
        return builder.progress();
    }

    public SkippedValues skipped() {
        return builder.skipped();
    }

    public String sourceDescription() {
        return builder.storage().description();
    }

    /** This instance's name among the update log's consumers ({@code pid:<id>}). */
    public ConsumerId consumerId() {
        return builder.consumerId();
    }

    /** Whether this instance is draining, and the requests in flight. */
    public Drain drain() {
        return drain;
    }

    /**
     * At shutdown: ends refreshing for good (later ones answer {@code BUSY}) and takes this
     * consumer off the update log ({@link VaultBuilder#unregister()}), after a running refresh
     * ends, waiting at most {@code timeoutMillis} for it. The served vault stays.
     *
     * @throws org.stackvault.source.StorageException when the source cannot be written
     */
    public void retire(long timeoutMillis) {
        boolean locked = false;
        try {
            locked = refreshLock.tryLock(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            retired = true;
            builder.unregister();
        } finally {
            if (locked) {
                refreshLock.unlock();
            }
        }
    }
}
