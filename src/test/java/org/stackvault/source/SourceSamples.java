package org.stackvault.source;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Java values the source layer must produce for the fixtures of {@code src/test/python}
 * (written out by hand, independently of the code under test), and a strict comparison.
 */
final class SourceSamples {
    static final String NAME = "\u0141ukasz \u017b\u00f3\u0142\u0107"; // Łukasz Żółć
    static final String CJK = "\u674e\u5c0f\u9f8d \u30c6\u30b9\u30c8"; // 李小龍 テスト

    private SourceSamples() {}

    /** {@code sample_record()} of pickle_fixtures.py, decoded. */
    static Map<Object, Object> record() {
        Map<Object, Object> r = new LinkedHashMap<>();
        r.put("author_name", NAME);
        r.put("title", CJK);
        r.put("emoji", "ok \uD83D\uDE00");
        r.put("escapes", "a\\b\n'\"\r\u0000");
        r.put("loc", 42L);
        r.put("delta", -7L);
        r.put("date", (1L << 31) + 5);
        r.put("max_long", Long.MAX_VALUE);
        r.put("min_long", Long.MIN_VALUE);
        r.put("huge", BigInteger.TWO.pow(63).add(BigInteger.valueOf(7)));
        r.put("negative_huge", BigInteger.TWO.pow(70).negate());
        r.put("merged", true);
        r.put("abandoned", false);
        r.put("blueprint_id", null);
        r.put("ratio", 0.25);
        r.put("files", List.of("a.py", "b.py"));
        r.put("core", List.of("nova", "master"));
        r.put("branches", Set.of("master", "stable/ocata"));
        r.put("nested", Map.of("inner", Map.of("n", 1L, "ids", List.of(1L, 2L))));
        r.put("raw", new byte[] {0, (byte) 0xc5, (byte) 0x81, (byte) 0xff});
        r.put("releases", Map.of("ocata", Set.of("nova", "glance"), "pike", Set.of()));
        r.put("by_id", Map.of(1L, "one", 1L << 40, "big"));
        return r;
    }

    /** {@code sample_dump_pairs()} of pickle_fixtures.py, as DumpFile entries. */
    static List<DumpFile.Entry> dumpPairs() {
        Map<String, Object> jorg = new LinkedHashMap<>();
        jorg.put("user_id", "jorg");
        jorg.put("emails", List.of("j\u00f6rg@example.com"));
        jorg.put("companies", List.of(Map.of("company_name", "*independent", "end_date", 0L)));
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("id", "openstack-official");
        group.put("module_group_name", "openstack-official");
        group.put("modules", List.of("nova"));
        group.put("tag", "group");
        group.put("releases", Map.of("ocata", Set.of("nova")));
        return List.of(
                new DumpFile.Entry("record:count", 2L),
                new DumpFile.Entry(
                        "record:0",
                        Map.of(
                                "record_id",
                                0L,
                                "record_type",
                                "commit",
                                "author_name",
                                NAME,
                                "date",
                                1276680378L,
                                "branches",
                                Set.of("master"),
                                "loc",
                                15L)),
                new DumpFile.Entry(
                        "record:1",
                        Map.of(
                                "record_id",
                                1L,
                                "record_type",
                                "mark",
                                "value",
                                -1L,
                                "type",
                                "Code-Review",
                                "disagreement",
                                false,
                                "date",
                                (1L << 31) + 1)),
                new DumpFile.Entry("user:j\u00f6rg@example.com", jorg),
                new DumpFile.Entry("pids", Set.of(1234L, 5678L)),
                new DumpFile.Entry(
                        "releases",
                        List.of(
                                Map.of("release_name", "prehistory", "end_date", 1262304000L),
                                Map.of("release_name", "ocata", "end_date", 1487203200L))),
                new DumpFile.Entry("module_groups", Map.of("openstack-official", group)),
                new DumpFile.Entry("runtime_storage_update_time", 1569801600L));
    }

    /** Something that may throw anything, Errors included. */
    @FunctionalInterface
    interface Action {
        void run() throws Throwable;
    }

