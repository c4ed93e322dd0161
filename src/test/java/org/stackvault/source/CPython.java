package org.stackvault.source;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A CPython 3 interpreter found on this machine, for tests that check our reading and writing
 * against the real thing. Tests that need one call {@link #require} and are skipped (an
 * assumption) where none is installed; the committed fixtures keep the rest of them running.
 *
 * <p>Candidates, in order: the system property {@code stackvault.python} (an executable),
 * then every {@code python3} on {@code PATH} (not only the first, so that a system interpreter
 * with python-memcached is found behind a pyenv or virtualenv one), then the system's own
 * {@code /usr/bin/python3} and {@code /usr/local/bin/python3} even when {@code PATH} leaves them
 * out (Debian's {@code python3-memcache}, which scripts/test installs, serves only
 * {@code /usr/bin/python3}). {@code -Dstackvault.python=none} uses none, to check that the
 * tests also run from the committed fixtures alone.
 */
final class CPython {
    private static final Map<String, Optional<CPython>> FOUND = new ConcurrentHashMap<>();
    private static final List<String> SYSTEM_PYTHONS = List.of("/usr/bin/python3", "/usr/local/bin/python3");

    private final String executable;

    private CPython(String executable) {
        this.executable = executable;
    }

    /** A python3 (3.8 or later: pickle protocol 5) that can import every module named; or skip the test. */
    static CPython require(String... modules) {
        Optional<CPython> python = find(modules);
        assumeTrue(
                python.isPresent(),
                "no python3 >= 3.8" + (modules.length == 0 ? "" : " with " + String.join(", ", modules))
                        + " found (PATH or -Dstackvault.python); this part is skipped");
        return python.get();
    }

    static Optional<CPython> find(String... modules) {
        return FOUND.computeIfAbsent(String.join(",", modules), key -> search(modules));
    }

    private static Optional<CPython> search(String... modules) {
        Set<String> candidates = new LinkedHashSet<>();
        String configured = System.getProperty("stackvault.python");
        if ("none".equals(configured)) {
            return Optional.empty();
        }
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured.trim());
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path exe = Path.of(dir, "python3");
                if (Files.isExecutable(exe)) {
                    candidates.add(exe.toString());
                }
            }
        }
        for (String system : SYSTEM_PYTHONS) {
            if (Files.isExecutable(Path.of(system))) {
                candidates.add(system);
            }
        }
        StringBuilder probe = new StringBuilder("import sys\nassert sys.version_info >= (3, 8)\n");
        for (String module : modules) {
            probe.append("import ").append(module).append('\n');
        }
        probe.append("print(sys.executable)\n");
        for (String candidate : candidates) {
            try {
                Result result = new CPython(candidate).exec(new byte[0], List.of("-c", probe.toString()));
                if (result.exitCode == 0) {
                    // run the interpreter itself from now on, not a launcher in front of it (pyenv shims are slow)
                    String real = new String(result.stdout, StandardCharsets.UTF_8).strip();
                    return Optional.of(
                            new CPython(!real.isEmpty() && Files.isExecutable(Path.of(real)) ? real : candidate));
                }
            } catch (RuntimeException e) {
                // not runnable: try the next one
            }
        }
        return Optional.empty();
    }

    /** Runs a script given as text ({@code python3 -c}); returns its stdout, fails the test on a non-zero exit. */
    byte[] runCode(String code, byte[] stdin, String... args) {
        List<String> argv = new ArrayList<>(List.of("-c", code));
        argv.addAll(List.of(args));
        return check(exec(stdin, argv), "python3 -c <script>");
    }

    /** Runs one of the scripts under {@code src/test/python}; returns its stdout. */
    byte[] runScript(String name, String... args) {
        Path script = Path.of(System.getProperty("basedir", "."))
                .resolve("src/test/python")
                .resolve(name);
        List<String> argv = new ArrayList<>(List.of(script.toString()));
        argv.addAll(List.of(args));
        return check(exec(new byte[0], argv), name);
    }

    String runCodeText(String code, byte[] stdin, String... args) {
        return new String(runCode(code, stdin, args), StandardCharsets.UTF_8);
    }

    private record Result(int exitCode, byte[] stdout, String stderr) {}

    private static byte[] check(Result result, String what) {
        if (result.exitCode != 0) {
            throw new AssertionError(what + " exited with " + result.exitCode + ":\n" + result.stderr);
        }
        return result.stdout;
    }

    private Result exec(byte[] stdin, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PYTHONHASHSEED", "0");
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        try {
            Process process = builder.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            } catch (IOException e) {
                // the script did not read its input; its exit code tells
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(executable + " " + args.get(0) + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return executable;
    }
}
