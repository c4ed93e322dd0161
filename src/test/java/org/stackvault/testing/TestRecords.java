package org.stackvault.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builders of processor records for tests, with the field names and types the processor
 * writes: {@code TestRecords.commit().company("IBM").module("nova").date(...)}.
 */
public final class TestRecords {
    /** 2019-05-01 00:00:00 UTC, inside the test releases' 'stein'..'train' range. */
    public static final long DEFAULT_DATE = 1556668800L;

    private TestRecords() {}

    public static Builder commit() {
        return new Builder("commit")
                .set("loc", 10L)
                .set("lines_added", 9L)
                .set("lines_deleted", 1L)
                .set(
                        "message",
                        "Fix a bug\n\nCloses-Bug: #1212953\nChange-Id: I33f0f37b6460dc494abf2520dc109c9893ace9e6\n")
                .set("subject", "Fix a bug")
                .set("branches", new LinkedHashSet<>(Set.of("master")))
                .set("commit_date", DEFAULT_DATE);
    }

    public static Builder mark() {
        return new Builder("mark")
                .set("type", "Code-Review")
                .set("value", 2L)
                .set("patch", 1L)
                .set("review_id", "I0000000000000000000000000000000000000001")
                .set("branch", "master");
    }

    public static Builder review() {
        return new Builder("review")
                .set("status", "MERGED")
                .set("value", 1L)
                .set("branch", "master")
                .set("subject", "A change");
    }

    public static Builder patch() {
        return new Builder("patch").set("number", "1").set("branch", "master");
    }

    public static Builder email() {
        return new Builder("email")
                .set("subject", "[nova] a question")
                .set("bug_id", List.of())
                .set("blueprint_id", List.of());
    }

    public static Builder of(String recordType) {
        return new Builder(recordType);
    }

    /** A record under construction; {@link #build(long)} gives the dict for slot {@code recordId}. */
    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        Builder(String recordType) {
            fields.put("record_type", recordType);
            fields.put("primary_key", recordType + ":" + System.identityHashCode(this) + ":" + System.nanoTime());
            fields.put("company_name", "IBM");
            fields.put("module", "nova");
            fields.put("user_id", "john_doe");
            fields.put("author_name", "John Doe");
            fields.put("author_email", "john_doe@ibm.com");
            fields.put("release", "train");
            date(DEFAULT_DATE);
        }

        public Builder set(String field, Object value) {
            fields.put(field, value);
            return this;
        }

        public Builder company(String company) {
            return set("company_name", company);
        }

        public Builder module(String module) {
            return set("module", module);
        }

        public Builder user(String userId, String authorName) {
            return set("user_id", userId).set("author_name", authorName);
        }

        public Builder release(String release) {
            return set("release", release);
        }

        public Builder primaryKey(String key) {
            return set("primary_key", key);
        }

        /** Sets {@code date} and the matching {@code week}. */
        public Builder date(long seconds) {
            fields.put("date", seconds);
            fields.put("week", Math.floorDiv(seconds - 3 * 86400L, 7 * 86400L));
            return this;
        }

