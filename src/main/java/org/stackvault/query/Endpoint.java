package org.stackvault.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One endpoint of the API v1.0, declared once: its path below {@code /api/1.0}, what it
 * reads of the request, the query that answers it and the type of its answer. The web
 * layer routes from {@link #ALL}, the response cache keys by {@link Reads}, and the
 * documentation lists the same table (docs/api.md, checked by a test). Immutable.
 *
 * @param <A> the answer's type, serialised as the endpoint's JSON
 */
public final class Endpoint<A> {
    /** How an endpoint answers a parsed request. */
    @FunctionalInterface
    interface Query<A> {
        A answer(Queries queries, ApiRequest request);
    }

    public static final Endpoint<Answers.Stats> STATS_COMPANIES = new Endpoint<>(
            "stats/companies",
            "contribution per company, by the metric",
            Reads.commonFilters(),
            Answers.Stats.class,
            Queries::statsCompanies);
    public static final Endpoint<Answers.Stats> STATS_MODULES = new Endpoint<>(
            "stats/modules",
            "contribution per module, by the metric",
            Reads.commonFilters(),
            Answers.Stats.class,
            Queries::statsModules);
    public static final Endpoint<Answers.Stats> STATS_ENGINEERS = new Endpoint<>(
            "stats/engineers",
            "contribution per engineer, by the metric",
            Reads.commonFilters(),
            Answers.Stats.class,
            Queries::statsEngineers);
    public static final Endpoint<Answers.ExtendedEngineers> STATS_ENGINEERS_EXTENDED = new Endpoint<>(
            "stats/engineers_extended",
            "per engineer: counts of each record type and the review marks",
            Reads.commonFiltersBut(Param.METRIC),
            Answers.ExtendedEngineers.class,
            Queries::statsEngineersExtended);
    public static final Endpoint<Answers.DistinctEngineers> STATS_DISTINCT_ENGINEERS = new Endpoint<>(
            "stats/distinct_engineers",
            "user id to the name and email of the engineer's latest record",
            Reads.commonFilters(),
            Answers.DistinctEngineers.class,
            Queries::statsDistinctEngineers);
    public static final Endpoint<Answers.Timeline> STATS_TIMELINE = new Endpoint<>(
            "stats/timeline",
            "weekly series: records, records of the release, lines of code",
            Reads.commonFilters(),
            Answers.Timeline.class,
            Queries::statsTimeline);
    public static final Endpoint<Answers.Blueprints> STATS_BP = new Endpoint<>(
            "stats/bp",
            "blueprints by how often they are mentioned",
            Reads.commonFilters().metricWhenAbsent(""),
            Answers.Blueprints.class,
            Queries::statsBlueprints);
    public static final Endpoint<Answers.LanguageStats> STATS_LANGUAGES = new Endpoint<>(
            "stats/languages",
            "translated words per language",
            Reads.commonFiltersBut(Param.LANGUAGE).metricWhenAbsent(""),
            Answers.LanguageStats.class,
            Queries::statsLanguages);
    public static final Endpoint<Answers.Activity> ACTIVITY = new Endpoint<>(
            "activity",
            "the records, newest first, a page at a time",
            Reads.commonFilters().withLinks().with(Extra.START_RECORD, Extra.PAGE_SIZE, Extra.QUERY_MESSAGE),
            Answers.Activity.class,
            Queries::activity);
    public static final Endpoint<Answers.Contribution> CONTRIBUTION = new Endpoint<>(
            "contribution",
            "the summary counts of the selected records",
            Reads.commonFiltersBut(Param.METRIC),
            Answers.Contribution.class,
            Queries::contribution);
    public static final Endpoint<Answers.Members> MEMBERS = new Endpoint<>(
            "members",
            "foundation members",
            Reads.commonFiltersBut(Param.RELEASE, Param.PROJECT_TYPE, Param.MODULE)
                    .metricWhenAbsent("members"),
            Answers.Members.class,
            Queries::members);
    public static final Endpoint<Answers.Companies> COMPANIES = new Endpoint<>(
            "companies",
            "companies of the selected records",
            Reads.commonFilters(),
            Answers.Companies.class,
            Queries::companies);
    public static final Endpoint<Answers.Modules> MODULES = new Endpoint<>(
            "modules",
            "module groups of the selected records",
            Reads.commonFiltersBut(Param.MODULE).withTags(),
            Answers.Modules.class,
            Queries::modules);
    public static final Endpoint<Answers.Users> USERS = new Endpoint<>(
            "users",
            "users of the selected records",
            Reads.commonFiltersAndCoreIn(),
            Answers.Users.class,
            Queries::users);
    public static final Endpoint<Answers.Languages> LANGUAGES = new Endpoint<>(
            "languages",
            "languages of the selected translations",
            Reads.commonFiltersBut(Param.LANGUAGE).metricWhenAbsent("translations"),
            Answers.Languages.class,
            Queries::languages);
    public static final Endpoint<Answers.Releases> RELEASES = new Endpoint<>(
            "releases",
            "releases, newest first, and the default",
            Reads.validatedOnly(),
            Answers.Releases.class,
            Queries::releases);
    public static final Endpoint<Answers.Metrics> METRICS = new Endpoint<>(
            "metrics", "metrics, and the default", Reads.validatedOnly(), Answers.Metrics.class, Queries::metrics);
    public static final Endpoint<Answers.ProjectTypes> PROJECT_TYPES = new Endpoint<>(
            "project_types",
            "project types, and the default",
            Reads.validatedOnly(),
            Answers.ProjectTypes.class,
            Queries::projectTypes);
    public static final Endpoint<Answers.AffiliationChanges> AFFILIATION_CHANGES = new Endpoint<>(
            "affiliation_changes",
            "users who changed company between two dates",
            Reads.noFilters().with(Extra.START_DAYS, Extra.END_DAYS),
            Answers.AffiliationChanges.class,
            Queries::affiliationChanges);
    public static final Endpoint<Answers.NewCompanies> NEW_COMPANIES = new Endpoint<>(
            "new_companies",
            "companies whose first record is recent",
            Reads.commonFiltersBut(Param.START_DATE).with(Extra.DAYS),
            Answers.NewCompanies.class,
            Queries::newCompanies);
    public static final Endpoint<Answers.Company> COMPANY = new Endpoint<>(
            "companies/{id}",
            "one company, as requested and as stored",
            Reads.validatedOnly(),
            Answers.Company.class,
            Queries::company);
    public static final Endpoint<Answers.Module> MODULE = new Endpoint<>(
            "modules/{id}",
            "one module group with its modules in the release",
            Reads.only(Param.RELEASE, Param.PROJECT_TYPE),
            Answers.Module.class,
            Queries::module);
    public static final Endpoint<Answers.User> USER = new Endpoint<>(
            "users/{id}",
            "one user's stored profile, with a link to the current company",
            Reads.noFilters().withLinks(),
            Answers.User.class,
            Queries::user);

    /** Every endpoint, in the order of the documentation. */
    public static final List<Endpoint<?>> ALL = List.of(
            STATS_COMPANIES,
            STATS_MODULES,
            STATS_ENGINEERS,
            STATS_ENGINEERS_EXTENDED,
            STATS_DISTINCT_ENGINEERS,
            STATS_TIMELINE,
            STATS_BP,
            STATS_LANGUAGES,
            ACTIVITY,
            CONTRIBUTION,
            MEMBERS,
            COMPANIES,
            MODULES,
            USERS,
            LANGUAGES,
            RELEASES,
            METRICS,
            PROJECT_TYPES,
            AFFILIATION_CHANGES,
            NEW_COMPANIES,
            COMPANY,
            MODULE,
            USER);

    private static final String ID = "{id}";
    /** The endpoints without an id by their path, and those with one by the path before it ("users/"). */
    private static final Map<String, Endpoint<?>> BY_PATH = byPath();

    private final String path;
    private final String summary;
    private final Reads reads;
    private final Class<A> answerType;
    private final Query<A> query;

    private Endpoint(String path, String summary, Reads reads, Class<A> answerType, Query<A> query) {
        this.path = path;
        this.summary = summary;
        this.reads = reads;
        this.answerType = answerType;
        this.query = query;
    }

    private static Map<String, Endpoint<?>> byPath() {
        Map<String, Endpoint<?>> map = new LinkedHashMap<>();
        for (Endpoint<?> e : ALL) {
            map.put(e.hasId() ? e.path.substring(0, e.path.length() - ID.length()) : e.path, e);
        }
        return Map.copyOf(map);
    }

    /** The path below {@code /api/1.0/}, e.g. {@code stats/companies}; {@code {id}} ends those that take one. */
    public String path() {
        return path;
    }

    /** What it answers, in a few words. */
    public String summary() {
        return summary;
    }

    public Reads reads() {
        return reads;
    }

    public Class<A> answerType() {
        return answerType;
    }

    /** The path ends in one segment naming what it answers about (a company, a module, a user). */
    public boolean hasId() {
        return path.endsWith(ID);
    }

    A answer(Queries queries, ApiRequest request) {
        return query.answer(queries, request);
    }

    /**
     * The endpoint a path below {@code /api/1.0/} names exactly as written, or null: the
     * path is still percent-encoded, so only plain spellings match ({@code rel%65ases} or
     * a trailing slash does not); an id is the one segment after its prefix.
     */
    public static Endpoint<?> of(String rawPath) {
        Endpoint<?> exact = BY_PATH.get(rawPath);
        if (exact != null) {
            return exact.hasId() ? null : exact;
        }
        int slash = rawPath.indexOf('/');
        if (slash < 0 || slash == rawPath.length() - 1 || rawPath.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        Endpoint<?> byId = BY_PATH.get(rawPath.substring(0, slash + 1));
        return byId != null && byId.hasId() ? byId : null;
    }

    @Override
    public String toString() {
        return path;
    }
}
