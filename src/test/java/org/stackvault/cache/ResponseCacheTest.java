package org.stackvault.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The response cache on a real Ehcache: admission, generations, the byte bound. */
class ResponseCacheTest {
    private static byte[] body(int size, int seed) {
        byte[] b = new byte[size];
        Arrays.fill(b, (byte) seed);
        return b;
    }

    /** Asks for a key as a request would: a lookup, and on a miss the computed body offered. */
    private static byte[] request(ResponseCache cache, String key, long generation, byte[] computed) {
        byte[] cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        cache.offer(key, generation, computed);
        return computed;
    }

    @Test
    void firstMiss_isRemembered_secondMissIsStored_thenHits() {
        try (ResponseCache cache = ResponseCache.ofMegabytes(1)) {
            cache.startGeneration(1);
            byte[] body = body(100, 1);
            assertFalse(cache.offer("1 /releases", 1, body));
            assertNull(cache.get("1 /releases"));
            assertTrue(cache.offer("1 /releases", 1, body));
            assertArrayEquals(body, cache.get("1 /releases"));
            assertEquals(1, cache.admissions());
            assertEquals(1, cache.hits());
            assertEquals(1, cache.misses());
        }
    }

    @Test
    void hotEntry_survivesAFloodOfOneOffKeys_whichDoNotOccupyTheCache() {
        try (ResponseCache cache = ResponseCache.ofMegabytes(1)) {
            cache.startGeneration(7);
            byte[] hot = body(4096, 7);
            for (int i = 0; i < 10; i++) {
                request(cache, "7 /stats/companies", 7, hot);
            }
            long hits = cache.hits();
            // 20 MB of distinct legitimate answers against a 1 MB cache: admitted, they would evict everything
            int flood = 5000;
            for (int i = 0; i < flood; i++) {
                request(cache, "7 /activity query_message=" + i, 7, body(4096, i));
            }
            assertArrayEquals(hot, cache.get("7 /stats/companies"), "the hot entry is still a hit");
            assertEquals(hits + 1, cache.hits());
            assertTrue(cache.admissions() < 1 + flood / 100, cache.admissions() + " one-off keys admitted");
            assertTrue(cache.entries() < 1 + flood / 100, cache.entries() + " entries after the flood");
        }
    }

    @Test
    void answerComputedOnAnOlderGeneration_isNotStored() {
        try (ResponseCache cache = ResponseCache.ofMegabytes(1)) {
            cache.startGeneration(1);
            cache.offer("1 /releases", 1, body(10, 1));
            cache.startGeneration(2); // the swap happened while the request computed
            assertFalse(cache.offer("1 /releases", 1, body(10, 1)));
            assertFalse(cache.offer("1 /releases", 1, body(10, 1)));
            assertEquals(0, cache.entries());
            assertEquals(0, cache.admissions());
        }
    }

    @Test
    void newGeneration_dropsEntriesAndSightings() {
        try (ResponseCache cache = ResponseCache.ofMegabytes(1)) {
            cache.startGeneration(1);
            cache.offer("1 /a", 1, body(10, 1));
            cache.offer("1 /a", 1, body(10, 1));
            cache.offer("2 /b", 1, body(10, 1)); // seen once in generation 1
            assertNotNull(cache.get("1 /a"));
            cache.startGeneration(2);
            assertNull(cache.get("1 /a"));
            assertEquals(0, cache.entries());
            assertFalse(cache.offer("2 /b", 2, body(10, 2)), "sightings of the older generation are forgotten");
            assertTrue(cache.offer("2 /b", 2, body(10, 2)));
        }
    }

    @Test
    void manyDistinctAdmittedAnswers_stayWithinTheOffHeapBound_andTheProcessDoesNotGrow() {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .findFirst()
                .orElseThrow();
        try (ResponseCache cache = ResponseCache.ofMegabytes(1)) {
            cache.startGeneration(1);
            long directBefore = direct.getMemoryUsed();
            long heapBefore = usedHeap();
            int keys = 4000;
            for (int i = 0; i < keys; i++) {
                String key = "1 /activity start_record=" + i;
                cache.offer(key, 1, body(4096, i));
                cache.offer(key, 1, body(4096, i)); // admitted: 16 MB offered in all
                assertTrue(
                        cache.offHeapAllocatedBytes() <= cache.offHeapLimitBytes(),
                        cache.offHeapAllocatedBytes() + " bytes off-heap");
            }
            assertEquals(keys, cache.admissions());
            assertTrue(cache.entries() < keys / 4, cache.entries() + " entries of 4 KB in 1 MB");
            assertTrue(cache.offHeapAllocatedBytes() > cache.offHeapLimitBytes() / 2, "the cache did fill");
            assertTrue(
                    direct.getMemoryUsed() - directBefore <= cache.offHeapLimitBytes(),
                    "direct memory grew by " + (direct.getMemoryUsed() - directBefore));
            // the heap tier holds at most 16 bodies: 64 KB here, the rest is garbage
            assertTrue(usedHeap() - heapBefore < 8 << 20, "heap grew by " + (usedHeap() - heapBefore));
        }
    }

    private static long usedHeap() {
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void bundledConfiguration_is64MegabytesOffHeap() throws Exception {
        try (ResponseCache cache =
                ResponseCache.fromXml(Path.of("conf/ehcache.xml").toUri().toURL())) {
            assertEquals(64L << 20, cache.offHeapLimitBytes());
        }
    }

    @Test
    void doorkeeper_admitsFewOneOffKeys_acrossManyWindows() {
        Doorkeeper doorkeeper = new Doorkeeper(1 << 12);
        int admitted = 0;
        int keys = 100_000; // about 24 windows
        for (int i = 0; i < keys; i++) {
            if (doorkeeper.admit("one-off " + i)) {
                admitted++;
            }
        }
        assertTrue(admitted < keys / 250, admitted + " of " + keys + " one-off keys admitted");
        assertFalse(doorkeeper.admit("twice"));
        assertTrue(doorkeeper.admit("twice"));
    }
}
