package org.stackvault.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The release calendar of a generated data set and the processor's date helpers: which
 * release a date falls in, its week, and where activity dates are drawn from.
 *
 * <p>Periods are the releases after the first ({@code prehistory}): period {@code i} runs
 * from the end of the release before it to its own end. Activity grows towards the middle
 * of the calendar and fades a little afterwards, as OpenStack's did. Immutable.
 */
final class Timeline {
    static final long DAY = 86_400L;
    static final long WEEK = 7 * DAY;

    private static final DateTimeFormatter DEFAULT_DATA_DATE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("yyyy-MMM-dd")
            .toFormatter(Locale.US);

    /** Release names (lower case) and end dates, in order, the first being prehistory. */
    private final String[] names;

    private final long[] ends;
    /** Cumulative activity weight of the periods 1..n, for drawing dates. */
    private final double[] cumulative;

    Timeline(List<String> names, List<Long> ends) {
        if (names.size() < 2 || names.size() != ends.size()) {
            throw new IllegalArgumentException("a data set needs at least two releases");
        }
        this.names = names.toArray(new String[0]);
        this.ends = new long[ends.size()];
        for (int i = 0; i < ends.size(); i++) {
            this.ends[i] = ends.get(i);
            if (i > 0 && this.ends[i] <= this.ends[i - 1]) {
                throw new IllegalArgumentException(
                        "release " + names.get(i) + " does not end after " + names.get(i - 1));
            }
        }
        int periods = periods();
        cumulative = new double[periods + 1];
        for (int p = 0; p < periods; p++) {
            // weight = length of the period x a rise to a peak at 60% of the calendar, then a gentle fall
            double x = periods == 1 ? 1 : (double) p / (periods - 1);
            double growth = x <= 0.6 ? 0.08 + x / 0.6 : 1.0 - (x - 0.6) * 0.9;
            double days = (end(p) - start(p)) / (double) DAY;
            cumulative[p + 1] = cumulative[p] + days * growth;
        }
    }

    /** Unix seconds of midnight UTC of a default-data date such as {@code 2015-Nov-01}; 0 for null or empty. */
    static long parseDefaultDataDate(Object value) {
        if (value == null || "".equals(value)) {
            return 0;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return LocalDate.parse(value.toString(), DEFAULT_DATA_DATE)
                    .toEpochSecond(java.time.LocalTime.MIDNIGHT, ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a date like 2015-Nov-01");
        }
    }

    /** The processor's week number: weeks start on Sunday, 4 January 1970. */
    static long week(long date) {
        return Math.floorDiv(date - 3 * DAY, WEEK);
    }

    static long midnight(long date) {
        return Math.floorDiv(date, DAY) * DAY;
    }

    static String isoDate(long date) {
        return Instant.ofEpochSecond(date)
                .atOffset(ZoneOffset.UTC)
                .toLocalDate()
                .toString();
    }

    /** Number of periods (releases after prehistory). */
    int periods() {
        return names.length - 1;
    }

    long start(int period) {
        return ends[period];
    }

    long end(int period) {
        return ends[period + 1];
    }

    /** Name (lower case) of the release that period {@code period} ends with. */
    String periodName(int period) {
        return names[period + 1];
    }

    /** Where the generated activity starts: the end of prehistory. */
    long firstDate() {
        return ends[0];
    }

    /** Where the generated activity ends: the end of the last release. */
    long lastDate() {
        return ends[ends.length - 1];
    }

    /**
     * The release of {@code date} as the processor picks it: the first whose end is after the
     * date (Python's {@code bisect}), the last one for dates beyond every end.
     */
    String releaseOf(long date) {
        return names[indexOf(date)];
    }

    /** The period containing {@code date}, clamped to the calendar. */
    int periodOf(long date) {
        return Math.max(0, Math.min(periods() - 1, indexOf(date) - 1));
    }

    private int indexOf(long date) {
        int lo = 0;
        int hi = ends.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= date) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return Math.min(lo, ends.length - 1);
    }

    /** A date in periods {@code first..last} (inclusive), weighted by activity, uniform within a period. */
    long sampleDate(SplittableRandom random, int first, int last) {
        int lo = Math.max(0, Math.min(first, periods() - 1));
        int hi = Math.max(lo, Math.min(last, periods() - 1));
        double target = cumulative[lo] + random.nextDouble() * (cumulative[hi + 1] - cumulative[lo]);
        int p = lo;
        while (p < hi && cumulative[p + 1] <= target) {
            p++;
        }
        return start(p) + random.nextLong(end(p) - start(p));
    }

    /** A period drawn by activity weight: where a contributor's active years start. */
    int samplePeriod(SplittableRandom random) {
        double target = random.nextDouble() * cumulative[periods()];
        int p = 0;
        while (p < periods() - 1 && cumulative[p + 1] <= target) {
            p++;
        }
        return p;
    }
}
