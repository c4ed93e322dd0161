package org.stackvault.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A live progress line for long commands: items done, rate and ETA, redrawn in place
 * at most a few times a second when the output is a terminal; a final summary always.
 * Single-threaded use.
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
        this.lastDraw = started;
    }

    /** On stderr, live when a terminal is attached. */
    public static Progress onStderr(String label, long total) {
        return new Progress(label, total, System.err, System.console() != null, System::nanoTime);
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
        out.printf(Locale.ROOT, "%s: %,d items in %.1f s (%,.0f/s)%s%n", label, n, seconds, n / seconds,
                detail == null || detail.isEmpty() ? "" : ", " + detail);
        out.flush();
    }

    String line(long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        double rate = done / seconds;
        StringBuilder s = new StringBuilder();
        if (countsItems) {
            s.append(String.format(Locale.ROOT, "%s: %,d items %,.0f/s", label, items, items / seconds));
            if (total > 0) {
                s.append(String.format(Locale.ROOT, " (%.0f%%)", 100.0 * done / total));
            }
        } else {
            s.append(String.format(Locale.ROOT, "%s: %,d", label, done));
            if (total > 0) {
                s.append(String.format(Locale.ROOT, "/%,d (%.0f%%)", total, 100.0 * done / total));
            }
            s.append(String.format(Locale.ROOT, " %,.0f/s", rate));
        }
        if (total > 0 && rate > 0 && done < total) {
            long eta = (long) ((total - done) / rate);
            s.append(String.format(Locale.ROOT, " ETA %d:%02d", eta / 60, eta % 60));
        }
        return s.toString();
    }
}
