package org.stackvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of {@code generate-data}: determinism, arguments, exit codes. */
class GenerateDataTest {
    @TempDir
    Path dir;

    @Test
    void sameSeed_givesIdenticalFile() throws IOException {
        Path a = GeneratedDump.generate(dir.resolve("a.pickle"), 3000, 42, null);
        Path b = GeneratedDump.generate(dir.resolve("b.pickle"), 3000, 42, null);
        assertEquals(-1, Files.mismatch(a, b), "two runs with the same arguments differ");
    }

    @Test
    void differentSeed_givesDifferentFile() throws IOException {
        Path a = GeneratedDump.generate(dir.resolve("a.pickle"), 3000, 42, null);
        Path b = GeneratedDump.generate(dir.resolve("b.pickle"), 3000, 43, null);
        assertNotEquals(-1, Files.mismatch(a, b));
    }

    @Test
    void recordCount_isExactlyWhatWasAsked() throws IOException {
        for (int n : new int[] {0, 1, 2, 7, 1234}) {
            GeneratedDump dump = GeneratedDump.read(GeneratedDump.generate(dir.resolve(n + ".pickle"), n, 5, null));
            assertEquals(n, dump.records.size());
            assertEquals((long) n, dump.other.get("record:count"));
        }
    }

    @Test
    void success_printsSummary_andLeavesNoPartialFile() throws IOException {
        Path out = dir.resolve("sub/dir/data.pickle");
        GeneratedDump.Run run = GeneratedDump.run("--records", "500", "--seed", "3", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(Files.isRegularFile(out));
        assertTrue(run.stderr().contains("500 records"), run.stderr());
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "only the output file is left");
        }
    }

    @Test
    void help_printsUsage_andExitsWith0() {
        GeneratedDump.Run run = GeneratedDump.run("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.stdout().contains("usage: generate-data"));
    }

    @Test
    void missingRecords_exitsWith2_withMessage() {
        assertUsageError("--records is required", "--out", dir.resolve("x").toString());
    }

    @Test
    void missingOut_exitsWith2_withMessage() {
        assertUsageError("--out is required", "--records", "10");
    }

    @Test
    void nonNumericRecords_exitsWith2_withMessage() {
        assertUsageError(
                "--records must be an integer",
                "--records",
                "many",
                "--out",
                dir.resolve("x").toString());
    }

    @Test
    void negativeRecords_exitsWith2_withMessage() {
        assertUsageError(
                "--records must be between",
                "--records",
                "-5",
                "--out",
                dir.resolve("x").toString());
    }

    @Test
    void unknownOption_exitsWith2_withMessage() {
        assertUsageError(
                "unknown option --recrods",
                "--recrods",
                "10",
                "--out",
                dir.resolve("x").toString());
    }

    @Test
    void missingDefaultDataFile_exitsWith2_withMessage() {
        assertUsageError(
                "no such file",
                "--records",
                "10",
                "--default-data",
                dir.resolve("nope.json").toString(),
                "--out",
                dir.resolve("x").toString());
    }

    @Test
    void defaultDataThatIsNotJson_exitsWith2_withMessage() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{ not json");
        assertUsageError(
                "is not valid JSON",
                "--records",
                "10",
                "--default-data",
                bad.toString(),
                "--out",
                dir.resolve("x").toString());
    }

    @Test
    void defaultDataWithoutReleases_exitsWith2_withMessage() throws IOException {
        Path bad = Files.writeString(dir.resolve("empty.json"), "{\"users\": [], \"repos\": []}");
        assertUsageError(
                "needs at least two releases",
                "--records",
                "10",
                "--default-data",
                bad.toString(),
                "--out",
                dir.resolve("x").toString());
    }

    @Test
    void defaultDataWithBadDate_exitsWith2_withMessage() throws IOException {
        Path bad = Files.writeString(dir.resolve("date.json"), """
                {"releases": [{"release_name": "prehistory", "end_date": "2010-Jan-01"},
                              {"release_name": "Austin", "end_date": "21 Oct 2010"}],
                 "repos": [{"module": "nova", "organization": "openstack",
                            "uri": "https://git.openstack.org/openstack/nova.git"}]}
                """);
        assertUsageError(
                "is not a date like 2015-Nov-01",
                "--records",
                "10",
                "--default-data",
                bad.toString(),
                "--out",
                dir.resolve("x").toString());
    }

    @Test
    void unwritableOutput_exitsWith1_withMessage() throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        GeneratedDump.Run run = GeneratedDump.run(
                "--records", "10", "--out", file.resolve("data.pickle").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.stderr().startsWith("generate-data: cannot write"), run.stderr());
        assertFalse(run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
    }

    private static void assertUsageError(String message, String... args) {
        GeneratedDump.Run run = GeneratedDump.run(args);
        assertEquals(2, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains(message), "stderr should say '" + message + "': " + run.stderr());
        assertFalse(run.stderr().contains("\tat "), "no stack trace: " + run.stderr());
    }
}
