package org.stackvault.query;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;

import org.stackvault.vault.RecordTable;
import org.stackvault.vault.RecordType;
import org.stackvault.vault.Vault;

/**
 * Every endpoint of the API v1.0 as a function of (vault, request parameters): which
 * filters it ignores, what it computes, and the JSON shape it answers (its root key).
 * This is the one place the response shapes live. Thread-safe (immutable).
 */
public final class Queries {
    /** The longest activity page. */
    public static final int MAX_PAGE_SIZE = FullRecordQuery.MAX_PAGE_SIZE;
    private static final int DEFAULT_PAGE_SIZE = 10;
    private static final int MAX_START_RECORD = 10_000_000;
    private static final long DEFAULT_NEW_COMPANY_DAYS = 7;

    private final Defaults defaults;
    private final LongSupplier nowSeconds;

    public Queries(Defaults defaults, LongSupplier nowSeconds) {
        this.defaults = defaults;
        this.nowSeconds = nowSeconds;
    }

    public Defaults defaults() {
        return defaults;
    }

    private static Map<String, Object> root(String key, Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(key, value);
        return out;
    }

    private Filter filter(Vault vault, RequestParams params) {
        return Filter.parse(params, vault, defaults);
    }

    private Selection select(Vault vault, Filter filter, Param... ignored) {
        Set<Param> ignore = ignored.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(ignored));
        return RecordFilter.select(vault, filter.without(ignore), nowSeconds.getAsLong());
    }

    /** The metric an aggregate counts: the raw parameter if it names one metric, else the default. */
    private Metric aggregationMetric(RequestParams params) {
        String raw = params.first(Param.METRIC.id());
        Metric m = Metric.of(raw == null || raw.isEmpty() ? defaults.metric() : raw.toLowerCase(Locale.ROOT));
        return m != null ? m : Metric.of(defaults.metric()) != null ? Metric.of(defaults.metric()) : Metric.MARKS;
    }

    private static boolean absent(RequestParams params, Param param) {
        return params.given(param.id()) == null;
    }

    private Map<String, Object> stats(Vault vault, RequestParams params, GroupBy groupBy) {
        Filter filter = filter(vault, params);
        return root("stats", StatsQuery.aggregate(vault, select(vault, filter), aggregationMetric(params), groupBy,
                groupBy == GroupBy.USER ? ModuleScope.plainModules(vault, filter.modules()) : null));
    }

    public Map<String, Object> statsCompanies(Vault vault, RequestParams params) {
        return stats(vault, params, GroupBy.COMPANY);
    }

    public Map<String, Object> statsModules(Vault vault, RequestParams params) {
        return stats(vault, params, GroupBy.MODULE);
    }

    public Map<String, Object> statsEngineers(Vault vault, RequestParams params) {
        return stats(vault, params, GroupBy.USER);
    }

    public Map<String, Object> statsEngineersExtended(Vault vault, RequestParams params) {
        Filter filter = filter(vault, params);
        return root("stats", StatsQuery.engineersExtended(vault, select(vault, filter, Param.METRIC),
                ModuleScope.plainModules(vault, filter.modules()), nowSeconds.getAsLong()));
    }

    public Map<String, Object> statsDistinctEngineers(Vault vault, RequestParams params) {
        return root("stats", StatsQuery.distinctEngineers(vault, select(vault, filter(vault, params))));
    }

    public Map<String, Object> statsTimeline(Vault vault, RequestParams params) {
        Filter filter = filter(vault, params);
        Selection rows = select(vault, filter, Param.RELEASE, Param.START_DATE);
        return root("timeline", TimelineQuery.timeline(vault, filter, rows, nowSeconds.getAsLong()));
    }

    /** Blueprints; without a metric parameter both drafted and completed ones (the original showed none). */
    public Map<String, Object> statsBlueprints(Vault vault, RequestParams params) {
        Filter filter = filter(vault, params);
        Selection rows = absent(params, Param.METRIC) ? select(vault, filter, Param.METRIC) : select(vault, filter);
        return root("stats", FullRecordQuery.blueprints(vault, rows));
    }

    /** Translations per language; without a metric parameter, translations (the original showed none). */
    public Map<String, Object> statsLanguages(Vault vault, RequestParams params) {
        Filter filter = filter(vault, params);
        Selection rows = absent(params, Param.METRIC) ? select(vault, filter, Param.LANGUAGE, Param.METRIC)
                : select(vault, filter, Param.LANGUAGE);
        return root("stats", ListQuery.languageStats(vault, rows));
    }

    /**
     * The activity log; {@code query_message} searches commit messages, so without a metric
     * parameter it selects commits rather than the default metric's marks, which have none.
     */
    public Map<String, Object> activity(Vault vault, RequestParams params) {
        String queryMessage = params.first("query_message");
        boolean search = queryMessage != null && !queryMessage.isEmpty();
        Filter filter = filter(vault, search && absent(params, Param.METRIC) ? with(params, Param.METRIC, "commits")
                : params);
        int startRecord = intParam(params, "start_record", 0, 0, MAX_START_RECORD);
        int pageSize = intParam(params, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        return root("activity", FullRecordQuery.activity(vault, select(vault, filter), startRecord, pageSize,
                queryMessage, Links.of(params, vault, defaults)));
    }

    public Map<String, Object> contribution(Vault vault, RequestParams params) {
        return root("contribution", ContributionQuery.summary(vault, select(vault, filter(vault, params),
                Param.METRIC)));
    }

    public Map<String, Object> companies(Vault vault, RequestParams params) {
        Filter filter = filter(vault, params);
        return root("data", ListQuery.companies(vault, select(vault, filter, Param.COMPANY), filter));
    }

    public Map<String, Object> modules(Vault vault, RequestParams params) {
        Filter filter = filter(vault, params);
        return root("data", ListQuery.modules(vault, select(vault, filter, Param.MODULE), params.tags()));
    }

    /**
     * Members; without a metric parameter, member records (the original showed none). An
     * explicit metric selecting other records is a 404, as in the original.
     */
    public Map<String, Object> members(Vault vault, RequestParams params) {
        RequestParams withMetric = absent(params, Param.METRIC) ? with(params, Param.METRIC, "members") : params;
        Filter filter = filter(vault, withMetric);
        Selection rows = select(vault, filter, Param.RELEASE, Param.PROJECT_TYPE, Param.MODULE);
        RecordTable t = vault.records();
        return root("members", FullRecordQuery.members(vault,
                only(rows, row -> t.type(row) == RecordType.MEMBER, "member records")));
    }

    /**
     * Languages; without a metric parameter, of translations (the original showed none). An
     * explicit metric selecting records whose value is not a language name is a 404, as in
     * the original.
     */
    public Map<String, Object> languages(Vault vault, RequestParams params) {
        RequestParams withMetric = absent(params, Param.METRIC) ? with(params, Param.METRIC, "translations") : params;
        Filter filter = filter(vault, withMetric);
        RecordTable t = vault.records();
        return root("data", ListQuery.languages(vault,
                only(select(vault, filter, Param.LANGUAGE), row -> t.textValue(row) >= 0, "translations")));
    }

    /**
     * {@code rows}, checked to hold only records an endpoint can show: the original failed
     * (its catch-all answered 404) on the first other record, checked here from the columns
     * before any full record is read.
     */
    private static Selection only(Selection rows, IntPredicate shown, String what) {
        for (int i = 0; i < rows.size(); i++) {
            if (!shown.test(rows.row(i))) {
                throw new QueryException(404, Param.METRIC.id(), "the metric selects records other than " + what);
            }
        }
        return rows;
    }

    private static RequestParams with(RequestParams params, Param param, String value) {
        return name -> name.equals(param.id()) ? value : params.first(name);
    }

    public Map<String, Object> users(Vault vault, RequestParams params) {
        Filter filter = filter(vault, params);
        return root("data", ListQuery.users(vault, select(vault, filter, Param.USER_ID), filter,
                nowSeconds.getAsLong()));
    }

    public Choices<Choice> releases(Vault vault, RequestParams params) {
        filter(vault, params);
        return ListQuery.releases(vault, defaults);
    }

    public Choices<IdText> metrics(Vault vault, RequestParams params) {
        filter(vault, params);
        return ListQuery.metrics(defaults);
    }

    public Choices<ProjectTypeItem> projectTypes(Vault vault, RequestParams params) {
        filter(vault, params);
        return ListQuery.projectTypes(vault, defaults);
    }

    public Map<String, Object> affiliationChanges(Vault vault, RequestParams params) {
        // the original's defaults are dates: midnight a year ago, and midnight today
        long today = Dates.day(nowSeconds.getAsLong()) * Dates.DAY;
        long start = daysParam(params, "start_days", today - 365 * Dates.DAY);
        long end = daysParam(params, "end_days", today);
        return root("affiliation_changes", ListQuery.affiliationChanges(vault, start, end));
    }

    public Map<String, Object> newCompanies(Vault vault, RequestParams params) {
        Filter filter = filter(vault, params);
        long days = intParam(params, "days", (int) DEFAULT_NEW_COMPANY_DAYS, 0, 1_000_000);
        return root("stats", ListQuery.newCompanies(vault, select(vault, filter, Param.START_DATE), days,
                nowSeconds.getAsLong()));
    }

    public Map<String, Object> company(Vault vault, RequestParams params, String name) {
        filter(vault, params);
        return root("company", ListQuery.company(vault, name));
    }

    public Map<String, Object> module(Vault vault, RequestParams params, String moduleId) {
        Filter filter = filter(vault, params);
        String projectType = filter.projectTypes().isEmpty() ? defaults.projectType() : filter.projectTypes().get(0);
        String release = filter.release() == null ? defaults.release(vault) : filter.release();
        return root("module", ListQuery.module(vault, moduleId, projectType, release));
    }

    public Map<String, Object> user(Vault vault, RequestParams params, String userId) {
        return root("user", ListQuery.user(vault, userId, Links.of(params, vault, defaults), nowSeconds.getAsLong()));
    }

    private static int intParam(RequestParams params, String name, int otherwise, int min, int max) {
        String raw = params.first(name);
        if (raw == null || raw.isEmpty()) {
            return otherwise;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw QueryException.malformed(name, name + " must be an integer, not '" + raw + "'");
        }
        if (value < min || value > max) {
            throw QueryException.malformed(name, name + " must be between " + min + " and " + max + ", not " + raw);
        }
        return (int) value;
    }

    private static long daysParam(RequestParams params, String name, long otherwise) {
        String raw = params.first(name);
        return raw == null || raw.isEmpty() ? otherwise : Dates.parseDays(name, raw);
    }
}
