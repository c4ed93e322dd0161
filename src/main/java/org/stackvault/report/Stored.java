package org.stackvault.report;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stackvault.vault.Vault;

/** Fields of full records as the processor stored them (text as str or bytes, numbers as int or long). Stateless. */
final class Stored {
    /** The most full records one bulk read asks for. */
    private static final int BATCH = 1000;

    private Stored() {}

    /** A text field, or null when absent. */
    static String text(Object v) {
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return v == null ? null : String.valueOf(v);
    }

    /** A whole-number field, or null when absent or not a number. */
    static Long number(Object v) {
        return v instanceof Number n ? n.longValue() : null;
    }

    /** Full records of {@code rows}, read in slices; rows gone from the source are missing. */
    static Map<Integer, Map<?, ?>> fetch(Vault vault, int[] rows) {
        Map<Integer, Map<?, ?>> all = new HashMap<>();
        for (int from = 0; from < rows.length; from += BATCH) {
            all.putAll(vault.fullRecords(Arrays.copyOfRange(rows, from, Math.min(rows.length, from + BATCH))));
        }
        return all;
    }

    static int[] toArray(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }
}
