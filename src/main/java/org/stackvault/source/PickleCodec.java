package org.stackvault.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.razorvine.pickle.Opcodes;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Pickler;
import net.razorvine.pickle.Unpickler;

/**
 * Reads and writes Python pickles as the Stackalytics processor produces them, with
 * net.razorvine:pickle, and normalises what comes out to plain Java values.
 *
 * <p>Decoded values are: {@code String}, {@code Long}, {@code Double}, {@code Boolean},
 * {@code null}, {@code byte[]}, {@code List} (lists and tuples), {@code Set} and
 * {@code Map<String-or-other, Object>} (insertion ordered). Integers of any width become
 * {@code Long} (or {@code BigInteger} beyond 64 bits), so callers never see the
 * Integer/Long mix the library produces.
 *
 * <p>Thread-safe: every call uses its own (un)pickler.
 */
public final class PickleCodec {

    private PickleCodec() {}

    /** Decodes one pickle of any protocol (0-5). */
    public static Object loads(byte[] pickle) {
        return new Reader().read(pickle);
    }

    /**
     * Decodes many pickles with one unpickler (its memo table keeps its capacity between
     * values). Not thread-safe: one reader per thread.
     */
    public static final class Reader {
        /** No single value read from a stream may declare more bytes than this. */
        private static final long STREAM_VALUE_LIMIT = 256L << 20;

        private final Python2AwareUnpickler unpickler = new Python2AwareUnpickler();

        public Object read(byte[] pickle) {
            try {
                return normalize(unpickler.load(new UnsyncInputStream(pickle)), 0);
            } catch (IOException | RuntimeException e) {
                throw new UndecodableValueException("not a readable pickle: " + e.getMessage(), e);
            } catch (StackOverflowError e) {
                throw new UndecodableValueException("pickle nested too deeply", null);
            }
        }

        /**
         * Reads the next pickle of a stream of concatenated pickles.
         *
         * @return the value, or {@link #END} at a clean end of the stream
         */
        Object next(UnsyncInputStream in) throws IOException {
            if (in.atEnd()) {
                return END;
            }
            try {
                return normalize(unpickler.load(in), 0);
            } catch (RuntimeException e) {
                throw new UndecodableValueException("not a readable pickle: " + e.getMessage(), e);
            } catch (StackOverflowError e) {
                throw new UndecodableValueException("pickle nested too deeply", null);
            }
        }
    }

    /** CPython itself cannot pickle deeper structures; deeper input is hostile. */
    private static final int MAX_DEPTH = 1000;

    /** Marks the end of a pickle stream in {@link Reader#next}. */
    public static final Object END = new Object();

    /** Pickles a value (protocol 2, which every Python since 2.3 reads). */
    public static byte[] dumps(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        dump(value, out);
        return out.toByteArray();
    }

