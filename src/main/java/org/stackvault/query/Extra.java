package org.stackvault.query;

import java.util.Locale;

/**
 * A parameter outside the common filters, read by some endpoints: how it is parsed,
 * checked and defaulted. Values are {@link Integer}, {@link Long} (seconds) or a
 * {@link String} (null when absent).
 */
public enum Extra {
    START_RECORD("start_record", 0, 0, Extra.MAX_START_RECORD, "the first record of the page"),
    PAGE_SIZE(
            "page_size",
            10,
            1,
            FullRecordQuery.MAX_PAGE_SIZE,
            "records per page, at most " + FullRecordQuery.MAX_PAGE_SIZE),
    QUERY_MESSAGE("query_message", null, "only commits whose message contains it, in any case") {
        @Override
        Object parse(String raw, long today) {
            return raw;
        }

        @Override
        String keyText(Object value) {
            return value == null ? null : ((String) value).toLowerCase(Locale.ROOT);
        }
    },
    DAYS("days", 7, 0, 1_000_000, "companies whose first record is at most this many days old"),
    START_DAYS("start_days", "a year ago", "2019-Mar-05 or unix seconds") {
        @Override
        Object parse(String raw, long today) {
            // the original's defaults are dates: midnight a year ago, and midnight today
            return raw == null ? (today - 365) * Dates.DAY : Dates.parseDays(id(), raw);
        }
    },
    END_DAYS("end_days", "today", "2019-Mar-05 or unix seconds") {
        @Override
        Object parse(String raw, long today) {
            return raw == null ? today * Dates.DAY : Dates.parseDays(id(), raw);
        }
    };

    private static final int MAX_START_RECORD = 10_000_000;

    private final String id;
    private final String defaultValue;
    private final String description;
    /** The range of an integer parameter; null for text. */
    private final Integer minimum;

    private final Integer maximum;

    Extra(String id, String defaultValue, String description) {
        this.id = id;
        this.defaultValue = defaultValue;
        this.description = description;
        this.minimum = null;
        this.maximum = null;
    }

    /** An integer parameter: {@code defaultValue} when absent, else a value from {@code minimum} to {@code maximum}. */
    Extra(String id, int defaultValue, int minimum, int maximum, String description) {
        this.id = id;
        this.defaultValue = Integer.toString(defaultValue);
        this.description = description;
        this.minimum = minimum;
        this.maximum = maximum;
    }

    /** The query-string name. */
    public String id() {
        return id;
    }

    /** The default, as the documentation words it; null when none. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** Whether the value is an integer (from {@link #minimum()} to {@link #maximum()}). */
    public boolean isInteger() {
        return minimum != null;
    }

    /** The least integer value; null for a text parameter. */
    public Integer minimum() {
        return minimum;
    }

    /** The greatest integer value; null for a text parameter. */
    public Integer maximum() {
        return maximum;
    }

    /**
     * The value of a request: {@code raw} is the parameter's first value, null when absent
     * or empty; {@code today} the day (since the epoch) defaults are relative to. An integer
     * parameter's value is its default or a value of its range.
     *
     * @throws QueryException 400 for a malformed or out-of-range value
     */
    Object parse(String raw, long today) {
        if (!isInteger()) {
            throw new IllegalStateException(id + " has no parser");
        }
        return integer(this, raw, Integer.parseInt(defaultValue), minimum, maximum);
    }

    /** The value in the cache key: values that answer alike print alike. */
    String keyText(Object value) {
        return value == null ? null : value.toString();
    }

    private static Integer integer(Extra extra, String raw, int otherwise, int min, int max) {
        if (raw == null) {
            return otherwise;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw QueryException.malformed(extra.id, extra.id + " must be an integer, not '" + raw + "'");
        }
        if (value < min || value > max) {
            throw QueryException.malformed(
                    extra.id, extra.id + " must be between " + min + " and " + max + ", not " + raw);
        }
        return (int) value;
    }
}
