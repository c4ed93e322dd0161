package org.stackvault.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import org.stackvault.query.Answers;
import org.stackvault.query.Endpoint;
import org.stackvault.query.Link;
import org.stackvault.query.PercentEncoding;
import org.stackvault.query.Queries;
import org.stackvault.query.QueryException;
import org.stackvault.query.RequestParams;
import org.stackvault.report.MessageTokens;
import org.stackvault.vault.Vault;

/**
 * A page of the activity log (ui-spec §2.8), from {@code /api/1.0/activity}'s query with the
 * page's vault: ten records, newest first, each turned into plain values for the template
 * (which escapes them) and links built here from structured values. Texts written by anyone
 * (a commit message) are tokens of text and links, never HTML. Immutable.
 *
 * @param entries the records of this page
 * @param more the next page's address, or null when this page is the last
 */
record ActivityLog(List<Entry> entries, String more) {
    /** Records per page, as the original's "More...". */
    static final int PAGE_SIZE = 10;

    /** Someone named in a record: name, link (the overview for them) and company with its link; initials for the avatar. */
    record Person(String name, String href, String company, String companyHref, String initials) {}

    /**
     * One record: who, when ("d Mon YYYY HH:MM:SS UTC"), where (the module, and the branch when
     * not master), and what (the body by record type).
     */
    record Entry(
            String recordType,
            Person author,
            List<Person> coauthors,
            String date,
            String module,
            String moduleHref,
            String branch,
            Body body) {}

    /** What a record says, by its type. */
    sealed interface Body permits Commit, Mark, Review, Patch, Email, Blueprint, Bug, Member, Translation {}

    /** A commit; {@code commitDate} only when it differs from the record's date. */
    record Commit(
            String subject,
            List<MessageTokens.Token> message,
            String commitDate,
            String correction,
            long added,
            long deleted)
            implements Body {}

    /**
     * A vote on a patch set: the change request, who proposed it and (when another) who wrote
     * the patch set, and the vote as a label carrying its sign ({@code sign} -1, 0 or +1 for the
     * colour).
     */
    record Mark(
            String subject, Person changeBy, Person patchBy, String changeId, String changeUrl, String vote, int sign)
            implements Body {}

    record Review(String subject, String status, String changeId, String url) implements Body {}

    record Patch(String number, String subject, String changeId, String url) implements Body {}

    /** An e-mail: subject, archive link, blueprints it mentions, body. */
    record Email(String subject, String url, List<Named> blueprints, String text) implements Body {}

    /** A blueprint drafted or completed. */
    record Blueprint(
            String title,
            String name,
            String href,
            String summary,
            String priority,
            String status,
            String definition,
            String implementation,
            long mentions,
            String mentionDate)
            implements Body {}

    record Bug(String title, String number, String url, String status, String importance) implements Body {}

    record Member(String url) implements Body {}

    record Translation(long words, String language) implements Body {}

    /** A link with its text. */
    record Named(String text, String href) {}

    /**
     * The page of the activity log {@code params} select on {@code vault}.
     *
     * @param params the filters (the API's), without paging
     * @param startRecord the first record of the page
     * @param overview the path (with context path) author, company and module links lead to
     * @param contextPath where the application is deployed
     * @param pageAt the address of this view from another first record
     * @throws org.stackvault.query.QueryException 404 for an unknown filter value, 400 for a malformed one
     */
    static ActivityLog build(
            Queries queries,
            Vault vault,
            RequestParams params,
            int startRecord,
            String overview,
            String contextPath,
            IntFunction<String> pageAt) {
        RequestParams paged = name -> switch (name) {
            case "start_record" -> Integer.toString(startRecord);
            case "page_size" -> Integer.toString(PAGE_SIZE);
            default -> params.first(name);
        };
        Answers.Activity answer = queries.answer(Endpoint.ACTIVITY, null, paged, vault);
        List<Entry> entries = entries(vault, answer.activity(), overview, contextPath);
        return new ActivityLog(entries, entries.size() < PAGE_SIZE ? null : pageAt.apply(startRecord + PAGE_SIZE));
    }

    /**
     * The overview's log, as the original's rules show it (a user's with {@code user_id}, a
     * module's with {@code module} and no user), or null when the overview shows none.
     *
     * @param startRecord the raw {@code start_record}, or null
     */
    static ActivityLog ofOverview(Queries queries, Vault vault, PageQuery query, long now, String startRecord) {
        if (!query.has("user_id") && !query.has("module")) {
            return null;
        }
        return build(
                queries,
                vault,
                query.requestParams(now),
                startRecord(startRecord),
                query.path(),
                query.contextPath(),
                next -> {
                    Map<String, String> params = new LinkedHashMap<>(query.values());
                    params.put("start_record", Integer.toString(next));
                    return PageQuery.href(query.path(), params);
                });
    }

