package org.stackvault.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stackvault.vault.RecordTable;
import org.stackvault.vault.RecordType;
import org.stackvault.vault.Vault;

/**
 * Endpoints that show whole records, fetched from the runtime storage by key on demand
 * (the vault keeps only compact fields): the activity log, members, blueprints.
 * Stateless.
 *
 * <p>The work of one request is bounded even when the source lost records (memcached
 * restarted empty after the vault was built): a request that finds more than
 * {@link #MAX_MISSING} of the records it reads missing answers 503 instead of scanning on.
 */
public final class FullRecordQuery {
    public static final int MAX_PAGE_SIZE = 1000;
    /** Records one request may find missing from the source before it gives up. */
    static final int MAX_MISSING = 100;
    /** The most full records one bulk read of the activity log asks for. */
    private static final int MAX_BATCH = 1000;

    private FullRecordQuery() {}

    /**
     * {@code /activity}: the selected records newest first, from {@code startRecord}, at most
     * {@code pageSize}, each extended as the original's {@code extend_record} (links, dates,
     * parent review and patch of marks). Marks whose review or patch is unknown are left out.
     *
     * @param queryMessage when set, only commits whose message contains it (case-insensitive)
     */
    public static List<Map<String, Object>> activity(
            Vault vault, Selection selection, int startRecord, int pageSize, String queryMessage, Links links) {
        RecordTable t = vault.records();
        List<Map<String, Object>> result = new ArrayList<>(Math.min(pageSize, 64));
        int skip = startRecord;
        String needle = queryMessage == null || queryMessage.isEmpty() ? null : queryMessage.toLowerCase(Locale.ROOT);
        NewestFirst order = new NewestFirst(vault, selection);
        Fetcher fetcher = new Fetcher(vault);
        int fetchSize = 0;
        while (result.size() < pageSize && order.hasNext()) {
            int needed = needle == null ? pageSize - result.size() : 256;
            long want = Math.max(needed, fetchSize) + (needle == null ? (long) skip : 0L);
            int[] batch = order.next((int) Math.max(1, Math.min(Integer.MAX_VALUE, want)));
            List<Integer> rows = new ArrayList<>(batch.length);
            for (int row : batch) {
                if (needle == null && skip > 0) {
                    skip--;
                    continue;
                }
                if (needle == null || t.type(row) == RecordType.COMMIT) {
                    rows.add(row);
                }
            }
            // read in slices (a batch holds every record of its dates, maybe thousands); a slice
            // that did not fill the page (records left out or missing) makes the next one bigger
            for (int from = 0; from < rows.size() && result.size() < pageSize; from += fetchSize) {
                fetchSize =
                        Math.max(needle == null ? pageSize - result.size() : 256, Math.min(MAX_BATCH, fetchSize * 2));
                List<Integer> slice = rows.subList(from, Math.min(rows.size(), from + fetchSize));
                Map<Integer, Map<?, ?>> records =
                        fetcher.fetch(slice.stream().mapToInt(Integer::intValue).toArray());
                Map<Integer, Map<?, ?>> parents = fetchParents(vault, fetcher, records.values());
                for (int row : slice) {
                    Map<?, ?> full = records.get(row);
                    if (full == null) {
                        continue;
                    }
                    if (needle != null) {
                        Object message = full.get("message");
                        if (!(message instanceof String m)
                                || !m.toLowerCase(Locale.ROOT).contains(needle)) {
                            continue;
                        }
                        if (skip > 0) {
                            skip--;
                            continue;
                        }
                    }
                    Map<String, Object> extended = extend(vault, full, parents, links);
                    if (extended != null) {
                        result.add(extended);
                        if (result.size() == pageSize) {
                            break;
                        }
                    }
                }
            }
        }
        return result;
    }

    /**
     * Full records of one request, read in bulk; fails with 503 once more than
     * {@link #MAX_MISSING} of them are missing from the source. Not thread-safe: one per request.
     */
    private static final class Fetcher {
        private final Vault vault;
        private int missing;

        Fetcher(Vault vault) {
            this.vault = vault;
        }

        Map<Integer, Map<?, ?>> fetch(int[] rows) {
            Map<Integer, Map<?, ?>> found = vault.fullRecords(rows);
            missing += rows.length - found.size();
            if (missing > MAX_MISSING) {
                throw new QueryException(
                        503,
                        null,
                        "records missing from the source: " + missing
                                + " of the records this request reads are gone (memcached restarted or evicting?)");
            }
            return found;
        }
    }