    public static void dump(Object value, OutputStream out) {
        try {
            new Pickler(false).dump(toPicklable(value), out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Lists become Python lists, sets Python sets; tuples are written as Object[]. */
    private static Object toPicklable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(toPicklable(k), toPicklable(v)));
            return copy;
        }
        if (value instanceof Set<?> set) {
            Set<Object> copy = new LinkedHashSet<>();
            set.forEach(v -> copy.add(toPicklable(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(toPicklable(v)));
            return copy;
        }
        if (value instanceof Object[] tuple) {
            Object[] copy = new Object[tuple.length];
            for (int i = 0; i < tuple.length; i++) {
                copy[i] = toPicklable(tuple[i]);
            }
            return copy;
        }
        return value;
    }

    /**
     * Turns the library's output into the value types this project uses, in place where
     * the containers are the library's fresh ones (no copy of every record).
     */
    static Object normalize(Object value) {
        return normalize(value, 0);
    }

    @SuppressWarnings("unchecked")
    static Object normalize(Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new UndecodableValueException("pickle nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null
                || value instanceof String
                || value instanceof Long
                || value instanceof Boolean
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (value instanceof java.util.HashMap<?, ?> map) {
            // the unpickler's own map: normalise in place
            boolean keysChange = false;
            for (Map.Entry<Object, Object> e : ((Map<Object, Object>) map).entrySet()) {
                Object v = e.getValue();
                Object n = normalize(v, depth + 1);
                if (n != v) {
                    e.setValue(n);
                }
                Object k = e.getKey();
                keysChange |= !(k instanceof String) && normalize(k, depth + 1) != k;
            }
            if (keysChange) {
                Map<Object, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(normalize(k, depth + 1), v));
                return out;
            }
            return map;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(normalize(k, depth + 1), normalize(v, depth + 1)));
            return out;
        }
        if (value instanceof ArrayList<?> list) {
            List<Object> l = (List<Object>) list;
            for (int i = 0; i < l.size(); i++) {
                Object v = l.get(i);
                Object n = normalize(v, depth + 1);
                if (n != v) {
                    l.set(i, n);
                }
            }
            return l;
        }
        if (value instanceof Set<?> set) {
            boolean changes = false;
            for (Object v : set) {
                changes |= normalize(v, depth + 1) != v;
            }
            if (!changes) {
                return set;
            }
            Set<Object> out = new LinkedHashSet<>();
            set.forEach(v -> out.add(normalize(v, depth + 1)));
            return out;
        }
        if (value instanceof Object[] tuple) {
            List<Object> out = new ArrayList<>(tuple.length);
            for (Object v : tuple) {
                out.add(normalize(v, depth + 1));
            }
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(v -> out.add(normalize(v, depth + 1)));
            return out;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        return value;
    }

    /**
     * A Python 2 writer pickles byte strings ({@code str}), which the library hands back
     * decoded as Latin-1; names then come out garbled. Only those opcodes are re-decoded,
     * as UTF-8 where the bytes are valid UTF-8.
     */
    private static final class Python2AwareUnpickler extends Unpickler {
        static {
            // The processor keeps per-release module lists as collections.defaultdict(set);
            // the unpickler refuses unknown classes until told how to build them. Registration
            // is a one-time write to the library's own global table.
            Unpickler.registerConstructor("collections", "defaultdict", args -> new LinkedHashMap<>());
            Unpickler.registerConstructor("collections", "OrderedDict", args -> new LinkedHashMap<>());
        }

        @Override
        protected Object dispatch(short key) throws PickleException, IOException {
            refuseImpossibleLength(key);
            if (key == Opcodes.EMPTY_DICT) {
                // Python dicts keep their order; the library would build a HashMap
                stack.add(new LinkedHashMap<>());
                return NO_RETURN_VALUE;
            }
            if (key == Opcodes.DICT) {
                Map<Object, Object> map = new LinkedHashMap<>();
                putPairs(map, stack.pop_all_since_marker());
                stack.add(map);
                return NO_RETURN_VALUE;
            }
            if (key == Opcodes.SETITEMS && stack.size() > 0) {
                List<Object> items = stack.pop_all_since_marker();
                if (!(stack.peek() instanceof Map<?, ?> target)) {
                    throw new PickleException("SETITEMS on a " + stack.peek());
                }
                @SuppressWarnings("unchecked")
                Map<Object, Object> map = (Map<Object, Object>) target;
                putPairs(map, items);
                return NO_RETURN_VALUE;
            }
            Object result = super.dispatch(key);
            if (key == Opcodes.STRING || key == Opcodes.BINSTRING || key == Opcodes.SHORT_BINSTRING) {
                Object top = stack.pop();
                stack.add(top instanceof String s ? latin1AsUtf8(s) : top);
            }
            return result;
        }

        private static void putPairs(Map<Object, Object> map, List<Object> items) {
            if (items.size() % 2 != 0) {
                throw new PickleException("odd number of items for a dict: " + items.size());
            }
            for (int i = 0; i < items.size(); i += 2) {
                map.put(items.get(i), items.get(i + 1));
            }
        }

        /**
         * A length-prefixed opcode declaring more bytes than the pickle holds would make the
         * library allocate them (up to 2 GB) before failing; refuse it first.
         */
        private void refuseImpossibleLength(short key) throws IOException {
            int width = switch (key) {
                case Opcodes.BINSTRING, Opcodes.BINUNICODE, Opcodes.BINBYTES, Opcodes.LONG4 -> 4;
                case Opcodes.BINUNICODE8, Opcodes.BINBYTES8, Opcodes.BYTEARRAY8 -> 8;
                default -> 0;
            };
            if (width == 0 || !(input instanceof UnsyncInputStream in)) {
                return;
            }
            long declared = in.peekLittleEndian(width);
            long limit = Math.min(in.knownRemaining() - width, Reader.STREAM_VALUE_LIMIT);
            if (declared < 0 || declared > limit) {
                throw new PickleException(
                        "opcode " + key + " declares " + declared + " bytes, more than the pickle holds");
            }
        }
    }

    static String latin1AsUtf8(String s) {
        boolean high = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return s;
            }
            high |= c >= 0x80;
        }
        if (!high) {
            return s;
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            return s;
        }
    }
}
