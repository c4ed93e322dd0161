package org.stackvault.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two JSON answers as the compatibility kit says: key order never counts; lists
 * must hold the same elements in the same order, except that entries of equal
 * {@code metric} (and therefore their {@code index}) may come in any order, and so may
 * activity records of equal {@code date} and lookup entries of equal {@code text}: the
 * original leaves those in the iteration order of a Python set.
 */
public final class JsonCompare {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private JsonCompare() {}

    /** Differences between {@code expected} and {@code actual}; empty when they agree. */
    public static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare(expected, actual, "$", out);
        return out;
    }

    private static void compare(JsonNode e, JsonNode a, String path, List<String> out) {
        if (out.size() > 20) {
            return;
        }
        if (e.isNumber() && a.isNumber()) {
            if (e.decimalValue().compareTo(a.decimalValue()) != 0) {
                out.add(path + ": expected " + e + ", got " + a);
            }
            return;
        }
        if (e.getNodeType() != a.getNodeType()) {
            out.add(path + ": expected " + abbreviate(e) + ", got " + abbreviate(a));
            return;
        }
        if (e.isObject()) {
            Iterator<String> names = e.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!a.has(name)) {
                    out.add(path + "." + name + ": missing (expected " + abbreviate(e.get(name)) + ")");
                } else {
                    compare(e.get(name), a.get(name), path + "." + name, out);
                }
            }
            Iterator<String> actualNames = a.fieldNames();
            while (actualNames.hasNext()) {
                String name = actualNames.next();
                if (!e.has(name)) {
                    out.add(path + "." + name + ": unexpected " + abbreviate(a.get(name)));
                }
            }
        } else if (e.isArray()) {
            if (e.size() != a.size()) {
                out.add(path + ": expected " + e.size() + " elements, got " + a.size());
            }
            String tieKey = tieKey(e);
            if (tieKey != null && e.size() == a.size()) {
                compareWithTies(e, a, path, tieKey, out);
            } else {
                for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
                    compare(e.get(i), a.get(i), path + "[" + i + "]", out);
                }
            }
        } else if (!e.equals(a)) {
            out.add(path + ": expected " + abbreviate(e) + ", got " + abbreviate(a));
        }
    }

    /**
     * The key a list is sorted by, whose ties the original leaves in set or hash order:
     * "metric" for ranked lists, "date" for activity, "text" for lookup lists sorted by
     * name (users of equal name); null for ordinary lists.
     */
    private static String tieKey(JsonNode array) {
        if (array.isEmpty() || !array.get(0).isObject()) {
            return null;
        }
        for (String key : new String[] {"metric", "date", "text"}) {
            boolean all = true;
            for (JsonNode item : array) {
                all &= item.isObject() && item.has(key) && (item.get(key).isNumber() || key.equals("text"));
            }
            if (all && (!key.equals("date") || array.get(0).has("record_type"))) {
                return key;
            }
        }
        return null;
    }

    private static void compareWithTies(JsonNode e, JsonNode a, String path, String key, List<String> out) {
        int i = 0;
        while (i < e.size()) {
            int j = i;
            while (j < e.size() && e.get(j).get(key).equals(e.get(i).get(key))) {
                j++;
            }
            TreeMap<String, Integer> expected = new TreeMap<>();
            TreeMap<String, Integer> actual = new TreeMap<>();
            for (int k = i; k < j; k++) {
                if (!a.get(k).get(key).equals(e.get(k).get(key))) {
                    out.add(path + "[" + k + "]." + key + ": expected "
                            + e.get(k).get(key) + ", got " + a.get(k).get(key));
                    return;
                }
                expected.merge(canonical(e.get(k)), 1, Integer::sum);
                actual.merge(canonical(a.get(k)), 1, Integer::sum);
            }
            if (!expected.equals(actual)) {
                if (j - i == 1) {
                    compare(e.get(i), a.get(i), path + "[" + i + "]", out);
                } else {
                    out.add(path + "[" + i + ".." + (j - 1) + "] (" + key + " "
                            + e.get(i).get(key)
                            + "): elements differ; expected " + first(expected, actual) + " got "
                            + first(actual, expected));
                }
            }
            i = j;
        }
    }

    private static String first(TreeMap<String, Integer> of, TreeMap<String, Integer> notIn) {
        for (Map.Entry<String, Integer> entry : of.entrySet()) {
            if (!entry.getValue().equals(notIn.get(entry.getKey()))) {
                return abbreviate(entry.getKey());
            }
        }
        return "?";
    }

    /** The element with sorted keys and without its rank ({@code index}). */
    private static String canonical(JsonNode node) {
        try {
            Object value = MAPPER.treeToValue(node, Object.class);
            if (value instanceof Map<?, ?> map) {
                map.remove("index");
            }
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 400 ? s.substring(0, 400) + "..." : s;
    }
}
