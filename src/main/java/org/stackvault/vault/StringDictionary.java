package org.stackvault.vault;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Strings of one column, each stored once and referred to by an int code. Code 0 is
 * null. Codes never change: a new vault's dictionary extends the previous one, so codes
 * stay valid across generations. Immutable once built; thread-safe.
 *
 * <p>The code index is a large base map shared by successive generations plus a small
 * overlay of the strings added since the base was built, so an incremental build does not
 * rehash every string; the overlay is folded into a new base once it grows past an eighth
 * of it.
 */
public final class StringDictionary {
    public static final int NULL = 0;
    static final StringDictionary EMPTY = new StringDictionary(new String[] {null}, 1, Map.of(), Map.of());
    private static final int MIN_FOLD = 1024;

    private final String[] values;
    private final int size;
    private final Map<String, Integer> base;
    private final Map<String, Integer> overlay;

    private StringDictionary(String[] values, int size, Map<String, Integer> base, Map<String, Integer> overlay) {
        this.values = values;
        this.size = size;
        this.base = base;
        this.overlay = overlay;
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
        Integer code = overlay.get(s);
        if (code == null) {
            code = base.get(s);
        }
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
        private final Map<String, Integer> base;
        private final HashMap<String, Integer> added;
        private String[] values;
        private int size;

        Builder(StringDictionary from) {
            this.base = from.base;
            this.added = new HashMap<>(from.overlay);
            this.values = Arrays.copyOf(from.values, Math.max(16, from.size + from.size / 4));
            this.size = from.size;
        }

        int intern(String s) {
            if (s == null) {
                return NULL;
            }
            Integer code = added.get(s);
            if (code == null) {
                code = base.get(s);
            }
            if (code != null) {
                return code;
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size] = s;
            added.put(s, size);
            return size++;
        }

        StringDictionary build() {
            String[] trimmed = Arrays.copyOf(values, size);
            if (added.size() > Math.max(MIN_FOLD, base.size() / 8)) {
                HashMap<String, Integer> all = new HashMap<>(base);
                all.putAll(added);
                return new StringDictionary(trimmed, size, Map.copyOf(all), Map.of());
            }
            return new StringDictionary(trimmed, size, base, Map.copyOf(added));
        }
    }
}
