package org.stackvault.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one {@code wrk --latency} run, read from its output: requests per second,
 * the latency distribution (50 %, 99 %), requests, non-2xx/3xx answers and socket errors.
 */
record WrkRun(
        double requestsPerSecond,
        double p50Millis,
        double p90Millis,
        double p99Millis,
        double maxMillis,
        long requests,
        double seconds,
        long non2xx,
        long connectErrors,
        long readErrors,
        long writeErrors,
        long timeouts) {

    private static final Pattern RPS = Pattern.compile("(?m)^Requests/sec:\\s+([0-9.]+)");
    private static final Pattern REQUESTS = Pattern.compile("(?m)^\\s*(\\d+) requests in ([0-9.]+)(us|ms|s|m),");
    private static final Pattern NON2XX = Pattern.compile("(?m)^\\s*Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET =
            Pattern.compile("(?m)^\\s*Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern LATENCY_MAX =
            Pattern.compile("(?m)^\\s*Latency\\s+\\S+\\s+\\S+\\s+([0-9.]+(?:us|ms|s|m))");

    static WrkRun parse(Path file) throws IOException {
        String out = Files.readString(file, StandardCharsets.UTF_8);
        Matcher rps = RPS.matcher(out);
        Matcher requests = REQUESTS.matcher(out);
        if (!rps.find() || !requests.find()) {
            throw new IOException("not the output of a finished wrk run: " + file);
        }
        Matcher non2xx = NON2XX.matcher(out);
        Matcher socket = SOCKET.matcher(out);
        boolean errors = socket.find();
        Matcher max = LATENCY_MAX.matcher(out);
        return new WrkRun(
                Double.parseDouble(rps.group(1)),
                percentile(out, "50%"),
                percentile(out, "90%"),
                percentile(out, "99%"),
                max.find() ? millis(max.group(1)) : Double.NaN,
                Long.parseLong(requests.group(1)),
                millis(requests.group(2) + requests.group(3)) / 1000,
                non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0,
                errors ? Long.parseLong(socket.group(1)) : 0,
                errors ? Long.parseLong(socket.group(2)) : 0,
                errors ? Long.parseLong(socket.group(3)) : 0,
                errors ? Long.parseLong(socket.group(4)) : 0);
    }

    /** Non-2xx/3xx answers plus socket errors of every kind. */
    long failures() {
        return non2xx + connectErrors + readErrors + writeErrors + timeouts;
    }

    String failureText() {
        if (failures() == 0) {
            return "0";
        }
        return String.format(
                Locale.ROOT,
                "%d (non-2xx %d, connect %d, read %d, write %d, timeout %d)",
                failures(),
                non2xx,
                connectErrors,
                readErrors,
                writeErrors,
                timeouts);
    }

    private static double percentile(String out, String label) throws IOException {
        Matcher m = Pattern.compile("(?m)^\\s+" + Pattern.quote(label) + "\\s+([0-9.]+(?:us|ms|s|m))\\s*$")
                .matcher(out);
        if (!m.find()) {
            throw new IOException("wrk output has no " + label + " latency (run with --latency)");
        }
        return millis(m.group(1));
    }

    /** wrk's durations: 12.34us, 1.23ms, 1.02s, 1.50m. */
    static double millis(String value) {
        Matcher m = Pattern.compile("([0-9.]+)(us|ms|s|m)").matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a wrk duration: " + value);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "ms" -> v;
            case "s" -> v * 1000;
            default -> v * 60_000;
        };
    }
}
