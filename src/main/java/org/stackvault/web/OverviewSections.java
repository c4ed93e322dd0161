package org.stackvault.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.stackvault.query.Answers;
import org.stackvault.query.ApiRequest;
import org.stackvault.query.BlueprintStat;
import org.stackvault.query.Dates;
import org.stackvault.query.Endpoint;
import org.stackvault.query.LanguageStat;
import org.stackvault.query.ModuleChild;
import org.stackvault.query.ModuleDetails;
import org.stackvault.query.Queries;
import org.stackvault.query.QueryException;
import org.stackvault.query.RequestParams;
import org.stackvault.vault.UserProfile;
import org.stackvault.vault.Vault;

/**
 * The overview's sections beyond the top lists and the summary, by the original's rules
 * (ui-spec §2.4), each from the page's one vault through {@link Queries} with the page's
 * parameters: module details ({@code modules/<id>}), the user profile ({@code users/<id>}),
 * the blueprint and language lists ({@code stats/bp}, {@code stats/languages}), the report
 * links; and what the head, the banner and the filter bar need. Null or empty where a
 * section is not shown. Only plain values and links built here from structured values.
 * Immutable.
 *
 * @param module     module details, when {@code module} is set
 * @param user       the user profile, when {@code user_id} is set
 * @param blueprints "Blueprint popularity", under the metrics {@code bpd} and {@code bpc}
 * @param languages  "Languages", under the metric {@code translations}
 * @param reportLinks the links to the reports of the module, company and user (not on /cncf
 *                   and /unaffiliated, as the original)
 * @param freshness  the banner and the About link's title
 * @param keywords   the meta keywords (with the company's name)
 * @param contributor the Contributor field of the filter bar
 * @param startDate  {@code start_date} as YYYY-MM-DD for the date input, or null
 * @param endDate    {@code end_date} as YYYY-MM-DD for the date input, or null
 */
