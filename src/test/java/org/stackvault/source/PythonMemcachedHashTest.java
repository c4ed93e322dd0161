package org.stackvault.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import net.spy.memcached.ArrayModNodeLocator;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.MemcachedNode;
import org.junit.jupiter.api.Test;

/**
 * PythonMemcachedHash against python-memcached's own choice of server
 * ({@code server-mapping.csv}, written by src/test/python/server_mapping_fixture.py through
 * memcache.Client._get_server of Debian's python-memcached 1.59).
 */
class PythonMemcachedHashTest {

    record Row(String key, int servers, int index159, int index160) {}

    static List<Row> rows(String csv) {
        List<Row> rows = new ArrayList<>();
        String[] lines = csv.split("\n");
        assertEquals("key,servers,server_index_1_59,server_index_1_60", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            rows.add(new Row(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3])));
        }
        return rows;
    }

    static List<Row> fixture() {
        return rows(new String(SourceSamples.resource("server-mapping.csv"), StandardCharsets.UTF_8));
    }

    @Test
    void hash_picksTheServerPythonMemcachedPicks_onEveryFixtureKey() {
        List<Row> rows = fixture();
        assertTrue(rows.size() > 9000, "fixture holds " + rows.size() + " rows");
        for (Row row : rows) {
            assertEquals(row.index159(), PythonMemcachedHash.V1_59.hash(row.key()) % row.servers(), "1.59: " + row);
            assertEquals(row.index160(), PythonMemcachedHash.V1_60.hash(row.key()) % row.servers(), "1.60: " + row);
        }
    }

    @Test
    void fixture_holdsKeysWhereTheTwoVersionsDisagree_forEveryServerCount() {
        Map<Integer, List<String>> differing = new TreeMap<>();
        for (Row row : fixture()) {
            if (row.index159() != row.index160()) {
                differing.computeIfAbsent(row.servers(), n -> new ArrayList<>()).add(row.key());
            }
        }
        assertEquals(List.of(2, 3, 5), List.copyOf(differing.keySet()));
        for (List<String> keys : differing.values()) {
            assertTrue(keys.contains("record:21090"), keys.toString());
            assertTrue(keys.size() >= 20, keys.toString());
        }
    }

    @Test
    void record21090_landsOnDifferentServersUnderTheTwoVersions() {
        // its CRC part is 0: 1.59 turns it into 1 (h or 1), 1.60 keeps 0
        assertEquals(1, PythonMemcachedHash.V1_59.hash("record:21090"));
        assertEquals(0, PythonMemcachedHash.V1_60.hash("record:21090"));
        for (int servers : new int[] {2, 3, 5}) {
            assertEquals(1, PythonMemcachedHash.V1_59.hash("record:21090") % servers);
            assertEquals(0, PythonMemcachedHash.V1_60.hash("record:21090") % servers);
        }
    }

    @Test
    void hash_isTheUpper15BitsOfTheCrc32OfTheUtf8Key() {
        for (String key :
                new String[] {"record:0", "user:j\u00f6rg@example.com", "user:\u674e\u5c0f\u9f8d@example.cn", "x"}) {
            CRC32 crc = new CRC32();
            crc.update(key.getBytes(StandardCharsets.UTF_8));
            long expected = (crc.getValue() >> 16) & 0x7fff;
            assertEquals(expected, PythonMemcachedHash.V1_60.hash(key), key);
            assertEquals(expected == 0 ? 1 : expected, PythonMemcachedHash.V1_59.hash(key), key);
            assertTrue(PythonMemcachedHash.V1_59.hash(key) >= 1 && PythonMemcachedHash.V1_59.hash(key) <= 0x7fff);
        }
    }

    @Test
    void liveFixture_fromThePythonMemcachedLibrary_equalsTheCommittedOne() {
        CPython python = CPython.require("memcache");
        String live = new String(python.runScript("server_mapping_fixture.py"), StandardCharsets.UTF_8);
        assertEquals(new String(SourceSamples.resource("server-mapping.csv"), StandardCharsets.UTF_8), live);
    }

    @Test
    void spymemcachedCrcHash_equalsThe1_60Form_andItsDefaultHashDoesNot() {
        int nativeDiffers = 0;
        for (Row row : fixture()) {
            assertEquals(
                    PythonMemcachedHash.V1_60.hash(row.key()),
                    DefaultHashAlgorithm.CRC_HASH.hash(row.key()),
                    row.key());
            if (DefaultHashAlgorithm.NATIVE_HASH.hash(row.key()) % row.servers() != row.index159()) {
                nativeDiffers++;
            }
        }
        assertTrue(nativeDiffers > 1000, "spymemcached's default hash agreed on all but " + nativeDiffers + " rows");
    }

    // --- spymemcached's array-modulo locator with our hash -----------------------------------------

    /** A node that only knows its address: the locator asks nothing else of it. */
    static MemcachedNode node(int port) {
        InetSocketAddress address = InetSocketAddress.createUnresolved("memcached-" + port, port);
        return (MemcachedNode) Proxy.newProxyInstance(
                MemcachedNode.class.getClassLoader(),
                new Class<?>[] {MemcachedNode.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSocketAddress" -> address;
                    case "toString" -> "node " + address;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void arrayModLocatorWithOurHash_picksThePythonMemcachedServer_inTheConfiguredOrder() {
        Map<Integer, List<MemcachedNode>> nodes = new TreeMap<>();
        for (int servers : new int[] {2, 3, 5}) {
            List<MemcachedNode> list = new ArrayList<>();
            for (int i = 0; i < servers; i++) {
                list.add(node(11211 + i));
            }
            nodes.put(servers, list);
        }
        Map<Integer, ArrayModNodeLocator> v159 = new TreeMap<>();
        Map<Integer, ArrayModNodeLocator> v160 = new TreeMap<>();
        nodes.forEach((n, list) -> {
            v159.put(n, new ArrayModNodeLocator(list, PythonMemcachedHash.V1_59));
            v160.put(n, new ArrayModNodeLocator(list, PythonMemcachedHash.V1_60));
        });
        for (Row row : fixture()) {
            List<MemcachedNode> list = nodes.get(row.servers());
            assertSame(list.get(row.index159()), v159.get(row.servers()).getPrimary(row.key()), "1.59: " + row);
            assertSame(list.get(row.index160()), v160.get(row.servers()).getPrimary(row.key()), "1.60: " + row);
        }
        // the locator keeps the configured order (no sorting by address)
        assertEquals(nodes.get(5), List.copyOf(v159.get(5).getAll()));
    }

    // --- configuration -------------------------------------------------------------------------

    @Test
    void of_parsesTheConfiguredVersion() {
        assertSame(PythonMemcachedHash.V1_59, PythonMemcachedHash.of("1.59"));
        assertSame(PythonMemcachedHash.V1_59, PythonMemcachedHash.of(" legacy "));
        assertSame(PythonMemcachedHash.V1_59, PythonMemcachedHash.of("V1_59"));
        assertSame(PythonMemcachedHash.V1_60, PythonMemcachedHash.of("1.60"));
        assertSame(PythonMemcachedHash.V1_60, PythonMemcachedHash.of("V1_60"));
        assertThrows(IllegalArgumentException.class, () -> PythonMemcachedHash.of("1.61"));
        assertThrows(IllegalArgumentException.class, () -> PythonMemcachedHash.of(""));
    }

    @Test
    void theTwoVersions_agreeExceptWhereTheCrcPartIsZero() {
        int differ = 0;
        for (int i = 0; i < 200_000; i++) {
            String key = "record:" + i;
            long h159 = PythonMemcachedHash.V1_59.hash(key);
            long h160 = PythonMemcachedHash.V1_60.hash(key);
            if (h159 != h160) {
                assertEquals(0, h160, key);
                assertEquals(1, h159, key);
                differ++;
            }
        }
        assertNotEquals(0, differ);
        assertTrue(differ < 30, differ + " of 200000 keys differ; expected about 1 in 32768");
    }
}
