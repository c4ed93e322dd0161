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

    private TestRecords() {
    }

    public static Builder commit() {
        return new Builder("commit").set("loc", 10L).set("lines_added", 9L).set("lines_deleted", 1L)
                .set("message", "Fix a bug\n\nCloses-Bug: #1212953\nChange-Id: I33f0f37b6460dc494abf2520dc109c9893ace9e6\n")
                .set("subject", "Fix a bug").set("branches", new LinkedHashSet<>(Set.of("master")))
                .set("commit_date", DEFAULT_DATE);
    }

    public static Builder mark() {
        return new Builder("mark").set("type", "Code-Review").set("value", 2L).set("patch", 1L)
                .set("review_id", "I0000000000000000000000000000000000000001").set("branch", "master");
    }

    public static Builder review() {
        return new Builder("review").set("status", "MERGED").set("value", 1L).set("branch", "master")
                .set("subject", "A change");
    }

    public static Builder patch() {
        return new Builder("patch").set("number", "1").set("branch", "master");
    }

    public static Builder email() {
        return new Builder("email").set("subject", "[nova] a question").set("bug_id", List.of())
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

    /** Records for slots 0..n-1. */
    public static List<Map<String, Object>> numbered(List<Builder> builders) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < builders.size(); i++) {
            out.add(builders.get(i).build(i));
        }
        return out;
    }
}