        public Map<String, Object> build(long recordId) {
            Map<String, Object> record = new LinkedHashMap<>(fields);
            record.put("record_id", recordId);
            return record;
        }
    }

    /**
     * The original's {@code test_api._generate_commits()}: a fresh commit dict with the same
     * fields and values, new random {@code commit_id} and {@code primary_key}.
     */
    public static Map<String, Object> originalCommit() {
        Map<String, Object> commit = new LinkedHashMap<>();
        commit.put("commit_id", uuid());
        commit.put("lines_added", 9L);
        commit.put("module", "nova");
        commit.put("record_type", "commit");
        commit.put("message", "Closes bug 1212953\n\nChange-Id: I33f0f37b6460dc494abf2520dc109c9893ace9e6\n");
        commit.put("subject", "Fixed affiliation of Edgar and Sumit");
        commit.put("loc", 10L);
        commit.put("user_id", "john_doe");
        commit.put("primary_key", uuid());
        commit.put("author_email", "john_doe@ibm.com");
        commit.put("company_name", "IBM");
        commit.put("lines_deleted", 1L);
        commit.put("week", 2275L);
        commit.put("blueprint_id", null);
        commit.put("bug_id", "1212953");
        commit.put("files_changed", 1L);
        commit.put("author_name", "John Doe");
        commit.put("date", 1376737923L);
        commit.put("launchpad_id", "john_doe");
        commit.put("branches", new LinkedHashSet<>(Set.of("master")));
        commit.put("change_id", "I33f0f37b6460dc494abf2520dc109c9893ace9e6");
        commit.put("release", "icehouse");
        return commit;
    }

    /**
     * The original's {@code test_api._generate_marks()}: a fresh Workflow +1 mark, new random
     * {@code primary_key} (ending in {@code Workflow}) and {@code review_id}.
     */
    public static Map<String, Object> originalMark() {
        Map<String, Object> mark = new LinkedHashMap<>();
        mark.put("launchpad_id", "john_doe");
        mark.put("week", 2294L);
        mark.put("user_id", "john_doe");
        mark.put("description", "Approved");
        mark.put("author_name", "John Doe");
        mark.put("author_email", "john_doe@gmail.com");
        mark.put("primary_key", uuid() + "Workflow");
        mark.put("module", "glance");
        mark.put("patch", 2L);
        mark.put("record_type", "mark");
        mark.put("company_name", "*independent");
        mark.put("branch", "master");
        mark.put("date", 1387860458L);
        mark.put("record_id", 37184L);
        mark.put("release", "icehouse");
        mark.put("value", 1L);
        mark.put("type", "Workflow");
        mark.put("review_id", uuid());
        return mark;
    }

    /**
     * The original's {@code test_api._generate_review()}: a fresh open review, new random
     * {@code id}; its {@code primary_key} is the same fixed Change-Id every time, as there.
     */
    public static Map<String, Object> originalReview() {
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("status", "NEW");
        review.put("review_number", 6L);
        review.put("number", "60721");
        review.put("module", "glance");
        review.put("topic", "bug/1258999");
        review.put("record_type", "review");
        review.put("value", -2L);
        review.put("open", true);
        review.put("id", uuid());
        review.put("subject", "Adding missing copy_from policy from policy.json");
        review.put("user_id", "john_doe");
        review.put("primary_key", "Ibc0d1fa7626629c28c514514a985a6b89db2ac69");
        review.put("author_email", "john_doe@gmail.com");
        review.put("company_name", "*independent");
        review.put("branch", "master");
        review.put("launchpad_id", "john_doe");
        review.put("lastUpdated", 1387865203L);
        review.put("author_name", "John Doe");
        review.put("date", 1386547707L);
        review.put("url", "https://review.openstack.org/60721");
        review.put("sortKey", "0029f92e0000ed31");
        review.put("project", "openstack/glance");
        review.put("week", 2292L);
        review.put("release", "icehouse");
        review.put("updated_on", 1387865147L);
        return review;
    }

    private static String uuid() {
        return java.util.UUID.randomUUID().toString();
    }

    /**
     * The original's {@code test_api.algebraic_product(**kwargs)}: one dict per combination
     * of the values, in {@code itertools.product} order (keys in the map's order, the last
     * key varying fastest).
     */
    public static List<Map<String, Object>> algebraicProduct(Map<String, ? extends List<?>> kwargs) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, ? extends List<?>> e : kwargs.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (Object value : e.getValue()) {
                    Map<String, Object> combination = new LinkedHashMap<>(partial);
                    combination.put(e.getKey(), value);
                    next.add(combination);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * The original's {@code test_api.make_records(**kwargs)}, keyword arguments in call order:
     * {@code makeRecords().with("record_type", "commit").with("loc", 10, 20, 30)}.
     */
    public static Generator makeRecords() {
        return new Generator();
    }

    /**
     * The records {@code make_records(**kwargs)} generates: for each {@code record_type} that
     * has a generator (commit, mark, review), one fresh record per combination of
     * {@link #algebraicProduct}, updated with that combination. Ints are stored as longs.
     */
    public static final class Generator {
        private static final Map<String, java.util.function.Supplier<Map<String, Object>>> GENERATORS = Map.of(
                "commit", TestRecords::originalCommit,
                "mark", TestRecords::originalMark,
                "review", TestRecords::originalReview);

        private final Map<String, List<Object>> kwargs = new LinkedHashMap<>();

        Generator() {}

        /** Adds the keyword argument {@code key=[values...]}. */
        public Generator with(String key, Object... values) {
            List<Object> list = new ArrayList<>(values.length);
            for (Object v : values) {
                list.add(v instanceof Integer i ? (Object) i.longValue() : v);
            }
            kwargs.put(key, list);
            return this;
        }

        /** A new list of freshly generated records (new random ids on every call). */
        public List<Map<String, Object>> records() {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object recordType : kwargs.getOrDefault("record_type", List.of())) {
                java.util.function.Supplier<Map<String, Object>> generator = GENERATORS.get(recordType);
                if (generator == null) {
                    continue;
                }
                for (Map<String, Object> values : algebraicProduct(kwargs)) {
                    Map<String, Object> record = generator.get();
                    record.putAll(values);
                    out.add(record);
                }
            }
            return out;
        }
    }

    /** Records for slots 0..n-1. */
    public static List<Map<String, Object>> numbered(List<Builder> builders) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < builders.size(); i++) {
            out.add(builders.get(i).build(i));
        }
        return out;
    }
}
