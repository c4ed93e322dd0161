package org.stackvault.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stop-the-world pauses of Tomcat's GC log ({@code -Xlog:gc:file=...:time,uptime}, which
 * scripts/bench and scripts/soak set), with their wall-clock times and the heap left after
 * each, so that each phase of a run (each interval of a soak) can be given its pauses.
 */
final class GcLog {
    /**
     * One pause: when it ended (epoch ms), how long, whether it was a full collection, and
     * the heap in use after it (bytes; -1 when the line does not say).
     */
    record Pause(long endEpochMillis, double millis, boolean full, boolean measurement, long heapAfterBytes) {}

    /** The pauses in a window, summed up; the least and most heap in use after one (-1: none said). */
    record Summary(
            int count,
            double maxMillis,
            double totalMillis,
            int full,
            long minHeapAfterBytes,
            long maxHeapAfterBytes) {}

    private static final Pattern LINE =
            Pattern.compile("^\\[([^\\]]+)\\]\\[[0-9.]+s\\] GC\\(\\d+\\) (Pause .*) ([0-9.]+)ms$");
    /** {@code 25M->5M(512M)}: heap before, after, and its size. */
    private static final Pattern HEAP = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final List<Pause> pauses;

    private GcLog(List<Pause> pauses) {
        this.pauses = pauses;
    }

    /** The pauses of the log, or none when there is no log. */
    static GcLog read(Path file) throws IOException {
        List<Pause> pauses = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = LINE.matcher(line);
                if (m.matches()) {
                    long end =
                            OffsetDateTime.parse(m.group(1), TIME).toInstant().toEpochMilli();
                    String what = m.group(2);
                    Matcher heap = HEAP.matcher(what);
                    pauses.add(new Pause(
                            end,
                            Double.parseDouble(m.group(3)),
                            what.startsWith("Pause Full"),
                            what.contains("(System.gc())") || what.contains("(Heap Inspection Initiated GC)"),
                            heap.find() ? bytes(heap.group(3), heap.group(4)) : -1));
                }
            }
        }
        return new GcLog(pauses);
    }

    private static long bytes(String number, String unit) {
        long n = Long.parseLong(number);
        return switch (unit) {
            case "K" -> n << 10;
            case "M" -> n << 20;
            default -> n << 30;
        };
    }

    boolean isEmpty() {
        return pauses.isEmpty();
    }

    /**
     * Pauses that ended between the two times, leaving out the full collections the heap
     * measurements cause (System.gc(), jcmd GC.class_histogram).
     */
    Summary between(long fromEpochMillis, long toEpochMillis) {
        int count = 0;
        int full = 0;
        double max = 0;
        double total = 0;
        long minAfter = -1;
        long maxAfter = -1;
        for (Pause p : pauses) {
            if (p.measurement() || p.endEpochMillis() < fromEpochMillis || p.endEpochMillis() > toEpochMillis) {
                continue;
            }
            count++;
            max = Math.max(max, p.millis());
            total += p.millis();
            if (p.full()) {
                full++;
            }
            if (p.heapAfterBytes() >= 0) {
                minAfter = minAfter < 0 ? p.heapAfterBytes() : Math.min(minAfter, p.heapAfterBytes());
                maxAfter = Math.max(maxAfter, p.heapAfterBytes());
            }
        }
        return new Summary(count, max, total, full, minAfter, maxAfter);
    }
}
