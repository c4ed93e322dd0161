package org.stackvault.query;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.regex.Pattern;

/** Time helpers of the original, in UTC: days, weeks (starting Sunday 4 Jan 1970), formats. */
public final class Dates {
    public static final long DAY = 86400L;
    public static final long WEEK = 7 * DAY;
    private static final Pattern COMPACT = Pattern.compile("^20\\d{2}(0[1-9]|1[0-2])([0-2]\\d|3[0-1])$");
    private static final Pattern DASHED = Pattern.compile("^20\\d{2}-(0[1-9]|1[0-2])-([0-2]\\d|3[0-1])$");
    private static final Pattern INTEGER = Pattern.compile("^-?\\d{1,15}$");
    /** The latest time accepted in a date parameter: the end of year 9999. */
    private static final long MAX_SECONDS = 253402300799L;

    private static final DateTimeFormatter WEEK_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATETIME_FORMAT =
            DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MMM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAYS_PARSER = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("uuuu-MMM-dd")
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private Dates() {}

    public static long day(long seconds) {
        return Math.floorDiv(seconds, DAY);
    }

    public static long week(long seconds) {
        return Math.floorDiv(seconds - 3 * DAY, WEEK);
    }

    /**
     * A {@code start_date}/{@code end_date} value: {@code YYYYMMDD} or {@code YYYY-MM-DD}
     * (years 2000-2099, as the original) or unix seconds; rounded down to the day.
     */
    public static long parseDateParam(String parameter, String value) {
        String v = value.trim();
        long seconds;
        if (COMPACT.matcher(v).matches() || DASHED.matcher(v).matches()) {
            String digits = v.replace("-", "");
            try {
                seconds = LocalDate.of(
                                        Integer.parseInt(digits.substring(0, 4)),
                                        Integer.parseInt(digits.substring(4, 6)),
                                        Integer.parseInt(digits.substring(6, 8)))
                                .toEpochDay()
                        * DAY;
            } catch (DateTimeException e) {
                throw QueryException.malformed(parameter, parameter + " '" + value + "' is not a valid date");
            }
        } else if (INTEGER.matcher(v).matches()) {
            seconds = Long.parseLong(v);
        } else {
            throw QueryException.malformed(
                    parameter, parameter + " must be YYYYMMDD, YYYY-MM-DD or unix seconds, not '" + value + "'");
        }
        return day(inRange(parameter, value, seconds)) * DAY;
    }

    /** A week as the timeline prints it: the date of its first day, "YYYY-MM-DD 00:00:00". */
    public static String formatWeek(long week) {
        LocalDate day = LocalDate.ofEpochDay(week * 7 + 3);
        int year = day.getYear();
        if (year < 1000 || year > 9999) {
            return WEEK_FORMAT.format(Instant.ofEpochSecond(week * WEEK + 3 * DAY));
        }
        // a timeline prints hundreds of weeks: built by hand, a DateTimeFormatter costs 20x more
        char[] s = "0000-00-00 00:00:00".toCharArray();
        digits(s, 0, year, 4);
        digits(s, 5, day.getMonthValue(), 2);
        digits(s, 8, day.getDayOfMonth(), 2);
        return new String(s);
    }

    private static void digits(char[] s, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            s[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** "%d %b %Y", e.g. "05 Mar 2019". */
    public static String formatDate(long seconds) {
        return DATE_FORMAT.format(Instant.ofEpochSecond(seconds));
    }

    /** "%d %b %Y %H:%M:%S UTC". */
    public static String formatDateTime(long seconds) {
        return DATETIME_FORMAT.format(Instant.ofEpochSecond(seconds)) + " UTC";
    }

    /** "%Y-%b-%d" (the original's {@code timestamp_to_date}), e.g. "2019-Mar-05". */
    public static String formatDays(long seconds) {
        return DAYS_FORMAT.format(Instant.ofEpochSecond(seconds));
    }

    /**
     * Parses "%Y-%b-%d" (e.g. 2019-Mar-05, any letter case; a day the month does not have is
     * refused, as Python's strptime does) or unix seconds, as the original's
     * {@code date_to_timestamp_ext} does for {@code start_days}/{@code end_days}; within the
     * range of a date parameter.
     */
    public static long parseDays(String parameter, String value) {
        String v = value.trim();
        long seconds;
        if (INTEGER.matcher(v).matches()) {
            seconds = Long.parseLong(v);
        } else {
            try {
                seconds = LocalDate.parse(v, DAYS_PARSER).toEpochDay() * DAY;
            } catch (DateTimeException e) {
                throw QueryException.malformed(
                        parameter, parameter + " must be like 2019-Mar-05 or unix seconds, not '" + value + "'");
            }
        }
        return inRange(parameter, value, seconds);
    }

    private static long inRange(String parameter, String value, long seconds) {
        if (seconds < 0 || seconds > MAX_SECONDS) {
            throw QueryException.malformed(parameter, parameter + " '" + value + "' is out of range (1970 to 9999)");
        }
        return seconds;
    }
}
