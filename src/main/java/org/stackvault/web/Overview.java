package org.stackvault.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.stackvault.query.Answers;
import org.stackvault.query.ApiRequest;
import org.stackvault.query.Choice;
import org.stackvault.query.ContributionSummary;
import org.stackvault.query.Endpoint;
import org.stackvault.query.Filter;
import org.stackvault.query.ModuleItem;
import org.stackvault.query.ProjectTypeItem;
import org.stackvault.query.Queries;
import org.stackvault.query.QueryException;
import org.stackvault.query.RequestParams;
import org.stackvault.query.StatsRow;
import org.stackvault.vault.ModuleGroup;
import org.stackvault.vault.ProjectType;
import org.stackvault.vault.UserProfile;
import org.stackvault.vault.Vault;

/**
 * What the overview page shows, every number from one vault through the same queries as
 * {@code /api/1.0} with the same parameters: the filter bar, the top lists by the
 * original's section rules, the contribution summary, and the data's update time and
 * generation. Only plain values: the template escapes them. Immutable.
 *
 * @param lists      the top lists shown (none is empty)
 * @param summary    the contribution summary, or empty when the section rules hide it
 * @param updated    when the processor last updated the data, or null when unknown
 * @param timeline   the weekly timeline of the page's filters
 * @param sections   module details, user profile, blueprints, languages, report links, banner
 */
