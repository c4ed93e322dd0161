package org.stackvault.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.stackvault.source.DumpFile;
import org.stackvault.source.MemcachedStorage;
import org.stackvault.source.PythonMemcachedHash;

/**
 * {@code scripts/load-dump FILE --memcached host:port[,...]}: restores a stackalytics-dump
 * into memcached, like {@code stackalytics-dump -r}: every pair set, stored as
 * python-memcached would store it, to the server python-memcached would pick.
 */
public final class LoadDump {
    static final String USAGE = "usage: scripts/load-dump FILE --memcached host:port[,host:port...]"
            + " [--memcached-hash 1.59|1.60] [--min-compress-len BYTES]";
    private static final int BATCH = 500;

    private LoadDump() {}

    public static void main(String[] args) {
        Command.run(USAGE, args, () -> {
            if (args.length == 0 || args[0].startsWith("--")) {
                throw new Arguments.UsageException("the dump FILE comes first");
            }
            String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
            Arguments a =
                    Arguments.parse(rest, Set.of("--memcached", "--memcached-hash", "--min-compress-len"), Set.of());
            Path file = Path.of(args[0]);
            if (!Files.isRegularFile(file)) {
                throw new IOException("no such dump file: " + file);
            }
            try (MemcachedStorage storage = MemcachedStorage.connect(
                    a.servers("--memcached"),
                    PythonMemcachedHash.of(a.get("--memcached-hash") == null ? "1.59" : a.get("--memcached-hash")),
                    30_000,
                    Integer.MAX_VALUE)) {
                long pairs = load(
                        file,
                        storage,
                        (int) a.longValue("--min-compress-len", 0),
                        Progress.onStderr("load-dump", Files.size(file)));
                System.out.println("loaded " + pairs + " pairs from " + file + " into " + storage.description());
            }
        });
    }

    /** Sets every pair of {@code file}; returns how many. */
    public static long load(Path file, MemcachedStorage storage, int minCompressLen, Progress progress)
            throws IOException {
        Map<String, Object> batch = new LinkedHashMap<>();
        long[] count = {0};
        DumpFile.read(file, (entry, bytesRead) -> {
            if (entry.value() != null) {
                batch.put(entry.key(), entry.value());
            }
            count[0]++;
            if (batch.size() == BATCH) {
                storage.setMulti(batch, minCompressLen);
                batch.clear();
            }
            progress.advance(count[0], bytesRead);
        });
        if (!batch.isEmpty()) {
            storage.setMulti(batch, minCompressLen);
        }
        progress.finish("into " + storage.description());
        return count[0];
    }
}