record OverviewSections(
        ModuleSection module,
        UserSection user,
        List<BlueprintRow> blueprints,
        List<LanguageRow> languages,
        List<ReportLink> reportLinks,
        Freshness freshness,
        String keywords,
        Contributor contributor,
        String startDate,
        String endDate) {

    /** Module details; {@code explanation} is null for a plain module (tag {@code module}). */
    record ModuleSection(String name, String explanation, String repoUri, List<SubModule> modules) {}

    /** A module of a group: a link to it when visible, else greyed with no link. */
    record SubModule(String name, String href, boolean visible) {}

    /** The user profile. No e-mail and no gravatar: initials stand for the picture. */
    record UserSection(
            String name,
            String initials,
            List<Affiliation> companies,
            List<Identity> identities,
            List<CoreIn> core,
            String reportHref,
            String affiliationChangesHref) {}

    /** A company of the user's history: from the previous entry's end to this one's (null: open). */
    record Affiliation(String company, String href, String from, String until) {}

    /** An account name: "Launchpad", "Gerrit", "GitHub", "Zanata". Text only. */
    record Identity(String label, String value) {}

    /** A module the user is core reviewer in; {@code branch} null for master. */
    record CoreIn(String module, String href, String branch) {}

    /** A row of "Blueprint popularity". */
    record BlueprintRow(String rank, String name, String href, String status, String date, long mentions) {}

    /** A row of "Languages"; its link drills down to the language. */
    record LanguageRow(String rank, String name, String href, long translations) {}

    /** A report link: its words and address (opened in a new tab, as the original). */
    record ReportLink(String text, String href) {}

    /**
     * The data's age: {@code banner} is the stale-data warning (null when fresh),
     * {@code aboutTitle} the About link's tooltip (null before the first update time).
     */
    record Freshness(String banner, String aboutTitle) {}

    /** The Contributor field: the {@code user_id} and the name shown beside it (null without one). */
    record Contributor(String userId, String name) {}

    static final String LOADING = "The data is being loaded now and is not complete";
    private static final String KEYWORDS = "openstack, contribution, community, review, commit, blueprint, bug";

    /**
     * The sections of {@code query} on {@code vault}.
     *
     * @param stats          the page's parsed {@code stats/companies} request (validated filters)
     * @param staleAfterSeconds data older than this gets the "last updated" banner
     */
    static OverviewSections build(
            Queries queries,
            Vault vault,
            PageQuery query,
            RequestParams params,
            ApiRequest stats,
            long nowSeconds,
            long staleAfterSeconds) {
        String moduleId = query.has("module") ? first(stats.filter().modules()) : null;
        String companyId = query.has("company") ? first(stats.filter().companies()) : null;
        String userId = query.has("user_id") ? first(stats.filter().userIds()) : null;
        String metric = stats.aggregationMetric().id();

        ModuleDetails details = moduleId == null
                ? null
                : queries.answer(Endpoint.MODULE, moduleId, params, vault).module();
        String companyName = companyId == null
                ? null
                : queries.answer(Endpoint.COMPANY, companyId, RequestParams.NONE, vault)
                        .company()
                        .text();
        Map<String, Object> user = userId == null
                ? null
                : queries.answer(Endpoint.USER, userId, params, vault).user();
        UserProfile profile = user == null ? null : UserProfile.of(user, userId);
        String userName = profile == null || profile.userName() == null ? userId : profile.userName();

        List<BlueprintRow> blueprints = metric.equals("bpd") || metric.equals("bpc")
                ? blueprints(queries.answer(Endpoint.STATS_BP, null, params, vault), query.contextPath())
                : List.of();
        List<LanguageRow> languages = metric.equals("translations")
                ? languages(queries.answer(Endpoint.STATS_LANGUAGES, null, params, vault), query)
                : List.of();
        List<ReportLink> links = query.scope() == Scope.OPENSTACK
                ? reportLinks(query, stats, moduleId, details, companyId, companyName, userId, userName)
                : List.of();
        return new OverviewSections(
                details == null ? null : module(details, query),
                profile == null ? null : user(user, profile, userName, query, nowSeconds),
                blueprints,
                languages,
                links,
                freshness(vault.runtimeStorageUpdateTime(), nowSeconds, staleAfterSeconds),
                companyName == null ? KEYWORDS : KEYWORDS + ", " + companyName,
                new Contributor(userId, userId == null ? null : userName),
                isoDate(query, "start_date"),
                isoDate(query, "end_date"));
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    private static ModuleSection module(ModuleDetails details, PageQuery query) {
        String explanation = switch (String.valueOf(details.tag())) {
            case "program" -> "The official OpenStack project as defined in projects.yaml";
            case "group" -> "Custom module group as defined in default_data.json";
            default -> null;
        };
        if ("module".equals(details.tag())) {
            String repo = details.modules().isEmpty()
                    ? null
                    : details.modules().get(0).repoUri();
            return new ModuleSection(details.name(), explanation, repo, List.of());
        }
        List<SubModule> modules = new ArrayList<>();
        Set<String> seen = new HashSet<>(); // a module of several releases is listed once, as the original
        for (ModuleChild child : details.modules()) {
            if (seen.add(child.moduleName())) {
                modules.add(new SubModule(
                        child.moduleName(),
                        child.visible() ? query.with("module", child.moduleName()) : null,
                        child.visible()));
            }
        }
        return new ModuleSection(details.name(), explanation, null, List.copyOf(modules));
    }

    private static UserSection user(
            Map<String, Object> user, UserProfile profile, String name, PageQuery query, long nowSeconds) {
        List<Affiliation> companies = new ArrayList<>();
        String from = null;
        for (UserProfile.Affiliation a : profile.companies()) {
            String until = a.endDate() > 0 ? day(a.endDate()) : null;
            Map<String, String> values = new LinkedHashMap<>(query.values());
            values.remove("user_id");
            values.put("company", a.companyName().toLowerCase(Locale.ROOT));
            companies.add(new Affiliation(a.companyName(), PageQuery.href(query.path(), values), from, until));
            from = until;
        }
        List<Identity> identities = new ArrayList<>();
        for (String[] id : new String[][] {
            {"launchpad_id", "Launchpad"}, {"gerrit_id", "Gerrit"}, {"github_id", "GitHub"}, {"zanata_id", "Zanata"}
        }) {
            String value = text(user.get(id[0]));
            if (value != null) {
                identities.add(new Identity(id[1], value));
            }
        }
        List<CoreIn> core = new ArrayList<>();
        for (UserProfile.CoreRole role : profile.core()) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("module", role.module().toLowerCase(Locale.ROOT));
            if (query.has("metric")) {
                values.put("metric", query.get("metric"));
            }
            core.add(new CoreIn(
                    role.module(),
                    PageQuery.href(query.path(), values),
                    "master".equals(role.branch()) ? null : role.branch()));
        }
        String root = query.contextPath();
        return new UserSection(
                name,
                initials(name),
                List.copyOf(companies),
                List.copyOf(identities),
                List.copyOf(core),
                root + "/report/users/" + segment(profile.userId()),
                root + "/report/affiliation_changes");
    }

    /** A stored field as text: a string, or the strings of a list joined; null when absent or empty. */
    private static String text(Object value) {
        if (value instanceof String s && !s.isEmpty()) {
            return s;
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            List<String> items = new ArrayList<>();
            for (Object item : list) {
                items.add(String.valueOf(item));
            }
            return String.join(", ", items);
        }
        return null;
    }

    /** Up to two initials, the first letter or digit of the first two words; "?" without any. */
    static String initials(String name) {
        StringBuilder initials = new StringBuilder();
        if (name != null) {
            for (String word : name.trim().split("\\s+")) {
                int letter = word.codePoints()
                        .filter(Character::isLetterOrDigit)
                        .findFirst()
                        .orElse(-1);
                if (letter >= 0) {
                    initials.appendCodePoint(Character.toUpperCase(letter));
                    if (initials.codePointCount(0, initials.length()) == 2) {
                        break;
                    }
                }
            }
        }
        return initials.isEmpty() ? "?" : initials.toString();
    }

    private static List<BlueprintRow> blueprints(Answers.Blueprints answer, String contextPath) {
        List<BlueprintRow> rows = new ArrayList<>();
        for (BlueprintStat bp : answer.stats()) {
            String name = String.valueOf(bp.name());
            rows.add(new BlueprintRow(
                    Integer.toString(bp.index()),
                    name,
                    contextPath + "/report/blueprint/" + segment(String.valueOf(bp.module())) + "/" + segment(name),
                    bp.status(),
                    bp.date(),
                    bp.metric()));
        }
        return List.copyOf(rows);
    }

    private static List<LanguageRow> languages(Answers.LanguageStats answer, PageQuery query) {
        List<LanguageRow> rows = new ArrayList<>();
        for (LanguageStat language : answer.stats()) {
            String name = language.name() != null ? language.name() : language.id();
            rows.add(new LanguageRow(
                    Integer.toString(language.index()),
                    name,
                    query.with("language", language.id()),
                    language.metric()));
        }
        return List.copyOf(rows);
    }

    private static List<ReportLink> reportLinks(
            PageQuery query,
            ApiRequest stats,
            String moduleId,
            ModuleDetails details,
            String companyId,
            String companyName,
            String userId,
            String userName) {
        String root = query.contextPath();
        List<ReportLink> links = new ArrayList<>();
        if (moduleId != null) {
            String name = details != null && details.name() != null ? details.name() : moduleId;
            String m = segment(moduleId);
            links.add(new ReportLink("Show open reviews for " + name, root + "/report/reviews/" + m + "/open"));
            links.add(new ReportLink(
                    "Contribution for the last 30 days in " + name, root + "/report/contribution/" + m + "/30"));
            links.add(new ReportLink(
                    "Contribution for the last 90 days in " + name, root + "/report/contribution/" + m + "/90"));
            Map<String, String> activity = new LinkedHashMap<>();
            activity.put("module", moduleId);
            putFirst(activity, "project_type", stats.filter().projectTypes());
            putFirst(activity, "release", stats.filter().releases());
            links.add(new ReportLink(
                    "Show activity report for " + moduleId, PageQuery.href(root + "/report/activity", activity)));
        }
        if (companyId != null) {
            links.add(new ReportLink(
                    "Show activity report for " + companyName, root + "/report/companies/" + segment(companyId)));
        }
        if (userId != null) {
            links.add(
                    new ReportLink("Show activity report for " + userName, root + "/report/users/" + segment(userId)));
        }
        return List.copyOf(links);
    }

    private static void putFirst(Map<String, String> params, String name, List<String> values) {
        if (!values.isEmpty()) {
            params.put(name, values.get(0));
        }
    }

    /**
     * {@code value} as one path segment: percent-encoded as UTF-8 ({@code /} too), a space as
     * {@code %20}, and a segment of dots only ({@code .}, {@code ..}) with its dots encoded, so
     * no name can walk the path.
     */
    static String segment(String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A");
        return encoded.chars().allMatch(c -> c == '.') ? encoded.replace(".", "%2E") : encoded;
    }

    /** The banner and the About title of data updated at {@code updated} (seconds), seen at {@code now}. */
    static Freshness freshness(Object updated, long nowSeconds, long staleAfterSeconds) {
        if (!(updated instanceof Number n) || n.longValue() <= 0) {
            return new Freshness(LOADING, null);
        }
        String when = Overview.updated(n);
        String banner = nowSeconds - n.longValue() > staleAfterSeconds ? "The data was last updated on " + when : null;
        return new Freshness(banner, "Last updated on " + when);
    }

    /** A date parameter as YYYY-MM-DD (what a date input shows); null when absent. */
    private static String isoDate(PageQuery query, String name) {
        if (!query.has(name)) {
            return null;
        }
        try {
            long seconds = Dates.parseDateParam(name, query.get(name));
            return LocalDate.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC)
                    .toString();
        } catch (QueryException malformed) {
            return null; // the page itself refuses it first
        }
    }

    private static String day(long seconds) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC)
                .toString();
    }
}
