package org.stackvault.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/** Small pieces of Python semantics the answers depend on. Stateless. */
final class Python {
    private Python() {}

    /** {@code '%.1f%%' % x}: correctly rounded (half-even on the exact binary value), as CPython prints. */
    static String percent1(double x) {
        double tenths = x * 10;
        double rounded = Math.rint(tenths);
        // far from a tie the nearest tenth is plain rounding; only near x.x5 does the exact
        // binary value decide, as CPython's correctly rounded formatting does
        if (Math.abs(Math.abs(tenths - rounded) - 0.5) > 1e-6 && Math.abs(x) < 1e15) {
            long r = (long) rounded;
            long abs = Math.abs(r);
            return (r < 0 ? "-" : "") + abs / 10 + "." + abs % 10 + "%";
        }
        return new BigDecimal(x).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }

    /** {@code str.capitalize()}: first character upper case, the rest lower case. */
    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        int n = Character.charCount(first);
        return new StringBuilder()
                .appendCodePoint(Character.toTitleCase(first))
                .append(s.substring(n).toLowerCase(java.util.Locale.ROOT))
                .toString();
    }

    /** Python's string order: by code point (Java's compareTo orders UTF-16 units). */
    static final Comparator<String> STRING_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    /** Builds the item of a numbered list at {@code index} from its source. */
    @FunctionalInterface
    interface Numbered<T, R> {
        R item(int index, T source);
    }

    /**
     * The original's {@code add_index}: an item for each source in order, numbered from 1;
     * sources {@code unnumbered} accepts get index 0 and do not take a number.
     */
    static <T, R> List<R> addIndex(List<T> sources, Predicate<T> unnumbered, Numbered<T, R> item) {
        List<R> items = new ArrayList<>(sources.size());
        int n = 1;
        for (T source : sources) {
            items.add(item.item(unnumbered.test(source) ? 0 : n++, source));
        }
        return items;
    }

    static <T, R> List<R> addIndex(List<T> sources, Numbered<T, R> item) {
        return addIndex(sources, source -> false, item);
    }

    /** Sorts by {@code metric} descending, keeping the order of equal metrics (Python's stable sort). */
    static <T> void sortByMetricDescending(List<T> items, ToLongFunction<T> metric) {
        items.sort(Comparator.comparingLong(metric).reversed());
    }
}
