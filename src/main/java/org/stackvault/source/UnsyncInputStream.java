package org.stackvault.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered input stream without locks. The unpickler reads one byte at a time, and the
 * JDK's ByteArrayInputStream and BufferedInputStream take a monitor on every read, which
 * costs more than the parsing itself. Not thread-safe (one reader, one thread).
 */
final class UnsyncInputStream extends InputStream {
    private final InputStream source;
    private byte[] buffer;
    private int position;
    private int limit;

    /** Reads {@code bytes} directly. */
    UnsyncInputStream(byte[] bytes) {
        this.source = null;
        this.buffer = bytes;
        this.limit = bytes.length;
    }

    /** Buffers {@code source}. */
    UnsyncInputStream(InputStream source, int bufferSize) {
        this.source = source;
        this.buffer = new byte[bufferSize];
    }

    private boolean fill() throws IOException {
        if (source == null) {
            return false;
        }
        int n = source.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return false;
        }
        position = 0;
        limit = n;
        return true;
    }

    @Override
    public int read() throws IOException {
        if (position >= limit && !fill()) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    @Override
    public int read(byte[] dest, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= limit && !fill()) {
            return -1;
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(buffer, position, dest, offset, n);
        position += n;
        return n;
    }

    /**
     * The next {@code n} (at most 8) bytes as a little-endian unsigned number, not consumed;
     * -1 when fewer are left.
     */
    long peekLittleEndian(int n) throws IOException {
        while (limit - position < n) {
            if (source == null) {
                return -1;
            }
            // keep the unread bytes, append more behind them
            int unread = limit - position;
            System.arraycopy(buffer, position, buffer, 0, unread);
            position = 0;
            limit = unread;
            int read = source.read(buffer, limit, buffer.length - limit);
            if (read <= 0) {
                return -1;
            }
            limit += read;
        }
        long value = 0;
        for (int i = n - 1; i >= 0; i--) {
            value = (value << 8) | (buffer[position + i] & 0xff);
        }
        return value;
    }

    /** Bytes certainly left: exact for an array, unknown (Long.MAX_VALUE) for a stream. */
    long knownRemaining() {
        return source == null ? limit - position : Long.MAX_VALUE;
    }

    /** True when no byte is left (without consuming one). */
    boolean atEnd() throws IOException {
        return position >= limit && !fill();
    }

    @Override
    public int available() {
        return limit - position;
    }
}
