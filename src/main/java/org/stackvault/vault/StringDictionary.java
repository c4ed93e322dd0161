package org.stackvault.vault;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Strings of one column, each stored once and referred to by an int code. Code 0 is
 * null. Codes never change: a new vault's dictionary extends the previous one, so codes
 * stay valid across generations. Immutable once built; thread-safe.
 */
public final class StringDictionary {
    public static final int NULL = 0;
    static final StringDictionary EMPTY = new StringDictionary(new String[] {null}, 1, Map.of());

    private final String[] values;
    private final int size;
    private final Map<String, Integer> codes;

    private StringDictionary(String[] values, int size, Map<String, Integer> codes) {
        this.values = values;
        this.size = size;
        this.codes = codes;
    }

    /** The string of {@code code} (null for {@link #NULL}). */
    public String value(int code) {
        return values[code];
    }

    /** The code of {@code s}, {@link #NULL} for null, or -1 when absent. */
    public int code(String s) {
        if (s == null) {
            return NULL;
        }
        Integer code = codes.get(s);
        return code == null ? -1 : code;
    }

    /** Number of codes, including {@link #NULL}. */
    public int size() {
        return size;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Extends a dictionary; not thread-safe. */
    static final class Builder {
        private String[] values;
        private int size;
        private final HashMap<String, Integer> codes;

        Builder(StringDictionary base) {
            this.values = Arrays.copyOf(base.values, Math.max(16, base.size * 2));
            this.size = base.size;
            this.codes = new HashMap<>(base.codes);
        }

        int intern(String s) {
            if (s == null) {
                return NULL;
            }
            Integer code = codes.get(s);
            if (code != null) {
                return code;
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size] = s;
            codes.put(s, size);
            return size++;
        }

        StringDictionary build() {
            return new StringDictionary(Arrays.copyOf(values, size), size, Map.copyOf(codes));
        }
    }
}
