package org.stackvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stackvault.source.DumpFile;
import org.stackvault.source.MemcachedStorage;
import org.stackvault.source.PythonMemcachedHash;
import org.stackvault.testing.MemcachedProcess;

/**
 * What load-dump, dump and generate-data print as a user runs them: the commands run in a
 * JVM of their own, on a terminal (a pseudo-terminal made by util-linux {@code script}) or
 * with stderr going to a file or a pipe.
 */
class CommandProgressTest {
    /** The live line: a carriage return, the label and a count that is not the summary's "items in". */
    private static final Pattern LIVE_LOAD_LINE = Pattern.compile("\rload-dump: [0-9,]+ items \\(\\d+%\\)");

    @TempDir
    static Path dir;

    private static Path dumpFile;
    private static GeneratedDump dump;
    private static MemcachedProcess memcached;

    @BeforeAll
    static void generateAndStartMemcached() throws Exception {
        dumpFile = GeneratedDump.generate(dir.resolve("small.pickle"), 300, 2, null);
        dump = GeneratedDump.read(dumpFile);
        memcached = MemcachedProcess.start();
    }

    @AfterAll
    static void stop() {
        if (memcached != null) {
            memcached.close();
        }
    }

    private static String pairs() {
        return String.format(Locale.ROOT, "%,d", dump.keys.size());
    }

    @Test
    void loadDump_onATerminal_drawsALiveLine_thenItsSummaries() throws Exception {
        Run run = onTerminal(command(LoadDump.class, dumpFile.toString(), "--memcached", memcached.address()));
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(LIVE_LOAD_LINE.matcher(run.output()).find(), "a live line: " + visible(run.output()));
        assertTrue(run.output().contains("load-dump: " + pairs() + " items in "), visible(run.output()));
        assertTrue(run.output().contains("loaded " + dump.keys.size() + " pairs from " + dumpFile), run.output());
    }

    @Test
    void loadDump_withStderrToAFile_drawsNoLiveLine_evenFromATerminal() throws Exception {
        Path stderr = dir.resolve("load-dump.err");
        Run run = onTerminal(command(LoadDump.class, dumpFile.toString(), "--memcached", memcached.address()) + " 2>"
                + quote(stderr.toString()));
        assertEquals(0, run.exitCode(), run.output());
        String err = Files.readString(stderr);
        assertFalse(err.contains("\r"), "no live line in a file: " + visible(err));
        assertTrue(err.startsWith("load-dump: " + pairs() + " items in "), err);
        assertTrue(run.output().contains("loaded " + dump.keys.size() + " pairs"), run.output());
    }

    @Test
    void generateData_throughAPipe_printsOnlyItsSummaries() throws Exception {
        Path out = dir.resolve("piped.pickle");
        List<String> argv = new ArrayList<>(javaCommand(GenerateData.class));
        argv.addAll(List.of("--records", "200", "--seed", "9", "--out", out.toString()));
        Process process = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), err);
        assertFalse(err.contains("\r"), visible(err));
        assertTrue(err.startsWith("generate-data: 200 items in "), err);
        assertTrue(err.contains("generate-data: wrote " + out + ": 200 records"), err);
    }

    @Test
    void dump_summarisesRecordsAndUsers() throws Exception {
        try (MemcachedStorage storage =
                MemcachedStorage.connect(List.of(memcached.address()), PythonMemcachedHash.V1_59, 5000, 20 << 20)) {
            ByteArrayOutputStream loadOutput = new ByteArrayOutputStream();
            LoadDump.load(
                    dumpFile,
                    storage,
                    0,
                    Progress.on(new PrintStream(loadOutput, true, StandardCharsets.UTF_8))
                            .start("load-dump", Files.size(dumpFile)));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DumpFile.Writer writer = new DumpFile.Writer(dir.resolve("export.pickle"))) {
                Dump.export(storage, writer, Progress.on(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
            }
            String[] lines = bytes.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
            assertEquals(2, lines.length, bytes.toString(StandardCharsets.UTF_8));
            long records = dump.records.size();
            long userSlots = ((Number) dump.other.get("user:count")).longValue() + 1;
            assertTrue(
                    lines[0].matches("dump records: " + Pattern.quote(String.format(Locale.ROOT, "%,d", records))
                            + " items in [0-9.]+ s \\([0-9,]+/s\\)"),
                    lines[0]);
            assertTrue(
                    lines[1].matches("dump users: " + Pattern.quote(String.format(Locale.ROOT, "%,d", userSlots))
                            + " items in [0-9.]+ s \\([0-9,]+/s\\)"),
                    lines[1]);
            assertTrue(
                    loadOutput
                            .toString(StandardCharsets.UTF_8)
                            .matches("load-dump: " + Pattern.quote(pairs())
                                    + " items in [0-9.]+ s \\([0-9,]+/s\\), into memcached "
                                    + Pattern.quote(memcached.address())
                                    + " \\(python-memcached 1.59 hash\\)\\R"),
                    loadOutput.toString(StandardCharsets.UTF_8));
        }
    }

    /** What a command printed on its terminal (stdout and stderr together), and its exit code. */
    private record Run(int exitCode, String output) {}

    /** Runs a shell command line on a pseudo-terminal. */
    private static Run onTerminal(String commandLine) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script is not installed; skipped");
        Process process = new ProcessBuilder("/usr/bin/script", "-q", "-e", "-c", commandLine, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the command did not end");
        return new Run(process.exitValue(), output);
    }

    /** The command line scripts/lib/common.sh's java_main runs (its logging configuration too). */
    private static List<String> javaCommand(Class<?> main) {
        Path logging = Path.of(System.getProperty("basedir", ".")).resolve("conf/logging.properties");
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Djava.util.logging.config.file=" + logging,
                "-cp",
                System.getProperty("java.class.path"),
                main.getName());
    }

    private static String command(Class<?> main, String... args) {
        List<String> argv = new ArrayList<>(javaCommand(main));
        argv.addAll(List.of(args));
        return argv.stream().map(CommandProgressTest::quote).collect(Collectors.joining(" "));
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static String visible(String s) {
        return s.replace("\r", "\\r");
    }
}
