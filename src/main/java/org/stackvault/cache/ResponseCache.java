package org.stackvault.cache;

import java.net.URL;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.core.spi.service.StatisticsService;
import org.ehcache.core.statistics.TierStatistics;
import org.ehcache.core.internal.statistics.DefaultStatisticsService;
import org.ehcache.xml.XmlConfiguration;

/**
 * Response bodies by (vault generation, endpoint, normalized known parameters), in an
 * Ehcache cache bounded in bytes (off-heap, so the bound is exact and the GC never scans
 * it). Keys carry the generation: after a swap old entries are unreachable, and
 * {@link #clear()} drops them.
 *
 * <p>Thread-safe; counters are {@link LongAdder}s.
 */
public final class ResponseCache implements AutoCloseable {
    public static final String CACHE_NAME = "responses";

    private final CacheManager manager;
    private final Cache<String, byte[]> cache;
    private final StatisticsService statistics;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private ResponseCache(CacheManager manager, StatisticsService statistics) {
        this.manager = manager;
        this.statistics = statistics;
        this.cache = manager.getCache(CACHE_NAME, String.class, byte[].class);
        if (cache == null) {
            throw new IllegalArgumentException("the Ehcache configuration has no cache '" + CACHE_NAME
                    + "' of String to byte[]");
        }
    }

    /** A cache sized by an ehcache.xml that declares a cache named {@value #CACHE_NAME}. */
    public static ResponseCache fromXml(URL ehcacheXml) {
        XmlConfiguration xml = new XmlConfiguration(ehcacheXml, ResponseCache.class.getClassLoader());
        var declared = xml.getCacheConfigurations().get(CACHE_NAME);
        if (declared == null) {
            throw new IllegalArgumentException(ehcacheXml + " declares no cache '" + CACHE_NAME + "'");
        }
        StatisticsService statistics = new DefaultStatisticsService();
        CacheManager manager = CacheManagerBuilder.newCacheManagerBuilder().using(statistics)
                .withCache(CACHE_NAME, CacheConfigurationBuilder.newCacheConfigurationBuilder(String.class,
                        byte[].class, declared.getResourcePools()))
                .build(true);
        return new ResponseCache(manager, statistics);
    }

    /** A cache of {@code megabytes} off-heap. */
    public static ResponseCache ofMegabytes(long megabytes) {
        StatisticsService statistics = new DefaultStatisticsService();
        CacheManager manager = CacheManagerBuilder.newCacheManagerBuilder().using(statistics)
                .withCache(CACHE_NAME, defaultConfiguration(megabytes)).build(true);
        return new ResponseCache(manager, statistics);
    }

    private static CacheConfigurationBuilder<String, byte[]> defaultConfiguration(long megabytes) {
        return CacheConfigurationBuilder.newCacheConfigurationBuilder(String.class, byte[].class,
                ResourcePoolsBuilder.newResourcePoolsBuilder().heap(16, org.ehcache.config.units.EntryUnit.ENTRIES)
                        .offheap(megabytes, MemoryUnit.MB));
    }

    /** The cached body, or null (counted as a miss). */
    public byte[] get(String key) {
        byte[] body = cache.get(key);
        (body == null ? misses : hits).increment();
        return body;
    }

    public void put(String key, byte[] body) {
        cache.put(key, body);
    }

    /** The cached body, or the computed one, cached. */
    public byte[] getOrCompute(String key, Supplier<byte[]> compute) {
        byte[] body = get(key);
        if (body == null) {
            body = compute.get();
            put(key, body);
        }
        return body;
    }

    /** Drops every entry (called after a vault swap: entries of older generations are dead). */
    public void clear() {
        cache.clear();
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Entries held now. */
    public long entries() {
        var stats = statistics.getCacheStatistics(CACHE_NAME);
        long n = 0;
        for (TierStatistics tier : stats.getTierStatistics().values()) {
            n = Math.max(n, tier.getMappings());
        }
        return n;
    }

    @Override
    public void close() {
        manager.close();
    }
}
