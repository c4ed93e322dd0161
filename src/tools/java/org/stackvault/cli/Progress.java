package org.stackvault.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A live progress line for long commands: items done, rate and ETA, drawn at the first
 * step and then redrawn in place at most a few times a second when the output is a
 * terminal; a final summary always. Single-threaded use.
 */
public final class Progress {
    private static final long REDRAW_NANOS = 250_000_000L;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean live;
    private final LongSupplier nanos;
    private final long started;
    private long done;
    private long items;
    private boolean countsItems;
    private long lastDraw;
    private int lastWidth;

    /**
     * @param total expected items, or 0 when unknown (no ETA then)
     * @param live  redraw a line in place (true on a terminal)
     */
    public Progress(String label, long total, PrintStream out, boolean live, LongSupplier nanos) {
        this.label = label;
        this.total = total;
        this.out = out;
        this.live = live;
        this.nanos = nanos;
        this.started = nanos.getAsLong();
        this.lastDraw = started - REDRAW_NANOS;
    }

    /** Starts the progress lines of one command, all on the same output. */
    @FunctionalInterface
    public interface Output {
        Progress start(String label, long total);
    }

    /** Progress on {@code out}: live when {@code out} is this process's stderr and that is a terminal. */
    public static Output on(PrintStream out) {
        boolean live = out == System.err && stderrIsTerminal();
        return (label, total) -> new Progress(label, total, out, live, System::nanoTime);
    }

    /** On stderr, live when stderr is a terminal. */
    public static Progress onStderr(String label, long total) {
        return on(System.err).start(label, total);
    }

    /**
     * Whether file descriptor 2 is a terminal. On Linux its {@code /proc} link names the
     * device; elsewhere, whether a console is attached (which looks at stdin and stdout only,
     * so {@code 2>file} on a terminal still counts as live there).
     */
    static boolean stderrIsTerminal() {
        try {
            return isTerminalDevice(
                    Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    static boolean isTerminalDevice(String path) {
        return path.startsWith("/dev/pts/") || path.startsWith("/dev/tty") || path.equals("/dev/console");
    }

    public void advance(long n) {
        progressTo(done + n);
    }

    /**
     * Reports progress measured in another unit than items (e.g. bytes of a file read):
     * {@code work} of the total is done and {@code items} items are handled.
     */
    public void advance(long items, long work) {
        this.items = items;
        this.countsItems = true;
        progressTo(work);
    }

    private void progressTo(long work) {
        done = work;
        long now = nanos.getAsLong();
        if (live && now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            String line = line(now);
            out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            out.flush();
            lastWidth = line.length();
        }
    }

    public long done() {
        return done;
    }

    /** Prints the summary line: items, time, rate. */
    public void finish(String detail) {
        long now = nanos.getAsLong();
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        if (live && lastWidth > 0) {
            out.print("\r" + " ".repeat(lastWidth) + "\r");
        }
        long n = countsItems ? items : done;
        out.printf(
                Locale.ROOT,
                "%s: %,d items in %.1f s (%,.0f/s)%s%n",
                label,
                n,
                seconds,
                n / seconds,
                detail == null || detail.isEmpty() ? "" : ", " + detail);
        out.flush();
    }

    String line(long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        // a rate over the first moments says little: shown once a redraw interval has passed
        boolean measured = now - started >= REDRAW_NANOS;
        StringBuilder s = new StringBuilder();
        if (countsItems) {
            s.append(String.format(Locale.ROOT, "%s: %,d items", label, items));
            if (total > 0) {
                s.append(String.format(Locale.ROOT, " (%.0f%%)", 100.0 * done / total));
            }
            if (measured) {
                s.append(String.format(Locale.ROOT, " %,.0f/s", items / seconds));
            }
        } else {
            s.append(String.format(Locale.ROOT, "%s: %,d", label, done));
            if (total > 0) {
                s.append(String.format(Locale.ROOT, "/%,d (%.0f%%)", total, 100.0 * done / total));
            }
            if (measured) {
                s.append(String.format(Locale.ROOT, " %,.0f/s", done / seconds));
            }
        }
        double rate = done / seconds;
        if (measured && total > 0 && rate > 0 && done < total) {
            long eta = (long) ((total - done) / rate);
            s.append(String.format(Locale.ROOT, " ETA %d:%02d", eta / 60, eta % 60));
        }
        return s.toString();
    }
}