    /** Reviews and patch sets the marks and patch sets among {@code records} refer to, by row. */
    private static Map<Integer, Map<?, ?>> fetchParents(Vault vault, Fetcher fetcher, Collection<Map<?, ?>> records) {
        Set<Integer> rows = new HashSet<>();
        for (Map<?, ?> r : records) {
            Object type = r.get("record_type");
            if ("mark".equals(type) || "patch".equals(type)) {
                addRow(vault, rows, text(r.get("review_id")));
            }
            if ("mark".equals(type)) {
                addRow(vault, rows, text(r.get("review_id")) + ":" + text(r.get("patch")));
            }
        }
        return fetcher.fetch(rows.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void addRow(Vault vault, Set<Integer> rows, String primaryKey) {
        int row = vault.rowOfPrimaryKey(primaryKey);
        if (row >= 0) {
            rows.add(row);
        }
    }

    /** The parent record with {@code primaryKey}, verified against the fetched record. */
    private static Map<?, ?> parent(Vault vault, Map<Integer, Map<?, ?>> parents, String primaryKey) {
        int row = vault.rowOfPrimaryKey(primaryKey);
        Map<?, ?> record = row < 0 ? null : parents.get(row);
        return record != null && primaryKey.equals(text(record.get("primary_key"))) ? record : null;
    }

    static String text(Object v) {
        if (v instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        return v == null ? "None" : String.valueOf(v);
    }

    private static Map<String, Object> extend(
            Vault vault, Map<?, ?> full, Map<Integer, Map<?, ?>> parents, Links links) {
        Map<String, Object> record = copy(full);
        extendCommonFields(record, links);
        Object type = record.get("record_type");
        if ("commit".equals(type)) {
            Object branches = record.get("branches");
            if (branches instanceof Collection<?> c) {
                List<String> names = new ArrayList<>();
                c.forEach(b -> names.add(text(b)));
                record.put("branches", String.join(",", names));
            }
            record.putIfAbsent("correction_comment", "");
            Object host = record.get("gerrit_hostname");
            record.put(
                    "message",
                    TextFormat.commitMessage(
                            text(record.get("message")),
                            text(record.get("module")),
                            host == null ? "review.openstack.org" : text(host)));
            if (record.get("commit_date") instanceof Number n && n.longValue() != 0) {
                record.put("commit_date_str", Dates.formatDateTime(n.longValue()));
            }
        } else if ("mark".equals(type)) {
            String reviewId = text(record.get("review_id"));
            Map<?, ?> review = parent(vault, parents, reviewId);
            Map<?, ?> patch = parent(vault, parents, reviewId + ":" + text(record.get("patch")));
            if (review == null || patch == null) {
                return null;
            }
            addParent(record, review, "parent_", links);
            addParent(record, patch, "patch_", links);
        } else if ("patch".equals(type)) {
            Map<?, ?> review = parent(vault, parents, text(record.get("review_id")));
            if (review == null) {
                return null;
            }
            addParent(record, review, "parent_", links);
        } else if ("email".equals(type)) {
            if (record.get("email_link") == null || "".equals(record.get("email_link"))) {
                record.put("email_link", "");
            }
            List<String> bpLinks = new ArrayList<>();
            if (record.get("blueprint_id") instanceof Collection<?> ids) {
                for (Object id : ids) {
                    String[] parts = text(id).split(":", 2);
                    bpLinks.add(TextFormat.blueprintLink(parts[0], parts.length > 1 ? parts[1] : ""));
                }
            }
            record.put("blueprint_links", bpLinks);
        } else if ("bpd".equals(type) || "bpc".equals(type)) {
            record.put("summary", TextFormat.formatText(text(record.get("summary"))));
            if (record.get("mention_count") instanceof Number n
                    && n.longValue() != 0
                    && record.get("mention_date") instanceof Number date) {
                record.put("mention_date_str", Dates.formatDateTime(date.longValue()));
            }
            record.put(
                    "blueprint_link", TextFormat.blueprintLink(text(record.get("module")), text(record.get("name"))));
        } else if ("bugr".equals(type) || "bugf".equals(type)) {
            String webLink = text(record.get("web_link"));
            record.put("number", webLink.substring(webLink.lastIndexOf('/') + 1));
            record.put("title", TextFormat.bugTitle(text(record.get("title"))));
            record.put("status_class", TextFormat.removeWhitespace(text(record.get("status"))));
        } else if ("tr".equals(type) && record.get("date") instanceof Number date) {
            record.put("date_str", Dates.formatDate(date.longValue()));
        }
        return record;
    }

    private static void addParent(Map<String, Object> record, Map<?, ?> parent, String prefix, Links links) {
        Map<String, Object> extended = copy(parent);
        extendCommonFields(extended, links);
        extended.forEach((k, v) -> record.put(prefix + k, v));
    }

    private static Map<String, Object> copy(Map<?, ?> full) {
        Map<String, Object> record = new LinkedHashMap<>();
        full.forEach((k, v) -> record.put(text(k), v instanceof byte[] b ? text(b) : v));
        return record;
    }

    private static void extendAuthor(Map<String, Object> record, Links links) {
        String author = nullableText(record.get("author_name"));
        String company = nullableText(record.get("company_name"));
        record.put("author_link", links.link(author, "user_id", nullableText(record.get("user_id")), "company", ""));
        record.put("company_link", links.link(company, "company", company, "user_id", ""));
    }

    private static String nullableText(Object v) {
        return v == null ? null : text(v);
    }

    private static void extendCommonFields(Map<String, Object> record, Links links) {
        extendAuthor(record, links);
        if (record.get("date") instanceof Number date) {
            record.put("date_str", Dates.formatDateTime(date.longValue()));
        }
        String module = nullableText(record.get("module"));
        record.put("module_link", links.link(module, "module", module, "company", "", "user_id", ""));
        record.put("blueprint_id_count", length(record.get("blueprint_id")));
        record.put("bug_id_count", length(record.get("bug_id")));
        if (record.get("coauthor") instanceof Collection<?> coauthors) {
            List<Object> extended = new ArrayList<>();
            for (Object c : coauthors) {
                if (c instanceof Map<?, ?> m) {
                    Map<String, Object> coauthor = copy(m);
                    extendAuthor(coauthor, links);
                    extended.add(coauthor);
                } else {
                    extended.add(c);
                }
            }
            record.put("coauthor", extended);
        }
    }

    /** Python's len() of a list or string field; 0 when absent. */
    private static int length(Object v) {
        if (v instanceof Collection<?> c) {
            return c.size();
        }
        if (v instanceof String s) {
            return s.codePointCount(0, s.length());
        }
        return 0;
    }

    /** {@code /members}: the selected records, all member records, newest first. */
    public static List<Member> members(Vault vault, Selection selection) {
        RecordTable t = vault.records();
        int[] rows = NewestFirst.all(vault, selection);
        Map<Integer, Map<?, ?>> records = new Fetcher(vault).fetch(rows);
        List<Integer> found = new ArrayList<>();
        for (int row : rows) {
            if (records.containsKey(row)) {
                found.add(row);
            }
        }
        return Python.addIndex(found, (index, row) -> {
            Map<?, ?> full = records.get(row);
            return new Member(
                    index,
                    asStored(full.get("author_name")),
                    asStored(full.get("date")),
                    asStored(full.get("company_name")),
                    asStored(full.get("member_uri")),
                    Dates.formatDate(t.date(row)));
        });
    }

    /** A stored value as the answers show it: bytes as text, anything else as it is. */
    private static Object asStored(Object v) {
        return v instanceof byte[] ? text(v) : v;
    }

    /** {@code /stats/bp}: drafted and completed blueprints by how often they are mentioned. */
    public static List<BlueprintStat> blueprints(Vault vault, Selection selection) {
        RecordTable t = vault.records();
        List<Integer> bpRows = new ArrayList<>();
        for (int row : selection.rows()) {
            RecordType type = t.type(row);
            if (type == RecordType.BPD || type == RecordType.BPC) {
                bpRows.add(row);
            }
        }
        Map<Integer, Map<?, ?>> records = new Fetcher(vault)
                .fetch(bpRows.stream().mapToInt(Integer::intValue).toArray());
        List<Map<?, ?>> found = new ArrayList<>();
        for (int row : bpRows) {
            Map<?, ?> full = records.get(row);
            if (full != null) {
                found.add(full);
            }
        }
        Python.sortByMetricDescending(found, FullRecordQuery::mentionCount);
        return Python.addIndex(found, (index, full) -> {
            String name = nullableText(full.get("name"));
            Object mentionDate = full.get("mention_date");
            String date =
                    mentionDate instanceof Number n && n.longValue() != 0 ? Dates.formatDate(n.longValue()) : "never";
            return new BlueprintStat(
                    index,
                    name,
                    name,
                    date,
                    nullableText(full.get("lifecycle_status")),
                    mentionCount(full),
                    TextFormat.blueprintLink(text(full.get("module")), text(full.get("name"))),
                    text(full.get("module")));
        });
    }

    private static long mentionCount(Map<?, ?> blueprint) {
        return blueprint.get("mention_count") instanceof Number n ? n.longValue() : 0L;
    }
}
