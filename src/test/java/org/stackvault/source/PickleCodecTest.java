package org.stackvault.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.stackvault.source.SourceSamples.NAME;
import static org.stackvault.source.SourceSamples.assertDeepEquals;
import static org.stackvault.source.SourceSamples.assertFailsWith;
import static org.stackvault.source.SourceSamples.listOf;
import static org.stackvault.source.SourceSamples.mapOf;
import static org.stackvault.source.SourceSamples.setOf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PickleCodec against pickles written by CPython (protocols 0-5), by a Python 2 processor
 * (byte strings holding UTF-8), and against broken input.
 */
class PickleCodecTest {

    private static Object decode(byte[] pickle) {
        return PickleCodec.loads(pickle);
    }

    // --- pickles written by CPython ---------------------------------------------------------

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {0, 2, 4})
    void committedCPythonPickle_decodesEveryTypeTheProcessorStores(int protocol) {
        assertDeepEquals(
                SourceSamples.record(),
                decode(SourceSamples.resource("pickles/record-protocol" + protocol + ".pickle")));
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void pickleOfTheRunningCPython_decodesEveryTypeTheProcessorStores(int protocol) {
        CPython python = CPython.require();
        byte[] pickle = python.runScript("pickle_fixtures.py", "--emit", "record", Integer.toString(protocol));
        assertDeepEquals(SourceSamples.record(), decode(pickle));
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {0, 2, 4})
    void protocolNPickle_readsDefaultdictOfSetsAsAMapOfSets(int protocol) {
        Map<?, ?> record = (Map<?, ?>) decode(SourceSamples.resource("pickles/record-protocol" + protocol + ".pickle"));
        Map<?, ?> releases = assertInstanceOf(Map.class, record.get("releases"));
        assertEquals(Set.of("nova", "glance"), releases.get("ocata"));
        assertEquals(Set.of(), releases.get("pike"));
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {0, 2, 4})
    void protocolNPickle_readsSetsAndTuplesAsSetsAndLists(int protocol) {
        Map<?, ?> record = (Map<?, ?>) decode(SourceSamples.resource("pickles/record-protocol" + protocol + ".pickle"));
        assertInstanceOf(Set.class, record.get("branches"));
        assertEquals(List.of("nova", "master"), record.get("core"));
        assertEquals(List.of("a.py", "b.py"), record.get("files"));
    }

    @Test
    void protocol0Pickle_keepsNonAsciiTextOfEveryKind() {
        // protocol 0 writes str with raw-unicode-escape: U+00F3 as a raw byte, U+0141 as \u0141,
        // U+1F600 as \U0001f600; all must come back as the same text
        Map<?, ?> record = (Map<?, ?>) decode(SourceSamples.resource("pickles/record-protocol0.pickle"));
        assertEquals(NAME, record.get("author_name"));
        assertEquals(SourceSamples.CJK, record.get("title"));
        assertEquals("ok \uD83D\uDE00", record.get("emoji"));
        assertEquals("a\\b\n'\"\r\u0000", record.get("escapes"));
    }

    @Test
    void integersOfEveryWidth_decodeAsLongUpTo64BitsAndBigIntegerBeyond() {
        for (int protocol : new int[] {0, 2, 4}) {
            Map<?, ?> record =
                    (Map<?, ?>) decode(SourceSamples.resource("pickles/record-protocol" + protocol + ".pickle"));
            assertEquals(42L, record.get("loc"));
            assertEquals(2147483653L, record.get("date"));
            assertEquals(Long.MAX_VALUE, record.get("max_long"));
            assertEquals(Long.MIN_VALUE, record.get("min_long"));
            assertEquals(new BigInteger("9223372036854775815"), record.get("huge"));
            assertEquals(new BigInteger("-1180591620717411303424"), record.get("negative_huge"));
        }
    }

    @Test
    void pickleOfAPlainInt_decodesAsLong() {
        assertEquals(5L, decode(new byte[] {'K', 5, '.'})); // BININT1
        assertEquals(-2L, decode("I-2\n.".getBytes(StandardCharsets.US_ASCII))); // INT
        assertEquals(7L, decode(new byte[] {(byte) 0x80, 2, (byte) 0x8a, 1, 7, '.'})); // LONG1
    }

    // --- pickles written by a Python 2 processor ------------------------------------------------

    @Test
    void python2Protocol0Pickle_redecodesUtf8HeldInStringOpcodes() {
        Map<Object, Object> expected = mapOf(
                "author_name",
                NAME,
                "loc",
                42L,
                "date",
                2147483653L,
                "merged",
                true,
                "blueprint_id",
                null,
                "branches",
                setOf("master", "stable/ocata"),
                "title",
                "\u674e\u5c0f\u9f8d caf\u00e9", // a Python 2 unicode (V): taken as it is
                "quote",
                "it's",
                "binary",
                "\u00ff\u00fe", // not UTF-8: left as the Latin-1 reading
                "author_name_again",
                NAME); // memo reference (g2) to the re-decoded name
        assertDeepEquals(expected, decode(SourceSamples.resource("pickles/py2-record-protocol0.pickle")));
    }

    @Test
    void python2Protocol2Pickle_redecodesUtf8HeldInShortBinstringAndBinstring() {
        Map<Object, Object> expected = mapOf(
                "author_name",
                NAME,
                "loc",
                42L,
                "date",
                2147483653L,
                "merged",
                true,
                "blueprint_id",
                null,
                "branches",
                setOf("master", "stable/ocata"),
                "message",
                "Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144. "
                        .repeat(12), // BINSTRING (> 255 bytes)
                "title",
                "\u674e\u5c0f\u9f8d caf\u00e9",
                "releases",
                mapOf("ocata", setOf("nova", "glance")),
                "binary",
                "\u00ff\u00fe",
                "author_name_again",
                NAME); // BINGET of the re-decoded name
        assertDeepEquals(expected, decode(SourceSamples.resource("pickles/py2-record-protocol2.pickle")));
    }

    static Stream<Arguments> python2StringOpcodes() {
        byte[] utf8 = NAME.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream string = new ByteArrayOutputStream();
        string.writeBytes("S'".getBytes(StandardCharsets.US_ASCII));
        for (byte b : utf8) {
            string.writeBytes(String.format("\\x%02x", b & 0xff).getBytes(StandardCharsets.US_ASCII));
        }
        string.writeBytes("'\n.".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream shortBin = new ByteArrayOutputStream();
        shortBin.writeBytes(new byte[] {(byte) 0x80, 2, 'U', (byte) utf8.length});
        shortBin.writeBytes(utf8);
        shortBin.write('.');
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        bin.writeBytes(new byte[] {(byte) 0x80, 2, 'T'});
        bin.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(utf8.length)
                .array());
        bin.writeBytes(utf8);
        bin.write('.');
        return Stream.of(
                Arguments.of("STRING", string.toByteArray()),
                Arguments.of("SHORT_BINSTRING", shortBin.toByteArray()),
                Arguments.of("BINSTRING", bin.toByteArray()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("python2StringOpcodes")
    void python2ByteStringHoldingUtf8_comesBackAsTheName(String opcode, byte[] pickle) {
        assertEquals(NAME, decode(pickle));
    }

    @Test
    void unicodeOpcodes_areNeverRedecoded() {
        // a Python 3 str that looks like mojibake ("Ã\u0085") must stay as it is: only the
        // byte-string opcodes of Python 2 are re-decoded
        String text = "\u00c3\u0085";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream pickle = new ByteArrayOutputStream();
        pickle.writeBytes(new byte[] {(byte) 0x80, 2, 'X'});
        pickle.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(utf8.length)
                .array());
        pickle.writeBytes(utf8);
        pickle.write('.');
        assertEquals(text, decode(pickle.toByteArray()));
        assertEquals(
                text,
                decode("V\u00c3\u0085\n.".getBytes(StandardCharsets.ISO_8859_1))); // protocol 0 UNICODE, raw Latin-1
    }

    @Test
    void latin1AsUtf8_redecodesOnlyValidUtf8() {
        String garbled = new String(NAME.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertEquals(NAME, PickleCodec.latin1AsUtf8(garbled));
        assertEquals("plain ascii", PickleCodec.latin1AsUtf8("plain ascii"));
        assertEquals("caf\u00e9", PickleCodec.latin1AsUtf8("caf\u00e9")); // lone 0xE9: not UTF-8
        assertEquals("\u0141ukasz", PickleCodec.latin1AsUtf8("\u0141ukasz")); // beyond Latin-1: already text
        assertEquals("", PickleCodec.latin1AsUtf8(""));
    }

    // --- normalisation -------------------------------------------------------------------

    @Test
    void normalize_turnsIntegerLongAndBigIntegerIntoLongOrBigInteger() {
        assertEquals(5L, PickleCodec.normalize(5));
        assertEquals(5L, PickleCodec.normalize(5L));
        assertEquals(5L, PickleCodec.normalize(BigInteger.valueOf(5)));
        assertEquals(Long.MAX_VALUE, PickleCodec.normalize(BigInteger.valueOf(Long.MAX_VALUE)));
        assertEquals(Long.MIN_VALUE, PickleCodec.normalize(BigInteger.valueOf(Long.MIN_VALUE)));
        BigInteger beyond = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
        assertSame(beyond, PickleCodec.normalize(beyond));
        BigInteger below = BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE);
        assertSame(below, PickleCodec.normalize(below));
    }

    @Test
    void normalize_reachesIntoMapKeysValuesListsSetsAndTuples() {
        Map<Object, Object> raw = new LinkedHashMap<>();
        raw.put(1, new Object[] {2, "x", new Object[] {BigInteger.valueOf(3)}});
        raw.put("set", new HashSet<>(List.of(4, 5)));
        raw.put("list", new java.util.ArrayList<>(List.of(6, Map.of(7, 8))));
        Object normalized = PickleCodec.normalize(raw);
        assertDeepEquals(
                mapOf(1L, listOf(2L, "x", listOf(3L)), "set", setOf(4L, 5L), "list", listOf(6L, mapOf(7L, 8L))),
                normalized);
    }

    /**
     * Python dicts keep their order (3.7+); the library would build HashMaps, so PickleCodec
     * builds dicts itself (DICT, EMPTY_DICT, SETITEMS) as LinkedHashMaps.
     */
    @Test
    void decodedDict_keepsThePickledKeyOrder() {
        Map<?, ?> record = (Map<?, ?>) decode(SourceSamples.resource("pickles/record-protocol4.pickle"));
        assertEquals(List.copyOf(SourceSamples.record().keySet()), List.copyOf(record.keySet()));
    }

    // --- writing ---------------------------------------------------------------------------

    static Map<Object, Object> writable() {
        Map<Object, Object> value = new LinkedHashMap<>(SourceSamples.record());
        value.put("core", new Object[] {"nova", "master"}); // a tuple is written from an Object[]
        return value;
    }

    @Test
    void dumps_isReadBackByLoads() {
        Map<Object, Object> expected = SourceSamples.record();
        assertDeepEquals(expected, decode(PickleCodec.dumps(writable())));
        assertDeepEquals(expected, decode(PickleCodec.dumps(expected))); // Lists stay lists
    }

    @Test
    void dumps_ofScalars_isReadBackByLoads() {
        for (Object value : new Object[] {
            null,
            true,
            false,
            0L,
            -1L,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            BigInteger.TWO.pow(100),
            0.5,
            "",
            NAME,
            "\uD83D\uDE00"
        }) {
            assertDeepEquals(value, decode(PickleCodec.dumps(value)));
        }
    }

    /** A Python literal equal to {@link #writable()} as CPython should read it. */
    static final String WRITABLE_AS_PYTHON = """
            {'author_name': '\\u0141ukasz \\u017b\\u00f3\\u0142\\u0107', 'title': '\\u674e\\u5c0f\\u9f8d \\u30c6\\u30b9\\u30c8',
             'emoji': 'ok \\U0001F600', 'escapes': 'a\\\\b\\n\\'"\\r\\x00', 'loc': 42, 'delta': -7, 'date': 2**31 + 5,
             'max_long': 2**63 - 1, 'min_long': -2**63, 'huge': 2**63 + 7, 'negative_huge': -2**70,
             'merged': True, 'abandoned': False, 'blueprint_id': None, 'ratio': 0.25, 'files': ['a.py', 'b.py'],
             'core': ('nova', 'master'), 'branches': {'master', 'stable/ocata'},
             'nested': {'inner': {'n': 1, 'ids': [1, 2]}}, 'raw': RAW,
             'releases': {'ocata': {'nova', 'glance'}, 'pike': set()}, 'by_id': {1: 'one', 2**40: 'big'}}
            """;

    /** Python: compares a value with its expectation, types included (bool is not int, tuple is not list). */
    static final String PY_SAME = """
            def same(a, b, path='value'):
                if type(a) is not type(b):
                    raise SystemExit('%s: %r (%s) != %r (%s)' % (path, a, type(a).__name__, b, type(b).__name__))
                if isinstance(a, dict):
                    if set(a) != set(b):
                        raise SystemExit('%s: keys %r != %r' % (path, sorted(map(repr, a)), sorted(map(repr, b))))
                    for k in a:
                        same(a[k], b[k], '%s[%r]' % (path, k))
                elif isinstance(a, (list, tuple)):
                    if len(a) != len(b):
                        raise SystemExit('%s: %r != %r' % (path, a, b))
                    for i, (x, y) in enumerate(zip(a, b)):
                        same(x, y, '%s[%d]' % (path, i))
                elif a != b:
                    raise SystemExit('%s: %r != %r' % (path, a, b))
            """;

    @Test
    void dumps_isReadByCPythonAsTheSameValue() {
        CPython python = CPython.require();
        String script = PY_SAME + """
                import pickle, sys
                value = pickle.loads(sys.stdin.buffer.read())
                RAW = value['raw']
                # Java byte[] goes out as a bytearray (razorvine writes protocol 2)
                assert type(RAW) in (bytes, bytearray) and bytes(RAW) == b'\\x00\\xc5\\x81\\xff', RAW
                same(value, EXPECTED)
                print('OK')
                """.replace("EXPECTED", WRITABLE_AS_PYTHON);
        assertEquals(
                "OK", python.runCodeText(script, PickleCodec.dumps(writable())).strip());
    }

    /**
     * {@code pids} as instances store it (an id of the original kind, an int, and a derived one,
     * text): the processor's Python reads a set and purges {@code pid:%s} of every consumer
     * that is not a local uwsgi process, as its {@code active_pids} does.
     */
    @Test
    void pidsWithDerivedIds_readByPython_asTheProcessorsActivePids() {
        CPython python = CPython.require();
        Set<Object> pids = new java.util.LinkedHashSet<>(List.of(4242L, "web-1.example.org-1-9f04c2e1"));
        String script = """
                import pickle, sys
                stored = pickle.loads(sys.stdin.buffer.read())
                assert type(stored) is set, type(stored)
                live = {4242}
                print(' '.join(sorted('pid:%s' % p for p in stored if p not in live)))
                """;
        StoredValue value = StoredValue.encode(pids);
        assertEquals(StoredValue.FLAG_PICKLE, value.flags());
        assertEquals(
                "pid:web-1.example.org-1-9f04c2e1",
                python.runCodeText(script, value.data()).strip());
    }

    @Test
    void dumps_writesProtocol2() {
        byte[] pickle = PickleCodec.dumps(Map.of("a", 1L));
        assertEquals((byte) 0x80, pickle[0]);
        assertEquals(2, pickle[1]);
    }

    // --- broken input ------------------------------------------------------------------------

    static Stream<Arguments> garbage() {
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("only a protocol header", new byte[] {(byte) 0x80, 2}),
                Arguments.of("unknown opcode", new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}),
                Arguments.of("unsupported protocol", new byte[] {(byte) 0x80, 9, 'K', 1, '.'}),
                Arguments.of("STOP on an empty stack", ".".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("POP on an empty stack", "0.".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("SETITEM on an empty stack", "s.".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("TUPLE without a mark", new byte[] {'K', 1, 't', '.'}),
                Arguments.of("DICT with an odd item count", new byte[] {'(', 'K', 1, 'd', '.'}),
                Arguments.of("APPEND to an int", new byte[] {'K', 1, 'K', 2, 'a', '.'}),
                Arguments.of("REDUCE of an int", new byte[] {'K', 1, ')', 'R', '.'}),
                Arguments.of("GET of a missing memo", "g5\n.".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("BINGET of a missing memo", new byte[] {'h', 5, '.'}),
                Arguments.of("INT not a number", "Iabc\n.".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("LONG not a number", "Labc\n.".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("FLOAT not a number", "Fxyz\n.".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of(
                        "unknown class (os.system)",
                        "cos\nsystem\n(S'echo hi'\ntR.".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("persistent id", "Pfoo\n.".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("extension code", new byte[] {(byte) 0x80, 2, (byte) 0x82, 1, '.'}),
                Arguments.of(
                        "BINUNICODE with a negative length",
                        new byte[] {'X', (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}),
                Arguments.of("BINUNICODE longer than the input", new byte[] {'X', 0, 0, 0, 0x10, 'a', '.'}),
                Arguments.of(
                        "BINBYTES8 beyond 2 GB",
                        new byte[] {(byte) 0x80, 4, (byte) 0x8e, -1, -1, -1, -1, -1, -1, -1, 0x7f}),
                Arguments.of("no STOP", new byte[] {(byte) 0x80, 2, 'K', 1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbagePickle_isRefusedWithUndecodableValueException(String what, byte[] pickle) {
        assertFailsWith(() -> decode(pickle), what, UndecodableValueException.class);
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {0, 2, 4})
    void everyTruncationOfAPickle_isRefusedWithUndecodableValueException(int protocol) {
        byte[] pickle = SourceSamples.resource("pickles/record-protocol" + protocol + ".pickle");
        for (int length = 0; length < pickle.length; length++) {
            byte[] cut = Arrays.copyOf(pickle, length);
            assertFailsWith(
                    () -> decode(cut),
                    "cut at " + cut.length + " of " + pickle.length,
                    UndecodableValueException.class);
        }
    }

    /**
     * A 5-byte pickle whose BINUNICODE declares 2^31-1 bytes would make the library allocate
     * the declared length up front (an OutOfMemoryError; smaller lengths up to 2 GB for a few
     * bytes of input); the declared length is checked against what the pickle holds first.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeDeclaredLengths")
    void pickleDeclaringMoreBytesThanItHolds_isRefusedWithoutAllocatingThem(String what, byte[] pickle) {
        assertFailsWith(() -> decode(pickle), what, UndecodableValueException.class);
    }

    static Stream<Arguments> hugeDeclaredLengths() {
        return Stream.of(
                Arguments.of("BINUNICODE of 2^31-1 bytes", new byte[] {'X', -1, -1, -1, 0x7f}),
                Arguments.of("BINSTRING of 2^31-1 bytes", new byte[] {'T', -1, -1, -1, 0x7f}),
                Arguments.of("LONG4 of 2^31-1 bytes", new byte[] {(byte) 0x80, 2, (byte) 0x8b, -1, -1, -1, 0x7f}));
    }

    /**
     * Deeply nested input (a few KB of hostile pickle) must not overflow the stack in
     * normalize; nesting beyond what CPython can write is refused.
     */
    @Test
    void deeplyNestedPickle_isRefusedWithUndecodableValueException_notAStackOverflow() {
        int depth = 50_000;
        byte[] pickle = new byte[2 * depth + 1];
        Arrays.fill(pickle, 0, depth, (byte) '(');
        Arrays.fill(pickle, depth, 2 * depth, (byte) 'l');
        pickle[2 * depth] = '.';
        assertFailsWith(() -> decode(pickle), depth + " nested lists", UndecodableValueException.class);
    }

    // --- streams of pickles ------------------------------------------------------------------

    @Test
    void reader_readsConcatenatedPicklesThenEnd() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PickleCodec.dump(1L, out);
        PickleCodec.dump(NAME, out);
        out.writeBytes(SourceSamples.resource("pickles/record-protocol0.pickle"));
        UnsyncInputStream in = new UnsyncInputStream(new ByteArrayInputStream(out.toByteArray()), 16);
        PickleCodec.Reader reader = new PickleCodec.Reader();
        assertEquals(1L, reader.next(in));
        assertEquals(NAME, reader.next(in));
        assertDeepEquals(SourceSamples.record(), reader.next(in));
        assertSame(PickleCodec.END, reader.next(in));
        assertSame(PickleCodec.END, reader.next(in));
    }

    @Test
    void reader_ofATruncatedPickle_failsRatherThanEnding() {
        byte[] pickle = SourceSamples.resource("pickles/record-protocol2.pickle");
        UnsyncInputStream in =
                new UnsyncInputStream(new ByteArrayInputStream(Arrays.copyOf(pickle, pickle.length - 3)), 64);
        assertFailsWith(
                () -> new PickleCodec.Reader().next(in),
                "truncated pickle",
                IOException.class,
                UndecodableValueException.class);
    }
}