    /**
     * Fails unless {@code action} throws one of {@code allowed}. Catches every Throwable itself
     * (JUnit's assertThrows re-throws an OutOfMemoryError, which would end the test JVM), so a
     * wrong exception is reported as a plain test failure naming it.
     */
    static Throwable assertFailsWith(Action action, String message, Class<?>... allowed) {
        Throwable thrown = null;
        try {
            action.run();
        } catch (Throwable t) {
            thrown = t;
        }
        if (thrown == null) {
            fail(message + ": nothing was thrown; expected " + Arrays.toString(allowed));
        }
        for (Class<?> type : allowed) {
            if (type.isInstance(thrown)) {
                return thrown;
            }
        }
        throw new AssertionError(
                message + ": expected " + Arrays.toString(allowed) + " but " + thrown + " was thrown", thrown);
    }

    static byte[] resource(String name) {
        try (InputStream in = SourceSamples.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new AssertionError("test resource " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<Object, Object> mapOf(Object... keysAndValues) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static List<Object> listOf(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    static Set<Object> setOf(Object... values) {
        return new LinkedHashSet<>(Arrays.asList(values));
    }

    /**
     * Fails unless {@code actual} is {@code expected} with the same Java types: {@code Long}
     * is not {@code Integer}, a {@code List} is not a {@code Set}; {@code byte[]} compare by content.
     */
    static void assertDeepEquals(Object expected, Object actual) {
        List<String> problems = new ArrayList<>();
        compare("", expected, actual, problems);
        if (!problems.isEmpty()) {
            fail(problems.size() + " difference(s):\n  "
                    + String.join("\n  ", problems.subList(0, Math.min(20, problems.size()))));
        }
    }

    private static void compare(String path, Object expected, Object actual, List<String> problems) {
        String at = path.isEmpty() ? "(top)" : path;
        if (expected == null || actual == null) {
            if (expected != actual) {
                problems.add(at + ": expected " + describe(expected) + " but was " + describe(actual));
            }
            return;
        }
        if (expected instanceof Map<?, ?> e) {
            if (!(actual instanceof Map<?, ?> a)) {
                problems.add(at + ": expected a Map but was " + describe(actual));
                return;
            }
            if (!e.keySet().equals(a.keySet())) {
                problems.add(at + ": keys " + a.keySet() + " instead of " + e.keySet());
            }
            for (Map.Entry<?, ?> entry : e.entrySet()) {
                if (a.containsKey(entry.getKey())) {
                    compare(path + "[" + entry.getKey() + "]", entry.getValue(), a.get(entry.getKey()), problems);
                }
            }
            return;
        }
        if (expected instanceof List<?> e) {
            if (!(actual instanceof List<?> a) || a.size() != e.size()) {
                problems.add(at + ": expected a List of " + e.size() + " but was " + describe(actual));
                return;
            }
            for (int i = 0; i < e.size(); i++) {
                compare(path + "[" + i + "]", e.get(i), a.get(i), problems);
            }
            return;
        }
        if (expected instanceof Set<?> e) {
            if (!(actual instanceof Set<?> a) || !a.equals(e)) {
                problems.add(at + ": expected the Set " + e + " but was " + describe(actual));
                return;
            }
            for (Object element : a) {
                if (element != null && !isScalar(element)) {
                    problems.add(at + ": a set holds a " + element.getClass().getSimpleName());
                }
            }
            return;
        }
        if (expected instanceof byte[] e) {
            if (!(actual instanceof byte[] a) || !Arrays.equals(e, a)) {
                problems.add(at + ": expected bytes " + Arrays.toString(e) + " but was " + describe(actual));
            }
            return;
        }
        if (expected.getClass() != actual.getClass() || !expected.equals(actual)) {
            problems.add(at + ": expected " + describe(expected) + " but was " + describe(actual));
        }
    }

    private static boolean isScalar(Object value) {
        return value instanceof String
                || value instanceof Long
                || value instanceof BigInteger
                || value instanceof Boolean
                || value instanceof Double;
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[] b) {
            return "byte[]" + Arrays.toString(b);
        }
        return value.getClass().getSimpleName() + " " + value;
    }
}
