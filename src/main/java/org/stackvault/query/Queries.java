package org.stackvault.query;

import java.time.InstantSource;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.IntPredicate;
import org.stackvault.vault.RecordTable;
import org.stackvault.vault.RecordType;
import org.stackvault.vault.Vault;

/**
 * The queries behind {@link Endpoint}s: each turns one parsed {@link ApiRequest} into its
 * typed answer ({@link Answers}) — which rows it selects, which filters it ignores there,
 * what it computes. Thread-safe (immutable).
 */
public final class Queries {
    /** The longest activity page. */
    public static final int MAX_PAGE_SIZE = FullRecordQuery.MAX_PAGE_SIZE;

    private final Defaults defaults;
    private final InstantSource clock;

    public Queries(Defaults defaults, InstantSource clock) {
        this.defaults = defaults;
        this.clock = clock;
    }

    public Defaults defaults() {
        return defaults;
    }

    /**
     * What {@code endpoint} reads of {@code params}, validated against {@code vault}, at the
     * clock's now.
     *
     * @param id the decoded id of an endpoint that takes one, else null
     * @throws QueryException 404 for an unknown filter value, 400 for a malformed parameter
     */
    public ApiRequest parse(Endpoint<?> endpoint, String id, RequestParams params, Vault vault) {
        return ApiRequest.parse(
                endpoint, id, params, vault, defaults, clock.instant().getEpochSecond());
    }

    /** The answer to a parsed request. */
    public Object answer(ApiRequest request) {
        return request.endpoint().answer(this, request);
    }

    /** Parses and answers in one step, typed (for callers outside the web layer). */
    public <A> A answer(Endpoint<A> endpoint, String id, RequestParams params, Vault vault) {
        return endpoint.answer(this, parse(endpoint, id, params, vault));
    }

