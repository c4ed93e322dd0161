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
 * scripts/bench sets), with their wall-clock times, so that each phase of a run can be
 * given its pauses.
 */
final class GcLog {
    /** One pause: when it ended (epoch ms), how long, and whether it was a full collection. */
    record Pause(long endEpochMillis, double millis, boolean full, boolean measurement) {
    }

    /** The pauses in a window, summed up. */
    record Summary(int count, double maxMillis, double totalMillis, int full) {
    }

    private static final Pattern LINE = Pattern.compile("^\\[([^\\]]+)\\]\\[[0-9.]+s\\] GC\\(\\d+\\) (Pause .*) ([0-9.]+)ms$");
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
                    long end = OffsetDateTime.parse(m.group(1), TIME).toInstant().toEpochMilli();
                    String what = m.group(2);
                    pauses.add(new Pause(end, Double.parseDouble(m.group(3)), what.startsWith("Pause Full"),
                            what.contains("(System.gc())") || what.contains("(Heap Inspection Initiated GC)")));
                }
            }
        }
        return new GcLog(pauses);
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
        }
        return new Summary(count, max, total, full);
    }
}
