package org.stackvault.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.stackvault.source.DumpFile;

/**
 * {@code scripts/generate-data}: writes a synthetic Stackalytics data set in the
 * {@code stackalytics-dump} format, with every key the processor keeps in memcached
 * ({@code record:count}, {@code record:N}, {@code user:count}, {@code user:<seq>} and each
 * user's alias keys, {@code releases}, {@code module_groups}, {@code project_types},
 * {@code repos}, {@code companies}, {@code runtime_storage_update_time}).
 *
 * <pre>
 * generate-data --records N [--seed S] [--default-data default_data.json] --out FILE
 * </pre>
 *
 * <p>The same arguments give a byte-identical file: everything is drawn from one seeded
 * {@link SplittableRandom}, every collection written keeps insertion order, and no clock is
 * read. Records are streamed to the file as they are made, so the heap needed does not grow
 * with {@code N} (only the users, at most {@link Population#MAX_PEOPLE} plus one per member
 * record, are held). Exit codes: 0 done, 1 I/O failure, 2 bad arguments.
 */
public final class GenerateData {
    private static final Set<String> OPTIONS = Set.of("--records", "--seed", "--default-data", "--out");
    private static final Set<String> FLAGS = Set.of("--help");
    private static final String USAGE =
            "usage: generate-data --records N [--seed S] [--default-data default_data.json] --out FILE";
    /** Keeps the reference data's random draws apart from the activity's. */
    private static final long REFERENCE_STREAM = 0x5eed_da7aL;

    private GenerateData() {}

    /** What to generate. */
    public record Settings(long records, long seed, Path defaultData, Path out) {}

    /** What was generated. */
    public record Summary(long records, Map<String, Long> recordsByType, long users, long keys, long bytes) {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Settings settings;
        try {
            settings = settings(Arguments.parse(args, OPTIONS, FLAGS), out);
        } catch (Arguments.UsageException e) {
            err.println("generate-data: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (settings == null) {
            return 0;
        }
        try {
            Summary summary = generate(settings, Progress.on(err).start("generate-data", settings.records()));
            err.printf(
                    Locale.ROOT,
                    "generate-data: wrote %s: %,d records %s, %,d users, %,d keys, %,d bytes%n",
                    settings.out(),
                    summary.records(),
                    summary.recordsByType(),
                    summary.users(),
                    summary.keys(),
                    summary.bytes());
            return 0;
        } catch (BadDefaultDataException e) {
            err.println("generate-data: " + e.getMessage());
            return 2;
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("generate-data: cannot write " + settings.out() + ": " + e);
            return 1;
        }
    }

    private static Settings settings(Arguments arguments, PrintStream out) {
        if (arguments.flag("--help")) {
            out.println(USAGE);
            return null;
        }
        long records = arguments.longValue("--records", -1);
        if (arguments.get("--records") == null) {
            throw new Arguments.UsageException("--records is required");
        }
        if (records < 0 || records > Integer.MAX_VALUE - 8) {
            throw new Arguments.UsageException(
                    "--records must be between 0 and " + (Integer.MAX_VALUE - 8) + ", not " + records);
        }
        long seed = arguments.longValue("--seed", 1);
        String defaultData = arguments.get("--default-data");
        Path defaultDataPath = null;
        if (defaultData != null) {
            if (defaultData.isEmpty()) {
                throw new Arguments.UsageException("--default-data needs a file name");
            }
            defaultDataPath = Path.of(defaultData);
            if (!Files.isRegularFile(defaultDataPath)) {
                throw new Arguments.UsageException("--default-data " + defaultData + ": no such file");
            }
        }
        Path outPath = Path.of(arguments.require("--out"));
        if (Files.isDirectory(outPath)) {
            throw new Arguments.UsageException("--out " + outPath + " is a directory");
        }
        return new Settings(records, seed, defaultDataPath, outPath);
    }

