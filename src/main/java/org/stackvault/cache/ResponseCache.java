package org.stackvault.cache;

import java.net.URL;
import java.util.concurrent.atomic.LongAdder;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.ResourcePools;
import org.ehcache.config.ResourceType;
import org.ehcache.config.SizedResourcePool;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.EntryUnit;
import org.ehcache.config.units.MemoryUnit;
import org.ehcache.core.spi.service.StatisticsService;
import org.ehcache.core.statistics.TierStatistics;
import org.ehcache.spi.service.Service;
import org.ehcache.spi.service.ServiceDependencies;
import org.ehcache.spi.service.ServiceProvider;
import org.ehcache.xml.XmlConfiguration;

/**
 * Response bodies by key (the vault generation, the endpoint, the parameters it reads,
 * normalised), in an Ehcache cache bounded in bytes (off-heap, so the bound is exact and
 * the GC never scans it) with a small heap tier counted in entries.
 *
 * <p>Two rules keep it useful under hostile traffic. <b>Admission</b>: an answer is stored
 * only on its key's second miss within a window ({@link Doorkeeper}), so one-off keys never
 * displace hot entries. <b>Generations</b>: an answer computed on a generation that is no
 * longer current is not stored ({@link #offer}), and {@link #startGeneration} drops the
 * previous generation's entries, so nothing of an old vault outlives a swap.
 *
 * <p>Thread-safe; a get takes no lock of ours (Ehcache's off-heap store takes its segment
 * read lock), counters are {@link LongAdder}s.
 */
public final class ResponseCache implements AutoCloseable {
    public static final String CACHE_NAME = "responses";
    /** Misses a doorkeeper window remembers before it starts afresh. */
    private static final int ADMISSION_WINDOW = 1 << 16;

    private final CacheManager manager;
    private final Cache<String, byte[]> cache;
    private final StatisticsProbe statistics;
    private final long offHeapBytes;
    private final Doorkeeper doorkeeper = new Doorkeeper(ADMISSION_WINDOW);
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder admissions = new LongAdder();
    private volatile long generation = Long.MIN_VALUE;

    /** Hands out Ehcache's statistics service, which the cache manager does not expose. */
    @ServiceDependencies(StatisticsService.class)
    private static final class StatisticsProbe implements Service {
        private volatile StatisticsService service;

        @Override
        public void start(ServiceProvider<Service> services) {
            service = services.getService(StatisticsService.class);
        }

        @Override
        public void stop() {}
    }

    private ResponseCache(ResourcePools pools) {
        SizedResourcePool offHeap = pools.getPoolForResource(ResourceType.Core.OFFHEAP);
        if (offHeap == null || !(offHeap.getUnit() instanceof MemoryUnit unit)) {
            throw new IllegalArgumentException("the '" + CACHE_NAME + "' cache needs an off-heap tier sized in bytes");
        }
        this.offHeapBytes = unit.toBytes(offHeap.getSize());
        this.statistics = new StatisticsProbe();
        this.manager = CacheManagerBuilder.newCacheManagerBuilder()
                .using(statistics)
                .withCache(
                        CACHE_NAME,
                        CacheConfigurationBuilder.newCacheConfigurationBuilder(String.class, byte[].class, pools))
                .build(true);
        this.cache = manager.getCache(CACHE_NAME, String.class, byte[].class);
    }

    /** A cache sized by an ehcache.xml that declares a cache named {@value #CACHE_NAME}. */
    public static ResponseCache fromXml(URL ehcacheXml) {
        XmlConfiguration xml = new XmlConfiguration(ehcacheXml, ResponseCache.class.getClassLoader());
        var declared = xml.getCacheConfigurations().get(CACHE_NAME);
        if (declared == null) {
            throw new IllegalArgumentException(ehcacheXml + " declares no cache '" + CACHE_NAME + "'");
        }
        return new ResponseCache(declared.getResourcePools());
    }

    /** A cache of {@code megabytes} off-heap and 16 entries on the heap. */
    public static ResponseCache ofMegabytes(long megabytes) {
        return new ResponseCache(ResourcePoolsBuilder.newResourcePoolsBuilder()
                .heap(16, EntryUnit.ENTRIES)
                .offheap(megabytes, MemoryUnit.MB)
                .build());
    }

    /** The cached body, or null (counted as a miss). */
    public byte[] get(String key) {
        byte[] body = cache.get(key);
        (body == null ? misses : hits).increment();
        return body;
    }

    /**
     * Stores a body computed on vault generation {@code generation}, if its key has missed
     * before in this window and that generation is still the current one.
     *
     * @return whether it was stored
     */
    public boolean offer(String key, long generation, byte[] body) {
        if (generation != this.generation || !doorkeeper.admit(key)) {
            return false;
        }
        cache.put(key, body);
        if (generation != this.generation) {
            // a swap began after the check: its clear() may have run before this put
            cache.remove(key);
            return false;
        }
        admissions.increment();
        return true;
    }

    /**
     * A new vault generation is being served: entries and sightings of older ones are
     * dropped. Called on the refreshing thread after each publication.
     */
    public void startGeneration(long generation) {
        this.generation = generation;
        doorkeeper.reset();
        cache.clear();
    }

    /** Drops every entry (the operator's clearResponseCache); the admission window stays. */
    public void clear() {
        cache.clear();
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    /** Answers stored (each after its key's second miss in a window). */
    public long admissions() {
        return admissions.sum();
    }

    /** Entries held now. */
    public long entries() {
        long n = 0;
        for (TierStatistics tier : tiers()) {
            n = Math.max(n, tier.getMappings());
        }
        return n;
    }

    /** Bytes the off-heap tier has allocated now; never more than {@link #offHeapLimitBytes()}. */
    public long offHeapAllocatedBytes() {
        TierStatistics offHeap = statistics
                .service
                .getCacheStatistics(CACHE_NAME)
                .getTierStatistics()
                .get("OffHeap");
        return offHeap == null ? 0 : offHeap.getAllocatedByteSize();
    }

    /** The configured off-heap bound. */
    public long offHeapLimitBytes() {
        return offHeapBytes;
    }

    private Iterable<TierStatistics> tiers() {
        return statistics
                .service
                .getCacheStatistics(CACHE_NAME)
                .getTierStatistics()
                .values();
    }

    @Override
    public void close() {
        manager.close();
    }
}
