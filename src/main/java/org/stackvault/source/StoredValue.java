package org.stackvault.source;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One value exactly as python-memcached stores it: the flags word and the bytes.
 *
 * <p>Flags: 0 raw bytes, 1 pickle, 2 int, 4 long (ASCII digits), 8 zlib-compressed
 * (combined with another flag), 16 UTF-8 text. Immutable; decoding is pure.
 */
public record StoredValue(int flags, byte[] data) {

    public static final int FLAG_PICKLE = 1;
    public static final int FLAG_INTEGER = 2;
    public static final int FLAG_LONG = 4;
    public static final int FLAG_COMPRESSED = 8;
    public static final int FLAG_TEXT = 16;
    private static final int KNOWN_FLAGS = FLAG_PICKLE | FLAG_INTEGER | FLAG_LONG | FLAG_COMPRESSED | FLAG_TEXT;

    /** Decodes as python-memcached's {@code _recv_value} does; refuses values over {@code maxBytes}. */
    public Object decode(int maxBytes) {
        return decode(maxBytes, new PickleCodec.Reader());
    }

    /** Like {@link #decode(int)}, unpickling with {@code reader} (one per thread, reused across values). */
    public Object decode(int maxBytes, PickleCodec.Reader reader) {
        if (data.length > maxBytes) {
            throw UndecodableValueException.oversized(
                    "value of " + data.length + " bytes exceeds the limit of " + maxBytes);
        }
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new UndecodableValueException("unknown python-memcached flags " + flags);
        }
        byte[] buf = (flags & FLAG_COMPRESSED) != 0 ? inflate(data, maxBytes) : data;
        int kind = flags & ~FLAG_COMPRESSED;
        if (kind == 0) {
            return buf;
        }
        if ((kind & FLAG_TEXT) != 0) {
            return new String(buf, StandardCharsets.UTF_8);
        }
        if ((kind & (FLAG_INTEGER | FLAG_LONG)) != 0) {
            String digits = new String(buf, StandardCharsets.US_ASCII).trim();
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                try {
                    return new java.math.BigInteger(digits);
                } catch (NumberFormatException e2) {
                    throw new UndecodableValueException(
                            "flag " + kind + " value is not a number: " + abbreviate(digits));
                }
            }
        }
        return reader.read(buf);
    }

    public Object decode() {
        return decode(Integer.MAX_VALUE);
    }

    /**
     * Encodes as python-memcached 1.59 on Python 3 does: bytes raw, str as text, int as
     * digits, everything else pickled; zlib when longer than {@code minCompressLen} (0: never).
     * A {@code StoredValue} is stored as it is (flags and bytes of someone else's making).
     */
    public static StoredValue encode(Object value, int minCompressLen) {
        if (value instanceof StoredValue stored) {
            return stored;
        }
        int flags;
        byte[] bytes;
        if (value instanceof byte[] b) {
            flags = 0;
            bytes = b;
        } else if (value instanceof String s) {
            flags = FLAG_TEXT;
            bytes = s.getBytes(StandardCharsets.UTF_8);
        } else if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            flags = FLAG_INTEGER;
            bytes = value.toString().getBytes(StandardCharsets.US_ASCII);
        } else {
            flags = FLAG_PICKLE;
            bytes = PickleCodec.dumps(value);
        }
        // python-memcached compresses only strings and pickles, never the digits of an int
        if (minCompressLen > 0 && bytes.length > minCompressLen && flags != FLAG_INTEGER) {
            byte[] compressed = deflate(bytes);
            if (compressed.length < bytes.length) {
                return new StoredValue(flags | FLAG_COMPRESSED, compressed);
            }
        }
        return new StoredValue(flags, bytes);
    }

    public static StoredValue encode(Object value) {
        return encode(value, 0);
    }

    private static byte[] inflate(byte[] compressed, int maxBytes) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
            byte[] chunk = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new UndecodableValueException("truncated zlib value");
                }
                out.write(chunk, 0, n);
                if (out.size() > maxBytes) {
                    throw UndecodableValueException.oversized("decompressed value exceeds the limit of " + maxBytes);
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new UndecodableValueException("bad zlib value: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private static byte[] deflate(byte[] bytes) {
        Deflater deflater = new Deflater();
        try {
            deflater.setInput(bytes);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2 + 16);
            byte[] chunk = new byte[8192];
            while (!deflater.finished()) {
                out.write(chunk, 0, deflater.deflate(chunk));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
