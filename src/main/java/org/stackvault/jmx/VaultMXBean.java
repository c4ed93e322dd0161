package org.stackvault.jmx;

import java.util.Map;

/**
 * The vault, its refreshes and the response cache, as seen and operated through JMX.
 * Implementations must be thread-safe: JMX threads call them while requests and refreshes run.
 */
public interface VaultMXBean {
    /** Generation of the vault being served (0: none yet). */
    long getGeneration();

    long getRecordCount();

    long getUserCount();

    /** Where records are read from (no secrets). */
    String getSourceDescription();

    /** This instance's consumer id: its cursor in the update log is {@code pid:<id>}. */
    String getConsumerId();

    /** Whether the health check answers {@code draining} (see {@link #drain()}). */
    boolean isDraining();

    /** Requests being served now. */
    int getRequestsInFlight();

    /** When the last refresh ended (ISO-8601), or empty if none ran. */
    String getLastRefreshTime();

    long getLastRefreshDurationMillis();

    /** FULL, INCREMENTAL, UNCHANGED, REFUSED, FAILED or NONE. */
    String getLastRefreshOutcome();

    String getLastRefreshMessage();

    /** The message of the last failed refresh, or empty. */
    String getLastError();

    boolean isRefreshing();

    /** Phase of the current or last build (READING_RECORDS, INDEXING, PUBLISHED ...). */
    String getBuildPhase();

    long getBuildItemsRead();

    long getBuildItemsTotal();

    /**
     * Record slots below {@code record:count} the serving vault found without a value
     * (evicted or lost); a refresh finding more is refused.
     */
    long getMissingRecordSlots();

    /** Values skipped by builds since start, by kind (undecodable, malformed ...). */
    Map<String, Long> getSkippedValues();

    long getCacheHits();

    long getCacheMisses();

    /** Answers stored in the cache: each key is admitted on its second miss in an admission window. */
    long getCacheAdmissions();

    long getCacheEntries();

    /** Applies the update log now; answers what happened (or that a refresh is in progress). */
    String refresh();

    /** Rebuilds everything from the source now and publishes it even if it lost records. */
    String reload();

    /**
     * Starts draining before a stop: the health check answers 503 {@code draining}, so a
     * balancer that checks it sends nothing new; requests are still served. Only a restart
     * ends it. Answers what it did.
     */
    String drain();

    /** Drops every cached response (they are recomputed on demand); answers how many there were. */
    long clearResponseCache();
}
