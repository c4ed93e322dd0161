package org.stackvault.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackvault.source.SourceSamples.NAME;
import static org.stackvault.source.SourceSamples.assertDeepEquals;
import static org.stackvault.source.SourceSamples.assertFailsWith;
import static org.stackvault.source.SourceSamples.listOf;
import static org.stackvault.source.SourceSamples.mapOf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stackalytics-dump format: a plain sequence of pickled (key, value) tuples. */
class DumpFileTest {

    static List<DumpFile.Entry> read(byte[] dump) throws IOException {
        List<DumpFile.Entry> entries = new ArrayList<>();
        DumpFile.read(new ByteArrayInputStream(dump), (entry, bytesRead) -> entries.add(entry));
        return entries;
    }

    static void assertEntries(List<DumpFile.Entry> expected, List<DumpFile.Entry> actual) {
        assertEquals(
                expected.stream().map(DumpFile.Entry::key).toList(),
                actual.stream().map(DumpFile.Entry::key).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertDeepEquals(expected.get(i).value(), actual.get(i).value());
        }
    }

    static byte[] write(List<DumpFile.Entry> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DumpFile.Writer writer = new DumpFile.Writer(out)) {
            for (DumpFile.Entry entry : entries) {
                writer.write(entry.key(), entry.value());
            }
        }
        return out.toByteArray();
    }

    static List<DumpFile.Entry> writerSample() {
        List<DumpFile.Entry> entries = new ArrayList<>(SourceSamples.dumpPairs());
        entries.add(new DumpFile.Entry("record:2", SourceSamples.record()));
        entries.add(new DumpFile.Entry("big", BigInteger.TWO.pow(80)));
        entries.add(new DumpFile.Entry("text", NAME));
        entries.add(new DumpFile.Entry("gone", null));
        return entries;
    }

    @Test
    void writer_thenRead_returnsEveryPairInOrder() throws IOException {
        List<DumpFile.Entry> entries = writerSample();
        assertEntries(entries, read(write(entries)));
    }

    @Test
    void writer_toAFile_thenReadTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("dump.pickle");
        try (DumpFile.Writer writer = new DumpFile.Writer(file)) {
            for (DumpFile.Entry entry : writerSample()) {
                writer.write(entry.key(), entry.value());
            }
        }
        List<DumpFile.Entry> entries = new ArrayList<>();
        DumpFile.read(file, (entry, bytes) -> entries.add(entry));
        assertEntries(writerSample(), entries);
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {0, 2, 4})
    void dumpWrittenByCPython_committed_readsEveryPair(int protocol) throws IOException {
        assertEntries(
                SourceSamples.dumpPairs(),
                read(SourceSamples.resource("pickles/dump-protocol" + protocol + ".pickle")));
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void dumpWrittenByTheRunningCPython_readsEveryPair(int protocol) throws IOException {
        CPython python = CPython.require();
        byte[] dump = python.runScript("pickle_fixtures.py", "--emit", "dump", Integer.toString(protocol));
        assertEntries(SourceSamples.dumpPairs(), read(dump));
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {0, 4})
    void keyWrittenAsUtf8Bytes_comesBackAsString(int protocol) throws IOException {
        List<DumpFile.Entry> entries = read(SourceSamples.resource("pickles/dump-protocol" + protocol + ".pickle"));
        assertTrue(entries.stream().anyMatch(e -> e.key().equals("user:j\u00f6rg@example.com")), entries.toString());
    }

    @Test
    void emptyDump_readsNoPairs() throws IOException {
        assertEquals(List.of(), read(new byte[0]));
    }

    @Test
    void noneValue_isHandedOnAsNull() throws IOException {
        List<DumpFile.Entry> entries = read(write(List.of(new DumpFile.Entry("gone", null))));
        assertEquals(List.of(new DumpFile.Entry("gone", null)), entries);
    }

    // --- broken dumps --------------------------------------------------------------------------

    /**
     * Every cut inside the last pair must fail with IOException or UndecodableValueException;
     * e.g. protocol 4 cut right after a SHORT_BINUNICODE opcode (no length byte left) makes the
     * library allocate {@code new byte[-1]}, which must not escape as another exception.
     */
    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {0, 2, 4})
    void dumpCutInsideItsLastPair_failsInsteadOfReadingTheRest(int protocol) throws IOException {
        byte[] dump = SourceSamples.resource("pickles/dump-protocol" + protocol + ".pickle");
        int lastItemStart = lastItemStart(dump, SourceSamples.dumpPairs().size());
        List<String> wrong = new ArrayList<>();
        for (int length = lastItemStart + 1; length < dump.length; length++) {
            byte[] cut = Arrays.copyOf(dump, length);
            try {
                List<DumpFile.Entry> entries = read(cut);
                wrong.add("cut at " + length + ": read " + entries.size() + " pairs without complaint");
            } catch (IOException | UndecodableValueException expected) {
                // refused: right (mostly an IOException "premature end of file" / "expected more bytes";
                // where a missing byte reads as -1, e.g. the protocol number, an UndecodableValueException)
            } catch (RuntimeException e) {
                wrong.add("cut at " + length + " (byte 0x" + Integer.toHexString(dump[length - 1] & 0xff) + " last): "
                        + e);
            }
        }
        assertTrue(
                wrong.isEmpty(),
                wrong.size() + " of " + (dump.length - lastItemStart - 1) + " cuts in the last pair (" + lastItemStart
                        + ".." + dump.length + "):\n  " + String.join("\n  ", wrong));
    }

    /** Where the last pair starts: the longest prefix that reads as all pairs but the last. */
    private static int lastItemStart(byte[] dump, int pairs) {
        for (int length = dump.length - 1; length > 0; length--) {
            try {
                if (read(Arrays.copyOf(dump, length)).size() == pairs - 1) {
                    return length;
                }
            } catch (IOException | RuntimeException e) {
                // inside an item
            }
        }
        throw new AssertionError("no item boundary found");
    }

    /**
     * A dump has no end marker: one cut exactly between two pairs reads as a shorter dump.
     * Pinned here so that nobody mistakes it for a check.
     */
    @Test
    void dumpCutBetweenTwoPairs_readsAsAShorterDump() throws IOException {
        byte[] first = write(List.of(new DumpFile.Entry("a", 1L)));
        byte[] both = write(List.of(new DumpFile.Entry("a", 1L), new DumpFile.Entry("b", 2L)));
        assertEquals(List.of(new DumpFile.Entry("a", 1L)), read(Arrays.copyOf(both, first.length)));
    }

    @Test
    void itemThatIsNotAPair_isRefused() {
        for (Object item : new Object[] {42L, listOf("only a key"), new Object[] {"a", 1L, 2L}, mapOf("a", 1L)}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PickleCodec.dump(item, out);
            assertFailsWith(
                    () -> read(out.toByteArray()),
                    "item " + SourceSamples.describe(item),
                    UndecodableValueException.class);
        }
    }

    @Test
    void keyThatIsNotText_isRefused() {
        for (Object key : new Object[] {42L, null, listOf("a")}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PickleCodec.dump(new Object[] {key, 1L}, out);
            assertFailsWith(
                    () -> read(out.toByteArray()),
                    "key " + SourceSamples.describe(key),
                    UndecodableValueException.class);
        }
    }

    @Test
    void garbageAfterGoodPairs_isRefused() throws IOException {
        byte[] good = write(List.of(new DumpFile.Entry("a", 1L)));
        byte[] bad = Arrays.copyOf(good, good.length + 4);
        System.arraycopy(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}, 0, bad, good.length, 4);
        assertFailsWith(() -> read(bad), "garbage after a pair", IOException.class, UndecodableValueException.class);
    }

    /**
     * A malformed pickle in a dump (e.g. one that pops an empty stack) fails with
     * UndecodableValueException, as a malformed memcached value does.
     */
    @Test
    void malformedPickleInADump_failsWithUndecodableValueException() {
        for (String pickle : new String[] {"0.", ".", "s."}) {
            byte[] dump = pickle.getBytes(StandardCharsets.US_ASCII);
            assertFailsWith(
                    () -> read(dump), "dump '" + pickle + "'", IOException.class, UndecodableValueException.class);
        }
    }

    // --- progress -----------------------------------------------------------------------------

    /**
     * The {@code bytesRead} handed to the consumer (progress of load-dump) grows from the
     * first pair to the file size, also for dumps larger than the read buffer.
     */
    @Test
    void bytesRead_growsFromTheFirstPairToTheFileSize(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.pickle");
        try (DumpFile.Writer writer = new DumpFile.Writer(file)) {
            for (int i = 0; i < 3000; i++) {
                writer.write("record:" + i, Map.of("record_id", (long) i, "message", "x".repeat(100)));
            }
        }
        long size = Files.size(file);
        assertTrue(size > 256 * 1024, "dump of " + size + " bytes");
        List<Long> progress = new ArrayList<>();
        DumpFile.read(file, (entry, bytesRead) -> progress.add(bytesRead));
        assertEquals(3000, progress.size());
        long previous = 0;
        for (int i = 0; i < progress.size(); i++) {
            long bytes = progress.get(i);
            assertTrue(
                    bytes > previous && bytes <= size,
                    "pair " + i + ": bytesRead " + bytes + " after " + previous + " (file " + size + ")");
            previous = bytes;
        }
        assertEquals(size, previous);
    }

    @Test
    void bytesRead_ofASmallDump_endsAtItsSize() throws IOException {
        byte[] dump = write(writerSample());
        List<Long> progress = new ArrayList<>();
        DumpFile.read(new ByteArrayInputStream(dump), (entry, bytesRead) -> progress.add(bytesRead));
        assertEquals(dump.length, progress.get(progress.size() - 1));
    }

    // --- read by CPython -------------------------------------------------------------------------

    @Test
    void dumpOfOurWriter_isReadByCPython() throws IOException {
        CPython python = CPython.require();
        List<DumpFile.Entry> entries = new ArrayList<>(SourceSamples.dumpPairs());
        entries.add(new DumpFile.Entry("record:2", PickleCodecTest.writable()));
        String script = PickleCodecTest.PY_SAME + """
                import pickle, sys, io
                f = io.BytesIO(sys.stdin.buffer.read())
                pairs = []
                while f.tell() < len(f.getbuffer()):
                    pairs.append(pickle.load(f))
                RAW = pairs[-1][1]['raw']
                same(pairs, [
                    ('record:count', 2),
                    ('record:0', {'record_id': 0, 'record_type': 'commit', 'author_name': '\\u0141ukasz \\u017b\\u00f3\\u0142\\u0107',
                                  'date': 1276680378, 'branches': {'master'}, 'loc': 15}),
                    ('record:1', {'record_id': 1, 'record_type': 'mark', 'value': -1, 'type': 'Code-Review',
                                  'disagreement': False, 'date': 2 ** 31 + 1}),
                    ('user:j\\u00f6rg@example.com', {'user_id': 'jorg', 'emails': ['j\\u00f6rg@example.com'],
                                                    'companies': [{'company_name': '*independent', 'end_date': 0}]}),
                    ('pids', {1234, 5678}),
                    ('releases', [{'release_name': 'prehistory', 'end_date': 1262304000},
                                  {'release_name': 'ocata', 'end_date': 1487203200}]),
                    ('module_groups', {'openstack-official': {
                        'id': 'openstack-official', 'module_group_name': 'openstack-official', 'modules': ['nova'],
                        'tag': 'group', 'releases': {'ocata': {'nova'}}}}),
                    ('runtime_storage_update_time', 1569801600),
                    ('record:2', EXPECTED),
                ])
                print(len(pairs), 'OK')
                """.replace("EXPECTED", PickleCodecTest.WRITABLE_AS_PYTHON);
        assertEquals("9 OK", python.runCodeText(script, write(entries)).strip());
    }
}
