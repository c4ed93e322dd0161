package org.stackvault.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resident memory of a process on this machine, from {@code /proc/<pid>/status}: what
 * the kernel counts against it, heap or not (the figure issue 14 sets a target for).
 * Stateless; Linux only.
 */
final class ProcStatus {
    private ProcStatus() {}

    /** Resident set size now ({@code VmRSS}), bytes; -1 when the process or the line is missing. */
    static long rssBytes(long pid) {
        return field(pid, "VmRSS:");
    }

    /** The largest resident set so far ({@code VmHWM}), bytes; -1 when missing. */
    static long peakRssBytes(long pid) {
        return field(pid, "VmHWM:");
    }

    private static long field(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    // "VmRSS:	 1234567 kB"
                    String[] words = line.substring(name.length()).trim().split("\\s+");
                    return Long.parseLong(words[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
