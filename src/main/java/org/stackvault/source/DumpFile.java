package org.stackvault.source;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code stackalytics-dump} file format: a plain sequence of pickled {@code (key, value)}
 * tuples. Restoring it means setting every pair.
 */
public final class DumpFile {

    private DumpFile() {}

    /** One pair read from a dump. */
    public record Entry(String key, Object value) {}

    /** Receives the pairs of a dump in file order; {@code bytesRead} lets callers show progress. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(Entry entry, long bytesRead) throws IOException;
    }

    /** Streams every pair of a dump file to {@code consumer}. */
    public static void read(Path file, EntryConsumer consumer) throws IOException {
        try (InputStream raw = Files.newInputStream(file)) {
            read(raw, consumer);
        }
    }

    public static void read(InputStream raw, EntryConsumer consumer) throws IOException {
        CountingInputStream counting = new CountingInputStream(raw);
        UnsyncInputStream in = new UnsyncInputStream(counting, 1 << 16);
        PickleCodec.Reader reader = new PickleCodec.Reader();
        long index = 0;
        while (true) {
            Object item = reader.next(in);
            if (item == PickleCodec.END) {
                return;
            }
            if (!(item instanceof List<?> pair) || pair.size() != 2) {
                throw new UndecodableValueException("dump item " + index + " is not a (key, value) tuple");
            }
            consumer.accept(new Entry(keyOf(pair.get(0), index), pair.get(1)), counting.count - in.available());
            index++;
        }
    }

    private static String keyOf(Object key, long index) {
        if (key instanceof String s) {
            return s;
        }
        if (key instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        throw new UndecodableValueException("dump item " + index + " has a key of type "
                + (key == null ? "None" : key.getClass().getSimpleName()));
    }

    /** Writes pairs in the dump format. Not thread-safe. */
    public static final class Writer implements AutoCloseable {
        private final OutputStream out;

        public Writer(Path file) throws IOException {
            this(Files.newOutputStream(file));
        }

        public Writer(OutputStream out) {
            this.out = new BufferedOutputStream(out, 1 << 16);
        }

        public void write(String key, Object value) {
            PickleCodec.dump(new Object[] {key, value}, out);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static final class CountingInputStream extends FilterInputStream {
        long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
