package org.stackvault.bench;

import java.util.Arrays;

/** Timings in milliseconds and their order statistics. Not thread-safe. */
final class Samples {
    private double[] values = new double[16];
    private int size;

    void add(double millis) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = millis;
    }

    int size() {
        return size;
    }

    private double[] sorted() {
        if (size == 0) {
            throw new IllegalStateException("no samples");
        }
        double[] s = Arrays.copyOf(values, size);
        Arrays.sort(s);
        return s;
    }

    /** The median (mean of the two middle values for an even count). */
    double median() {
        double[] s = sorted();
        return size % 2 == 1 ? s[size / 2] : (s[size / 2 - 1] + s[size / 2]) / 2;
    }

    /** Nearest-rank percentile: the smallest sample with at least p % of the samples at or below it. */
    double percentile(double p) {
        double[] s = sorted();
        int rank = (int) Math.ceil(p / 100.0 * size);
        return s[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    double min() {
        return sorted()[0];
    }

    double max() {
        return sorted()[size - 1];
    }

    static double median(double... values) {
        Samples s = new Samples();
        for (double v : values) {
            s.add(v);
        }
        return s.median();
    }
}