    /** A page's {@code start_record}: 0 when absent. */
    static int startRecord(String raw) {
        if (raw == null || raw.isEmpty()) {
            return 0;
        }
        try {
            int start = Integer.parseInt(raw.trim());
            if (start >= 0) {
                return start;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw QueryException.malformed("start_record", "start_record must be a whole number from 0");
    }

    /** Records as the activity query extends them, made into entries. */
    static List<Entry> entries(Vault vault, List<Map<String, Object>> records, String overview, String contextPath) {
        Map<Integer, Map<?, ?>> stored = storedTexts(vault, records);
        List<Entry> entries = new ArrayList<>(records.size());
        for (Map<String, Object> r : records) {
            entries.add(entry(r, stored.get(recordRow(r)), overview, contextPath));
        }
        return List.copyOf(entries);
    }

    /**
     * The stored records of commits and blueprints: the query gives their message and summary
     * as the original's HTML, and these are shown from the stored text instead.
     */
    private static Map<Integer, Map<?, ?>> storedTexts(Vault vault, List<Map<String, Object>> records) {
        List<Integer> rows = new ArrayList<>();
        for (Map<String, Object> r : records) {
            Object type = r.get("record_type");
            int row = recordRow(r);
            if (row >= 0 && ("commit".equals(type) || "bpd".equals(type) || "bpc".equals(type))) {
                rows.add(row);
            }
        }
        Map<Integer, Map<?, ?>> found = rows.isEmpty()
                ? Map.of()
                : vault.fullRecords(rows.stream().mapToInt(Integer::intValue).toArray());
        Map<Integer, Map<?, ?>> checked = new HashMap<>();
        for (Map<String, Object> r : records) {
            Map<?, ?> s = found.get(recordRow(r));
            if (s != null && String.valueOf(r.get("primary_key")).equals(text(s.get("primary_key")))) {
                checked.put(recordRow(r), s);
            }
        }
        return checked;
    }

    /** A record's row: the processor stores record N under {@code record:N}. */
    private static int recordRow(Map<String, Object> r) {
        return r.get("record_id") instanceof Number n && n.longValue() >= 0 && n.longValue() <= Integer.MAX_VALUE
                ? n.intValue()
                : -1;
    }

    private static Entry entry(Map<String, Object> r, Map<?, ?> stored, String overview, String contextPath) {
        String type = text(r.get("record_type"));
        Person author = person(r, "", overview);
        List<Person> coauthors = new ArrayList<>();
        if (r.get("coauthor") instanceof Collection<?> list) {
            for (Object c : list) {
                if (c instanceof Map<?, ?> m) {
                    coauthors.add(person(m, "", overview));
                }
            }
        }
        String branch = null;
        if (List.of("mark", "review", "patch", "tr").contains(type)) {
            String b = text(r.get("branch"));
            branch = b == null || "master".equals(b) ? null : b;
        } else if ("commit".equals(type)) {
            String b = text(r.get("branches"));
            branch = b == null || b.contains("master") ? null : b;
        }
        Link module = r.get("module_link") instanceof Link l ? l : null;
        String date = text(r.get("date_str"));
        return new Entry(
                type,
                author,
                List.copyOf(coauthors),
                date,
                text(r.get("module")),
                module == null ? null : overview + module.uri(),
                branch,
                body(type, r, stored, date, overview, contextPath));
    }

    private static Body body(
            String type, Map<String, Object> r, Map<?, ?> stored, String date, String overview, String contextPath) {
        return switch (type == null ? "" : type) {
            case "commit" -> {
                String commitDate = text(r.get("commit_date_str"));
                String message = stored == null ? "" : orEmpty(text(stored.get("message")));
                yield new Commit(
                        text(r.get("subject")),
                        MessageTokens.of(
                                message,
                                orEmpty(text(r.get("module"))),
                                text(r.get("gerrit_hostname")),
                                contextPath + "/report/blueprint/"),
                        commitDate == null || commitDate.equals(date) ? null : commitDate,
                        emptyToNull(text(r.get("correction_comment"))),
                        number(r.get("lines_added")),
                        number(r.get("lines_deleted")));
            }
            case "mark" -> {
                Person changeBy = person(r, "parent_", overview);
                Person patchBy = person(r, "patch_", overview);
                yield new Mark(
                        text(r.get("parent_subject")),
                        changeBy,
                        patchBy.href() != null && patchBy.href().equals(changeBy.href()) ? null : patchBy,
                        text(r.get("review_id")),
                        external(r.get("parent_url")),
                        vote(text(r.get("type")), number(r.get("value"))),
                        Long.signum(number(r.get("value"))));
            }
            case "review" ->
                new Review(text(r.get("subject")), text(r.get("status")), text(r.get("id")), external(r.get("url")));
            case "patch" ->
                new Patch(
                        text(r.get("number")),
                        text(r.get("parent_subject")),
                        text(r.get("review_id")),
                        external(r.get("parent_url")));
            case "email" -> {
                List<Named> blueprints = new ArrayList<>();
                if (r.get("blueprint_id") instanceof Collection<?> ids) {
                    for (Object id : ids) {
                        String[] parts = String.valueOf(text(id)).split(":", 2);
                        String name = parts.length > 1 ? parts[1] : "";
                        blueprints.add(new Named(name, blueprintHref(contextPath, parts[0], name)));
                    }
                }
                yield new Email(
                        text(r.get("subject")),
                        external(r.get("email_link")),
                        List.copyOf(blueprints),
                        emptyToNull(text(r.get("body"))));
            }
            case "bpd", "bpc" ->
                new Blueprint(
                        text(r.get("title")),
                        text(r.get("name")),
                        blueprintHref(contextPath, orEmpty(text(r.get("module"))), orEmpty(text(r.get("name")))),
                        stored == null ? null : emptyToNull(text(stored.get("summary"))),
                        text(r.get("priority")),
                        text(r.get("lifecycle_status")),
                        text(r.get("definition_status")),
                        text(r.get("implementation_status")),
                        number(r.get("mention_count")),
                        text(r.get("mention_date_str")));
            case "bugf", "bugr" ->
                new Bug(
                        text(r.get("title")),
                        text(r.get("number")),
                        external(r.get("web_link")),
                        text(r.get("status")),
                        text(r.get("importance")));
            case "member" -> new Member(external(r.get("member_uri")));
            case "tr" -> new Translation(number(r.get("loc")), text(r.get("language")));
            default -> null;
        };
    }

    /** The dashboard's blueprint report of {@code module}'s blueprint {@code name}. */
    static String blueprintHref(String contextPath, String module, String name) {
        return contextPath + "/report/blueprint/" + PercentEncoding.encodeSegment(module) + "/"
                + PercentEncoding.encodeSegment(name);
    }

    /**
     * The original's vote labels: Approve, Self-Approve, Work in progress, Abandon, else
     * "type: +N"; a label without its number gets the sign in words' stead, so the vote
     * is not told by colour alone.
     */
    static String vote(String type, long value) {
        String signed = (value > 0 ? "+" : value < 0 ? "\u2212" : "") + Math.abs(value);
        if ("Workflow".equals(type) && value == 1) {
            return "Approve (" + signed + ")";
        }
        if ("Self-Workflow".equals(type) && value == 1) {
            return "Self-Approve (" + signed + ")";
        }
        if ("Workflow".equals(type) && value == -1) {
            return "Work in progress (" + signed + ")";
        }
        if ("Abandon".equals(type) || "Self-Abandon".equals(type)) {
            return type;
        }
        return type + ": " + signed;
    }

    /** The author fields of {@code r} under {@code prefix}, with the links the query built for them. */
    private static Person person(Map<?, ?> r, String prefix, String overview) {
        String name = text(r.get(prefix + "author_name"));
        Link author = r.get(prefix + "author_link") instanceof Link l ? l : null;
        Link company = r.get(prefix + "company_link") instanceof Link l ? l : null;
        return new Person(
                name,
                author == null ? null : overview + author.uri(),
                text(r.get(prefix + "company_name")),
                company == null ? null : overview + company.uri(),
                initials(name));
    }

    /** Up to two initials for the avatar (no image from another host). */
    static String initials(String name) {
        if (name == null || name.isBlank()) {
            return "?";
        }
        StringBuilder out = new StringBuilder(2);
        for (String word : name.trim().split("\\s+")) {
            int cp = word.codePointAt(0);
            if (Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(Character.toUpperCase(cp));
                if (out.codePointCount(0, out.length()) == 2) {
                    break;
                }
            }
        }
        return out.length() == 0 ? "?" : out.toString().toUpperCase(Locale.ROOT);
    }

    /** An address from the data, kept only when it is http(s) (no {@code javascript:} or other schemes). */
    static String external(Object value) {
        String url = text(value);
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url : null;
    }

    static String text(Object v) {
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        return v == null ? null : String.valueOf(v);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static long number(Object v) {
        return v instanceof Number n ? n.longValue() : 0L;
    }
}