    /** The default data cannot be used; the message is for the user. */
    static final class BadDefaultDataException extends Exception {
        BadDefaultDataException(String message) {
            super(message);
        }
    }

    /**
     * Generates a data set into {@code settings.out()} (written to a temporary file next to
     * it, then moved into place, so a failed run leaves no half file behind).
     */
    public static Summary generate(Settings settings, Progress progress) throws IOException, BadDefaultDataException {
        StoredReference reference = reference(settings);
        SplittableRandom random = new SplittableRandom(settings.seed());
        Population people = new Population(reference, settings.records(), random.split());
        ActivityGenerator activity = new ActivityGenerator(reference, people, random.split());

        Path out = settings.out().toAbsolutePath();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        Map<String, Long> byType = new TreeMap<>();
        long keys = 0;
        boolean done = false;
        try (DumpFile.Writer writer = new DumpFile.Writer(partial)) {
            writer.write("module_groups", reference.moduleGroups());
            writer.write("project_types", reference.projectTypes());
            writer.write("repos", reference.repos());
            writer.write("releases", reference.releases());
            writer.write("companies", reference.companies().index());
            writer.write("runtime_storage_update_time", reference.timeline().lastDate());
            writer.write("record:count", settings.records());
            keys += 7;
            long[] next = {0};
            activity.generate(settings.records(), record -> {
                long id = next[0]++;
                record.put("record_id", id);
                writer.write("record:" + id, record);
                byType.merge((String) record.get("record_type"), 1L, Long::sum);
                progress.advance(1);
            });
            keys += settings.records();
            keys += writeUsers(writer, people);
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(partial);
            }
        }
        Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        long bytes = Files.size(out);
        progress.finish(String.format(Locale.ROOT, "%,d users, %,d bytes", people.size(), bytes));
        return new Summary(settings.records(), byType, people.size(), keys, bytes);
    }

    private static StoredReference reference(Settings settings) throws IOException, BadDefaultDataException {
        DefaultData data;
        if (settings.defaultData() == null) {
            data = BuiltInDefaultData.create(new SplittableRandom(settings.seed() ^ REFERENCE_STREAM));
        } else {
            try {
                data = DefaultData.read(settings.defaultData());
            } catch (NoSuchFileException e) {
                throw new BadDefaultDataException("--default-data " + settings.defaultData() + ": no such file");
            } catch (DefaultData.InvalidDefaultDataException e) {
                throw new BadDefaultDataException(e.getMessage());
            }
        }
        try {
            return ReferenceDataBuilder.build(data);
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new BadDefaultDataException(
                    "unusable default data " + (settings.defaultData() == null ? "" : settings.defaultData() + " ")
                            + "(" + e.getMessage() + ")");
        }
    }

    /**
     * {@code user:count}, every {@code user:<seq>}, then the alias keys in the order the
     * processor's {@code store_user} writes them; a key two users share goes to the later
     * user, as later writes win in memcached. Aliases that would overwrite a {@code user:<seq>}
     * key or {@code user:count} are left out.
     */
    private static long writeUsers(DumpFile.Writer writer, Population people) {
        List<Person> all = people.all();
        writer.write("user:count", (long) all.size());
        long keys = 1;
        Map<String, Person> aliases = new LinkedHashMap<>();
        for (Person p : all) {
            writer.write("user:" + p.seq, p.stored());
            keys++;
            for (String alias : p.aliases()) {
                if (!alias.equals("count") && !alias.chars().allMatch(Character::isDigit)) {
                    aliases.put(alias, p);
                }
            }
        }
        Person previous = null;
        Map<String, Object> stored = null;
        for (Map.Entry<String, Person> e : aliases.entrySet()) {
            if (e.getValue() != previous) {
                previous = e.getValue();
                stored = previous.stored();
            }
            writer.write("user:" + e.getKey(), stored);
            keys++;
        }
        return keys;
    }
}
