package org.stackvault.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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

    static {
        // The processor keeps per-release module lists as collections.defaultdict(set);
        // the unpickler refuses unknown classes until told how to build them. Registration
        // is a one-time write to the library's own global table.
        Unpickler.registerConstructor("collections", "defaultdict", args -> new LinkedHashMap<>());
        Unpickler.registerConstructor("collections", "OrderedDict", args -> new LinkedHashMap<>());
    }

    private PickleCodec() {
    }

    /** Decodes one pickle of any protocol (0-5). */
    public static Object loads(byte[] pickle) {
        return new Reader().read(pickle);
    }

    /**
     * Decodes many pickles with one unpickler (its memo table keeps its capacity between
     * values). Not thread-safe: one reader per thread.
     */
    public static final class Reader {
        private final Python2AwareUnpickler unpickler = new Python2AwareUnpickler();

        public Object read(byte[] pickle) {
            try {
                return normalize(unpickler.load(new UnsyncInputStream(pickle)));
            } catch (IOException | RuntimeException e) {
                throw new UndecodableValueException("not a readable pickle: " + e.getMessage(), e);
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
                return normalize(unpickler.load(in));
            } catch (PickleException | IllegalArgumentException | ClassCastException e) {
                throw new UndecodableValueException("not a readable pickle: " + e.getMessage(), e);
            }
        }
    }

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
    @SuppressWarnings("unchecked")
    static Object normalize(Object value) {
        if (value == null || value instanceof String || value instanceof Long
                || value instanceof Boolean || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (value instanceof Map<?, ?> map) {
            boolean keysChange = false;
            for (Map.Entry<Object, Object> e : ((Map<Object, Object>) map).entrySet()) {
                Object v = e.getValue();
                Object n = normalize(v);
                if (n != v) {
                    e.setValue(n);
                }
                Object k = e.getKey();
                keysChange |= !(k instanceof String) && normalize(k) != k;
            }
            if (keysChange) {
                Map<Object, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(normalize(k), v));
                return out;
            }
            return map;
        }
        if (value instanceof List<?> list) {
            List<Object> l = (List<Object>) list;
            for (int i = 0; i < l.size(); i++) {
                Object v = l.get(i);
                Object n = normalize(v);
                if (n != v) {
                    l.set(i, n);
                }
            }
            return l;
        }
        if (value instanceof Set<?> set) {
            boolean changes = false;
            for (Object v : set) {
                changes |= normalize(v) != v;
            }
            if (!changes) {
                return set;
            }
            Set<Object> out = new LinkedHashSet<>();
            set.forEach(v -> out.add(normalize(v)));
            return out;
        }
        if (value instanceof Object[] tuple) {
            List<Object> out = new ArrayList<>(tuple.length);
            for (Object v : tuple) {
                out.add(normalize(v));
            }
            return out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(v -> out.add(normalize(v)));
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
        @Override
        protected Object dispatch(short key) throws PickleException, IOException {
            Object result = super.dispatch(key);
            if (key == Opcodes.STRING || key == Opcodes.BINSTRING || key == Opcodes.SHORT_BINSTRING) {
                Object top = stack.pop();
                stack.add(top instanceof String s ? latin1AsUtf8(s) : top);
            }
            return result;
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
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (CharacterCodingException e) {
            return s;
        }
    }
}