record Overview(
        PageQuery query,
        String title,
        String metricLabel,
        List<Select> selects,
        Map<String, String> hidden,
        List<TopList> lists,
        List<Figure> summary,
        String updated,
        long generation,
        TimelineView timeline,
        OverviewSections sections) {

    /** A select of the filter bar: its parameter, label and options. */
    record Select(String name, String label, boolean clearable, List<Option> options) {
        /**
         * Where the option group starts: the last option that is no child (the group row;
         * a current value missing from the list is added before it), or -1 without one.
         */
        private int groupStart() {
            for (int i = options.size() - 1; i >= 0; i--) {
                if (!options.get(i).child()) {
                    return i;
                }
            }
            return -1;
        }

        /** The label's tooltip, as the original's (the Module one explains the colours). */
        String tooltip() {
            return switch (name) {
                case "release" -> "Official releases of OpenStack";
                case "project_type" -> "Project type groups modules of the same kind";
                case "module" -> "A repository (black), an official project (violet) or a module group (cyan)";
                case "company" -> "The company a contribution is counted for";
                case "metric" -> "One of the available metrics";
                default -> null;
            };
        }

        /** The option group's label (the group row's text), or null. */
        String group() {
            int start = groupStart();
            return start < 0 ? null : options.get(start).text();
        }

        /** The options before the group (a current value the list lacks). */
        List<Option> beforeGroup() {
            return options.subList(0, Math.max(0, groupStart()));
        }

        /** The group row and its children. */
        List<Option> inGroup() {
            return options.subList(Math.max(0, groupStart()), options.size());
        }
    }

    /**
     * An option; {@code kind} is a CSS class name from a fixed set (a module's tag), never data.
     */
    record Option(String value, String text, boolean selected, boolean child, String kind) {}

    /** A top list: a title, the metric's column label and its rows. */
    record TopList(String id, String title, String metricLabel, List<Row> rows) {
        /** Whether the rows carry the review-vote columns (contributors under the Reviews metric). */
        boolean reviewColumns() {
            return !rows.isEmpty() && rows.get(0).marks() != null;
        }

        /** The pie's data (companies and modules, not contributors, as the original), or null. */
        JsonBlock pie() {
            return id.equals("engineers") ? null : Pie.of(rows);
        }
    }

    /**
     * A row: the rank (blank for the independent contributors), the name, its link and the
     * metric; for contributors under Reviews the vote columns, and the branch the contributor is
     * core reviewer on among the selected modules (null: none).
     */
    record Row(String rank, String name, String href, long metric, ReviewMarks marks, String core) {}

    /** A figure of the contribution summary. */
    record Figure(String label, String value) {}

    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern(
                    "d MMM yyyy HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /**
     * The overview of {@code query} on {@code vault}.
     *
     * @throws QueryException 404 for an unknown filter value, 400 for a malformed one, as the API
     */
    static Overview build(Queries queries, Vault vault, PageQuery query, long nowSeconds, long staleAfterSeconds) {
        RequestParams params = query.requestParams(nowSeconds);
        // validates every filter once, as the original's templated() does, and names the metric
        ApiRequest stats = queries.parse(Endpoint.STATS_COMPANIES, null, params, vault);
        String metricLabel = label(stats);
        boolean company = query.has("company");
        boolean module = query.has("module");
        boolean user = query.has("user_id");
        // /cncf says "Project" and appends the chosen company and user, as the original's cncf.html
        boolean cncf = query.scope() == Scope.CNCF;
        String companySuffix = cncf && company ? " | " + companyName(queries, vault, stats) : "";
        String userSuffix = cncf && user ? " | " + userName(vault, stats) : "";

        List<TopList> lists = new ArrayList<>();
        if (!company && !user) {
            add(
                    lists,
                    "companies",
                    metricLabel + " by Company" + userSuffix,
                    metricLabel,
                    "company",
                    query,
                    (Answers.Stats) queries.answer(stats));
        }
        if (!module) {
            add(
                    lists,
                    "modules",
                    metricLabel + (cncf ? " by Project" : " by Module") + companySuffix + userSuffix,
                    metricLabel,
                    "module",
                    query,
                    queries.answer(Endpoint.STATS_MODULES, null, params, vault));
        }
        if (!user) {
            add(
                    lists,
                    "engineers",
                    metricLabel + " by Contributor" + companySuffix + userSuffix,
                    metricLabel,
                    "user_id",
                    query,
                    queries.answer(Endpoint.STATS_ENGINEERS, null, params, vault));
        }
        List<Figure> summary = module || user || company
                ? figures(queries.answer(Endpoint.CONTRIBUTION, null, params, vault)
                        .contribution())
                : List.of();
        return new Overview(
                query,
                title(queries, vault, stats),
                metricLabel,
                selects(queries, vault, query, params, stats),
                hidden(query),
                List.copyOf(lists),
                summary,
                updated(vault.runtimeStorageUpdateTime()),
                vault.generation(),
                TimelineView.of(queries, vault, params, stats),
                OverviewSections.build(queries, vault, query, params, stats, nowSeconds, staleAfterSeconds));
    }

    /** The original's page title for the request's first project type, release, module, company and user. */
    private static String title(Queries queries, Vault vault, ApiRequest request) {
        Filter filter = request.filter();
        String typeId = first(filter.projectTypes());
        ProjectType type = typeId == null ? null : vault.reference().projectType(typeId);
        String release = first(filter.releases());
        String moduleId = first(filter.modules());
        ModuleGroup module = moduleId == null ? null : vault.reference().moduleGroup(moduleId);
        String companyId = first(filter.companies());
        String company = companyId == null
                ? null
                : queries.answer(Endpoint.COMPANY, companyId, RequestParams.NONE, vault)
                        .company()
                        .text();
        String userId = first(filter.userIds());
        int userCode = userId == null ? -1 : vault.userCode(userId);
        UserProfile user = userCode < 0 ? null : vault.userProfile(userCode);
        return PageTitle.of(
                type == null ? String.valueOf(typeId) : type.id(),
                type == null ? null : type.parentId(),
                type == null ? String.valueOf(typeId) : type.title(),
                release == null ? "all" : release,
                module == null ? moduleId : module.name(),
                company,
                user != null && user.userName() != null ? user.userName() : userId);
    }

    private static String companyName(Queries queries, Vault vault, ApiRequest request) {
        return queries.answer(Endpoint.COMPANY, first(request.filter().companies()), RequestParams.NONE, vault)
                .company()
                .text();
    }

    private static String userName(Vault vault, ApiRequest request) {
        String userId = first(request.filter().userIds());
        int code = vault.userCode(userId);
        UserProfile profile = code < 0 ? null : vault.userProfile(code);
        return profile != null && profile.userName() != null ? profile.userName() : userId;
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    private static String label(ApiRequest request) {
        String label = request.aggregationMetric().label();
        return label != null ? label : request.aggregationMetric().id();
    }

    private static void add(
            List<TopList> lists,
            String id,
            String title,
            String metricLabel,
            String param,
            PageQuery query,
            Answers.Stats stats) {
        if (stats.stats().isEmpty()) {
            return; // the original hides an empty list's whole section
        }
        List<Row> rows = new ArrayList<>(stats.stats().size());
        for (StatsRow row : stats.stats()) {
            String name = row.name() != null ? row.name() : row.id();
            rows.add(new Row(
                    row.index() == 0 ? "" : Integer.toString(row.index()),
                    name,
                    query.with(param, row.id()),
                    row.metric(),
                    // the original adds the vote columns to the contributor list only
                    id.equals("engineers") ? ReviewMarks.of(row.marks()) : null,
                    row.core() == null ? null : row.core().core()));
        }
        lists.add(new TopList(id, title, metricLabel, List.copyOf(rows)));
    }

    /** The 16 figures of the original's contribution summary, in its order and words. */
    static List<Figure> figures(ContributionSummary c) {
        Map<String, Long> marks = c.marks();
        return List.of(
                new Figure("Commits", Long.toString(c.commitCount())),
                new Figure("LOCs", Long.toString(c.loc())),
                new Figure("Do not merge (-2)", mark(marks, "-2")),
                new Figure("Patch needs further work (-1)", mark(marks, "-1")),
                new Figure("Looks good (+1)", mark(marks, "1")),
                new Figure("Looks good for core (+2)", mark(marks, "2")),
                new Figure("Approve", mark(marks, "A")),
                new Figure("Abandon", mark(marks, "x")),
                new Figure(
                        "Change Requests",
                        c.changeRequestCount() + " (" + c.abandonedChangeRequestsCount() + " of them abandoned)"),
                new Figure("Patch Sets", Long.toString(c.patchSetCount())),
                new Figure("Draft Blueprints", Long.toString(c.draftedBlueprintCount())),
                new Figure("Completed Blueprints", Long.toString(c.completedBlueprintCount())),
                new Figure("Filed Bugs", Long.toString(c.filedBugCount())),
                new Figure("Resolved Bugs", Long.toString(c.resolvedBugCount())),
                new Figure("Emails", Long.toString(c.emailCount())),
                new Figure("Translations", Long.toString(c.translations())));
    }

    private static String mark(Map<String, Long> marks, String key) {
        Long count = marks.get(key);
        return Long.toString(count == null ? 0 : count);
    }

    static List<Select> selects(Queries queries, Vault vault, PageQuery query, RequestParams params, ApiRequest stats) {
        List<Select> selects = new ArrayList<>();
        Scope scope = query.scope();
        if (scope.offers("release")) {
            Answers.Releases releases = queries.answer(Endpoint.RELEASES, null, params, vault);
            String current = stats.filter().releases().isEmpty()
                    ? releases.defaultRelease()
                    : stats.filter().releases().get(0);
            List<Option> options = new ArrayList<>();
            options.add(new Option("all", "All", "all".equals(current), false, null));
            for (Choice release : releases.data()) {
                if (!"all".equals(release.id())) {
                    options.add(new Option(
                            release.id(), release.text(), release.id().equals(current), false, null));
                }
            }
            selects.add(new Select("release", "Release", false, withCurrent(options, current)));
        }
        if (scope.offers("project_type") || scope.defaultProjectType() != null) {
            Answers.ProjectTypes types = queries.answer(Endpoint.PROJECT_TYPES, null, params, vault);
            String group = scope.defaultProjectType() != null ? scope.defaultProjectType() : "all";
            String current = stats.filter().projectTypes().isEmpty()
                    ? types.defaultProjectType()
                    : stats.filter().projectTypes().get(0);
            List<Option> options = new ArrayList<>();
            boolean inGroup = false;
            for (ProjectTypeItem type : types.data()) {
                if (!type.child()) {
                    inGroup = type.id().equals(group);
                }
                if (inGroup) {
                    options.add(new Option(type.id(), type.text(), type.id().equals(current), type.child(), null));
                }
            }
            selects.add(new Select("project_type", "Project Type", false, withCurrent(options, current)));
        }
        Answers.Modules modules = queries.answer(Endpoint.MODULES, null, tags(params), vault);
        List<Option> moduleOptions = new ArrayList<>();
        for (ModuleItem m : modules.data()) {
            moduleOptions.add(
                    new Option(m.id(), m.text(), m.id().equals(query.get("module")), false, tagClass(m.tag())));
        }
        selects.add(new Select("module", "Module", true, withCurrent(moduleOptions, query.get("module"))));
        Answers.Companies companies = queries.answer(Endpoint.COMPANIES, null, params, vault);
        List<Option> companyOptions = new ArrayList<>();
        for (Choice c : companies.data()) {
            companyOptions.add(new Option(c.id(), c.text(), c.id().equals(query.get("company")), false, null));
        }
        selects.add(new Select("company", "Company", true, withCurrent(companyOptions, query.get("company"))));
        if (scope.offers("metric")) {
            Answers.Metrics metrics = queries.answer(Endpoint.METRICS, null, params, vault);
            String current = stats.aggregationMetric().id();
            List<Option> options = new ArrayList<>();
            for (Choice m : metrics.data()) {
                options.add(new Option(m.id(), m.text(), m.id().equals(current), false, null));
            }
            selects.add(new Select("metric", "Metric", false, withCurrent(options, current)));
        }
        return List.copyOf(selects);
    }

    /** The options, and the current value first when they lack it (as the original adds it). */
    private static List<Option> withCurrent(List<Option> options, String current) {
        if (current == null || options.stream().anyMatch(Option::selected)) {
            return List.copyOf(options);
        }
        List<Option> all = new ArrayList<>(options.size() + 1);
        all.add(new Option(current, current, true, false, null));
        all.addAll(options);
        return List.copyOf(all);
    }

    /** The module list of the filter bar: {@code modules?tags=module,program,group}. */
    private static RequestParams tags(RequestParams params) {
        return name -> "tags".equals(name) ? "module,program,group" : "tag".equals(name) ? null : params.first(name);
    }

    private static String tagClass(String tag) {
        return tag == null
                ? "tag-other"
                : switch (tag) {
                    case "module", "program", "group", "project_type" -> "tag-" + tag.replace('_', '-');
                    default -> "tag-other";
                };
    }

    /** The parameters the filter bar has no select for, kept by its form as hidden fields. */
    private static Map<String, String> hidden(PageQuery query) {
        Map<String, String> hidden = new LinkedHashMap<>();
        // user_id and the dates have fields of their own
        for (String name : List.of("language", "blueprint_id", "date")) {
            if (query.has(name)) {
                hidden.put(name, query.get(name));
            }
        }
        return Collections.unmodifiableMap(hidden);
    }

    /** The processor's {@code runtime_storage_update_time} (seconds) as the original prints dates. */
    static String updated(Object seconds) {
        return seconds instanceof Number n && n.longValue() > 0
                ? UPDATED.format(Instant.ofEpochSecond(n.longValue()))
                : null;
    }
}
