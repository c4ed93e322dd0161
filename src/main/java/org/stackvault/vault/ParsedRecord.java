package org.stackvault.vault;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The fields of one processor record that the vault keeps (what the original dashboard
 * keeps in its CompactRecord, plus author_email), pulled out of the decoded dict.
 * Transient: lives only between decoding and interning.
 */
record ParsedRecord(
        int recordId,
        RecordType type,
        long primaryKeyHash,
        String company,
        String module,
        String userId,
        String release,
        long date,
        int week,
        String authorName,
        String authorEmail,
        long loc,
        String markType,
        boolean disagreement,
        Object value,
        String status,
        List<String> blueprintIds) {

    static final String ROBOTS = "*robots";
    /** 2000-01-01: no activity the processor collects is older. */
    static final long MIN_DATE = 946684800L;
    /** 2100-01-01: later dates are garbage; they would stretch timelines and overflow week numbers. */
    static final long MAX_DATE = 4102444800L;

    /**
     * Parses a decoded record dict.
     *
     * @throws MalformedRecordException when a field the vault needs is missing or of the wrong type
     */
    static ParsedRecord of(Object decoded) {
        if (!(decoded instanceof Map<?, ?> map)) {
            throw new MalformedRecordException("not-a-dict", "record is not a dict");
        }
        Fields f = new Fields();
        // one pass over the record's ~20 fields instead of a lookup per field kept
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getKey() instanceof String key) {
                f.take(key, e.getValue());
            }
        }
        RecordType type = f.recordType instanceof String s ? RecordType.of(s) : null;
        if (type == null || type == RecordType.NONE) {
            throw new MalformedRecordException("unknown-type", "unknown record_type " + f.recordType);
        }
        long date = requiredLong(f.date, "date");
        if (date < MIN_DATE || date >= MAX_DATE) {
            throw new MalformedRecordException(
                    "date-out-of-range", "record date " + date + " is not between 2000 and 2100");
        }
        int week = f.week instanceof Number n ? n.intValue() : (int) Math.floorDiv(date - 3 * 86400L, 7 * 86400L);
        return new ParsedRecord(
                (int) requiredLong(f.recordId, "record_id"),
                type,
                primaryKeyHash(text(f.primaryKey)),
                text(f.company),
                text(f.module),
                text(f.userId),
                lower(text(f.release)),
                date,
                week,
                text(f.authorName),
                text(f.authorEmail),
                f.loc instanceof Number n ? n.longValue() : 0,
                text(f.markType),
                Boolean.TRUE.equals(f.disagreement),
                value(f.value),
                text(f.status),
                blueprints(f.blueprintIds));
    }

    /** The raw values of the fields the vault keeps. */
    private static final class Fields {
        Object recordType;
        Object recordId;
        Object primaryKey;
        Object company;
        Object module;
        Object userId;
        Object release;
        Object date;
        Object week;
        Object authorName;
        Object authorEmail;
        Object loc;
        Object markType;
        Object disagreement;
        Object value;
        Object status;
        Object blueprintIds;

        void take(String key, Object v) {
            switch (key) {
                case "record_type" -> recordType = v;
                case "record_id" -> recordId = v;
                case "primary_key" -> primaryKey = v;
                case "company_name" -> company = v;
                case "module" -> module = v;
                case "user_id" -> userId = v;
                case "release" -> release = v;
                case "date" -> date = v;
                case "week" -> week = v;
                case "author_name" -> authorName = v;
                case "author_email" -> authorEmail = v;
                case "loc" -> loc = v;
                case "type" -> markType = v;
                case "disagreement" -> disagreement = v;
                case "value" -> value = v;
                case "status" -> status = v;
                case "blueprint_id" -> blueprintIds = v;
                default -> {
                    // a field the vault does not keep
                }
            }
        }
    }

    /**
     * Computes on the decoding thread what the single building thread would otherwise
     * compute: the primary key's hash, and the String hash codes of the values it interns
     * (a String caches its hash).
     */
    ParsedRecord {
        hashAll(company, module, userId, release, authorName, authorEmail, markType, status);
        if (value instanceof String s) {
            s.hashCode();
        }
        for (String bp : blueprintIds) {
            bp.hashCode();
        }
    }

    private static void hashAll(String... values) {
        for (String s : values) {
            if (s != null) {
                s.hashCode();
            }
        }
    }

    private static long primaryKeyHash(String primaryKey) {
        return primaryKey == null ? 0 : PrimaryKeys.hash(primaryKey);
    }

    /** Robots' records are kept only for patches and reviews, as the original does. */
    boolean kept() {
        return !ROBOTS.equals(company) || type == RecordType.PATCH || type == RecordType.REVIEW;
    }

    private static long requiredLong(Object v, String field) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new MalformedRecordException("bad-" + field, "record has no integer " + field + " (" + v + ")");
    }

    static String text(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        return String.valueOf(v);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static Object value(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        return text(v);
    }

    private static List<String> blueprints(Object v) {
        if (v instanceof Collection<?> c && !c.isEmpty()) {
            return c.stream().map(ParsedRecord::text).filter(s -> s != null).toList();
        }
        return List.of();
    }
}
