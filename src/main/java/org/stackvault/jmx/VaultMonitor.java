package org.stackvault.jmx;

import java.time.Instant;
import java.util.Map;
import org.stackvault.cache.ResponseCache;
import org.stackvault.vault.RefreshResult;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultHolder;

/**
 * The {@link VaultMXBean}: reads the holder and cache, runs refreshes on the caller's
 * thread (a refresh already running makes the call answer BUSY). Stateless beyond its
 * collaborators; thread-safe.
 */
public final class VaultMonitor implements VaultMXBean {
    private final VaultHolder holder;
    private final ResponseCache cache;

    public VaultMonitor(VaultHolder holder, ResponseCache cache) {
        this.holder = holder;
        this.cache = cache;
    }

    @Override
    public long getGeneration() {
        return holder.current().generation();
    }

    @Override
    public long getRecordCount() {
        return holder.current().recordCount();
    }

    @Override
    public long getUserCount() {
        return holder.current().users().size();
    }

    @Override
    public String getSourceDescription() {
        return holder.sourceDescription();
    }

    @Override
    public String getConsumerId() {
        return holder.consumerId().value();
    }

    @Override
    public boolean isDraining() {
        return holder.drain().draining();
    }

    @Override
    public int getRequestsInFlight() {
        return holder.drain().inFlight();
    }

    @Override
    public String drain() {
        holder.drain().start();
        return "DRAINING: /api/1.0/health answers 503; " + holder.drain().inFlight() + " requests in flight";
    }

    @Override
    public String getLastRefreshTime() {
        RefreshResult last = holder.lastResult();
        return last.finishedMillis() == 0
                ? ""
                : Instant.ofEpochMilli(last.finishedMillis()).toString();
    }

    @Override
    public long getLastRefreshDurationMillis() {
        return holder.lastResult().durationMillis();
    }

    @Override
    public String getLastRefreshOutcome() {
        return holder.lastResult().outcome().name();
    }

    @Override
    public String getLastRefreshMessage() {
        return holder.lastResult().message();
    }

    @Override
    public String getLastError() {
        return holder.lastError() == null ? "" : holder.lastError();
    }

    @Override
    public boolean isRefreshing() {
        return holder.refreshing();
    }

    @Override
    public String getBuildPhase() {
        return holder.progress().phase().name();
    }

    @Override
    public long getBuildItemsRead() {
        return holder.progress().read();
    }

    @Override
    public long getBuildItemsTotal() {
        return holder.progress().total();
    }

    @Override
    public long getMissingRecordSlots() {
        return holder.missingRecordSlots();
    }

    @Override
    public Map<String, Long> getSkippedValues() {
        return holder.skipped().byKind();
    }

    @Override
    public long getCacheHits() {
        return cache.hits();
    }

    @Override
    public long getCacheMisses() {
        return cache.misses();
    }

    @Override
    public long getCacheAdmissions() {
        return cache.admissions();
    }

    @Override
    public long getCacheEntries() {
        return cache.entries();
    }

    @Override
    public String refresh() {
        return describe(holder.tryRefresh(false));
    }

    @Override
    public String reload() {
        return describe(holder.tryRefresh(true));
    }

    @Override
    public long clearResponseCache() {
        long entries = cache.entries();
        cache.clear();
        return entries;
    }

    private String describe(RefreshResult r) {
        Vault v = holder.current();
        return r.outcome() + ": " + r.message() + " (generation " + v.generation() + ", " + v.recordCount()
                + " records, " + r.durationMillis() + " ms)";
    }
}