    /** The request's rows, with {@code ignored} filters left out (the original's {@code ignore=[...]}). */
    private static Selection select(ApiRequest request, Param... ignored) {
        Set<Param> ignore = ignored.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(ignored));
        return RecordFilter.select(request.vault(), request.filter().without(ignore), request.now());
    }

    private static Answers.Stats stats(ApiRequest request, GroupBy groupBy) {
        Vault vault = request.vault();
        return new Answers.Stats(StatsQuery.aggregate(
                vault,
                select(request),
                request.aggregationMetric(),
                groupBy,
                groupBy == GroupBy.USER
                        ? ModuleScope.plainModules(vault, request.filter().modules())
                        : null));
    }

    Answers.Stats statsCompanies(ApiRequest request) {
        return stats(request, GroupBy.COMPANY);
    }

    Answers.Stats statsModules(ApiRequest request) {
        return stats(request, GroupBy.MODULE);
    }

    Answers.Stats statsEngineers(ApiRequest request) {
        return stats(request, GroupBy.USER);
    }

    Answers.ExtendedEngineers statsEngineersExtended(ApiRequest request) {
        Vault vault = request.vault();
        return new Answers.ExtendedEngineers(StatsQuery.engineersExtended(
                vault,
                select(request, Param.METRIC),
                ModuleScope.plainModules(vault, request.filter().modules()),
                request.now()));
    }

    Answers.DistinctEngineers statsDistinctEngineers(ApiRequest request) {
        return new Answers.DistinctEngineers(StatsQuery.distinctEngineers(request.vault(), select(request)));
    }

    Answers.Timeline statsTimeline(ApiRequest request) {
        Selection rows = select(request, Param.RELEASE, Param.START_DATE);
        return new Answers.Timeline(TimelineQuery.timeline(request.vault(), request.filter(), rows, request.now()));
    }

    /** Blueprints; without a metric parameter both drafted and completed ones (the original showed none). */
    Answers.Blueprints statsBlueprints(ApiRequest request) {
        return new Answers.Blueprints(FullRecordQuery.blueprints(request.vault(), select(request)));
    }

    /** Translations per language; without a metric parameter, translations (the original showed none). */
    Answers.LanguageStats statsLanguages(ApiRequest request) {
        return new Answers.LanguageStats(ListQuery.languageStats(request.vault(), select(request, Param.LANGUAGE)));
    }

    /**
     * The activity log; {@code query_message} searches commit messages (so without a metric
     * parameter it selects commits, see {@link ApiRequest}).
     */
    Answers.Activity activity(ApiRequest request) {
        return new Answers.Activity(FullRecordQuery.activity(
                request.vault(),
                select(request),
                request.intExtra(Extra.START_RECORD),
                request.intExtra(Extra.PAGE_SIZE),
                (String) request.extra(Extra.QUERY_MESSAGE),
                request.links()));
    }

    Answers.Contribution contribution(ApiRequest request) {
        return new Answers.Contribution(ContributionQuery.summary(request.vault(), select(request, Param.METRIC)));
    }

    Answers.Companies companies(ApiRequest request) {
        return new Answers.Companies(
                ListQuery.companies(request.vault(), select(request, Param.COMPANY), request.filter()));
    }

    Answers.Modules modules(ApiRequest request) {
        return new Answers.Modules(ListQuery.modules(request.vault(), select(request, Param.MODULE), request.tags()));
    }

    /**
     * Members; without a metric parameter, member records (the original showed none). An
     * explicit metric selecting other records is a 404, as in the original.
     */
    Answers.Members members(ApiRequest request) {
        Selection rows = select(request, Param.RELEASE, Param.PROJECT_TYPE, Param.MODULE);
        RecordTable t = request.vault().records();
        return new Answers.Members(FullRecordQuery.members(
                request.vault(), only(rows, row -> t.type(row) == RecordType.MEMBER, "member records")));
    }

    /**
     * Languages; without a metric parameter, of translations (the original showed none). An
     * explicit metric selecting records whose value is not a language name is a 404, as in
     * the original.
     */
    Answers.Languages languages(ApiRequest request) {
        RecordTable t = request.vault().records();
        return new Answers.Languages(ListQuery.languages(
                request.vault(), only(select(request, Param.LANGUAGE), row -> t.textValue(row) >= 0, "translations")));
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

    Answers.Users users(ApiRequest request) {
        return new Answers.Users(
                ListQuery.users(request.vault(), select(request, Param.USER_ID), request.filter(), request.now()));
    }

    Answers.Releases releases(ApiRequest request) {
        return ListQuery.releases(request.vault(), defaults);
    }

    Answers.Metrics metrics(ApiRequest request) {
        return ListQuery.metrics(defaults);
    }

    Answers.ProjectTypes projectTypes(ApiRequest request) {
        return ListQuery.projectTypes(request.vault(), defaults);
    }

    Answers.AffiliationChanges affiliationChanges(ApiRequest request) {
        return new Answers.AffiliationChanges(ListQuery.affiliationChanges(
                request.vault(), request.secondsExtra(Extra.START_DAYS), request.secondsExtra(Extra.END_DAYS)));
    }

    Answers.NewCompanies newCompanies(ApiRequest request) {
        return new Answers.NewCompanies(ListQuery.newCompanies(
                request.vault(), select(request, Param.START_DATE), request.intExtra(Extra.DAYS), request.now()));
    }

    Answers.Company company(ApiRequest request) {
        return new Answers.Company(ListQuery.company(request.vault(), request.id()));
    }

    Answers.Module module(ApiRequest request) {
        Vault vault = request.vault();
        Filter filter = request.filter();
        String projectType = filter.projectTypes().isEmpty()
                ? defaults.projectType()
                : filter.projectTypes().get(0);
        String release = filter.release() == null ? defaults.release(vault) : filter.release();
        return new Answers.Module(ListQuery.module(vault, request.id(), projectType, release));
    }

    Answers.User user(ApiRequest request) {
        return new Answers.User(ListQuery.user(request.vault(), request.id(), request.links(), request.now()));
    }
}
