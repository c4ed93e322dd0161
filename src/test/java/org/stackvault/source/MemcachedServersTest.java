package org.stackvault.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stackvault.testing.MemcachedProcess;

/**
 * Several real memcached servers: keys written through {@link MemcachedStorage} must sit on
 * the server python-memcached picks for them ({@code server-mapping.csv}, made by the library
 * itself), checked on each server with plain text-protocol gets; where python-memcached is
 * installed, its own client reads them back and writes keys Stackvault reads.
 */
class MemcachedServersTest {
    private static final int GET_BATCH = 100;
    private static final List<MemcachedProcess> SERVERS = new ArrayList<>();

    @BeforeAll
    static void startThreeServers() throws IOException {
        for (int i = 0; i < 3; i++) {
            SERVERS.add(MemcachedProcess.start());
        }
    }

    @AfterAll
    static void stopServers() {
        SERVERS.forEach(MemcachedProcess::close);
    }

    @BeforeEach
    void emptyEveryServer() throws IOException {
        for (MemcachedProcess server : SERVERS) {
            try (Socket socket = connect(server)) {
                socket.getOutputStream().write("flush_all\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("OK", readLine(new BufferedInputStream(socket.getInputStream())));
            }
        }
    }

    static Stream<Arguments> serverCountsAndHashes() {
        return Stream.of(
                Arguments.of(2, PythonMemcachedHash.V1_59),
                Arguments.of(2, PythonMemcachedHash.V1_60),
                Arguments.of(3, PythonMemcachedHash.V1_59),
                Arguments.of(3, PythonMemcachedHash.V1_60));
    }

    @ParameterizedTest(name = "{0} servers, python-memcached {1}")
    @MethodSource("serverCountsAndHashes")
    void everyKey_sitsOnTheServerPythonMemcachedPicks_andOnNoOther(int servers, PythonMemcachedHash hash)
            throws IOException {
        List<PythonMemcachedHashTest.Row> rows = PythonMemcachedHashTest.fixture().stream()
                .filter(r -> r.servers() == servers)
                .toList();
        assertTrue(
                rows.stream().anyMatch(r -> r.key().equals("record:21090") && r.index159() != r.index160()),
                "the fixture holds record:21090, where 1.59 and 1.60 disagree");
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            values.put(rows.get(i).key(), (long) i);
        }
        try (MemcachedStorage storage = MemcachedStorage.connect(addresses(servers), hash, 5000, 20 << 20)) {
            storage.setMulti(values, 0);
        }

        List<Map<String, StoredValue>> held = new ArrayList<>();
        for (int s = 0; s < servers; s++) {
            held.add(rawGet(SERVERS.get(s), List.copyOf(values.keySet())));
        }
        int moved = 0;
        for (PythonMemcachedHashTest.Row row : rows) {
            int expected = hash == PythonMemcachedHash.V1_59 ? row.index159() : row.index160();
            moved += row.index159() != row.index160() ? 1 : 0;
            for (int s = 0; s < servers; s++) {
                StoredValue value = held.get(s).get(row.key());
                if (s == expected) {
                    assertNotNull(value, row + ": not on server " + s);
                    assertEquals(2, value.flags(), "an int, as python-memcached stores it");
                    assertEquals(values.get(row.key()).toString(), new String(value.data(), StandardCharsets.US_ASCII));
                } else {
                    assertNull(value, row + ": also on server " + s);
                }
            }
        }
        assertTrue(moved > 0, "keys where the versions disagree were checked");
        assertEquals(values.size(), held.stream().mapToInt(Map::size).sum(), "each key stored once");
    }

    @Test
    void pythonMemcachedItself_readsWhatWeWrote_andWritesWhatWeRead() {
        CPython python = CPython.require("memcache");
        List<String> keys = PythonMemcachedHashTest.fixture().stream()
                .filter(r -> r.servers() == 2)
                .map(PythonMemcachedHashTest.Row::key)
                .toList();
        assertTrue(keys.contains("record:21090"), "a key where 1.59 and 1.60 disagree");
        List<String> servers = addresses(2);
        Map<String, Object> ours = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i += 2) {
            ours.put(keys.get(i), "value of " + keys.get(i));
        }
        String script = """
                import sys, memcache
                client = memcache.Client(sys.argv[1].split(','))
                keys = sys.stdin.read().split('\\n')
                ours = [k for i, k in enumerate(keys) if i % 2 == 0]
                found = client.get_multi(ours)
                wrong = [k for k in ours if found.get(k) != 'value of ' + k]
                theirs = {k: 'written by python ' + k for i, k in enumerate(keys) if i % 2 == 1}
                failed = client.set_multi(theirs)
                print('%d read, %d wrong %s, %d not set' % (len(found), len(wrong), wrong[:3], len(failed)))
                """;
        try (MemcachedStorage storage = MemcachedStorage.connect(servers, PythonMemcachedHash.V1_59, 5000, 20 << 20)) {
            storage.setMulti(ours, 0);
            String report = python.runCodeText(
                            script, String.join("\n", keys).getBytes(StandardCharsets.UTF_8), String.join(",", servers))
                    .strip();
            assertEquals(ours.size() + " read, 0 wrong [], 0 not set", report);

            Map<String, Object> read = storage.getMulti(keys);
            for (int i = 1; i < keys.size(); i += 2) {
                assertEquals("written by python " + keys.get(i), read.get(keys.get(i)), keys.get(i));
            }
        }
    }

    private static List<String> addresses(int servers) {
        return SERVERS.subList(0, servers).stream()
                .map(MemcachedProcess::address)
                .toList();
    }

    private static Socket connect(MemcachedProcess server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
        socket.setSoTimeout(5000);
        return socket;
    }

    /** The keys {@code server} holds of {@code keys}, with their flags and bytes, by plain {@code get}s. */
    private static Map<String, StoredValue> rawGet(MemcachedProcess server, List<String> keys) throws IOException {
        Map<String, StoredValue> found = new HashMap<>();
        try (Socket socket = connect(server)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int from = 0; from < keys.size(); from += GET_BATCH) {
                String command =
                        "get " + String.join(" ", keys.subList(from, Math.min(keys.size(), from + GET_BATCH))) + "\r\n";
                out.write(command.getBytes(StandardCharsets.UTF_8));
                out.flush();
                for (String line = readLine(in); !line.equals("END"); line = readLine(in)) {
                    String[] f = line.split(" ");
                    assertEquals("VALUE", f[0], line);
                    byte[] data = in.readNBytes(Integer.parseInt(f[3]));
                    assertEquals("", readLine(in), "the value ends with CRLF");
                    found.put(f[1], new StoredValue(Integer.parseInt(f[2]), data));
                }
            }
        }
        return found;
    }

    /** One line of the text protocol, without its CRLF, decoded as UTF-8 (keys may be non-ASCII). */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-line: " + line);
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, Math.max(0, bytes.length - 1), StandardCharsets.UTF_8);
    }
}
