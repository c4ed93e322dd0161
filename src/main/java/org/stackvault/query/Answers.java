package org.stackvault.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The answer of each endpoint: its root key and what it holds. One record per shape;
 * Jackson writes each as the original's JSON.
 */
public final class Answers {
    private Answers() {}

    /** {@code stats/companies|modules|engineers}. */
    public record Stats(List<StatsRow> stats) {}

    /** {@link Endpoint#STATS_ENGINEERS_EXTENDED}. */
    public record ExtendedEngineers(List<ExtendedEngineerRow> stats) {}

    /** {@code stats/distinct_engineers}: user id to the engineer. */
    public record DistinctEngineers(Map<String, DistinctEngineer> stats) {}

    /** {@code stats/timeline}: three weekly series of [week, count] pairs. */
    public record Timeline(org.stackvault.query.Timeline timeline) {}

    /** {@code stats/bp}. */
    public record Blueprints(List<BlueprintStat> stats) {}

    /** {@code stats/languages}. */
    public record LanguageStats(List<LanguageStat> stats) {}

    /** {@code activity}: whole records, each with the free-form fields it was stored with. */
    public record Activity(List<Map<String, Object>> activity) {}

    /** {@code contribution}. */
    public record Contribution(ContributionSummary contribution) {}

    /** {@code members}. */
    public record Members(List<Member> members) {}

    /** {@code companies}. */
    public record Companies(List<IdText> data) {}

    /** {@code modules}. */
    public record Modules(List<ModuleItem> data) {}

    /** {@code users}. */
    public record Users(List<UserItem> data) {}

    /** {@code languages}. */
    public record Languages(List<IdText> data) {}

    /** {@code releases}. */
    public record Releases(
            List<Choice> data, @JsonProperty("default") String defaultRelease) {}

    /** {@code metrics}. */
    public record Metrics(
            List<IdText> data, @JsonProperty("default") String defaultMetric) {}

    /** {@code project_types}. */
    public record ProjectTypes(
            List<ProjectTypeItem> data,
            @JsonProperty("default") String defaultProjectType) {}

    /** {@code affiliation_changes}. */
    public record AffiliationChanges(
            @JsonProperty("affiliation_changes") List<AffiliationChange> changes) {}

    /** {@code new_companies}. */
    public record NewCompanies(List<NewCompany> stats) {}

    /** {@code companies/<id>}. */
    public record Company(IdText company) {}

    /** {@code modules/<id>}. */
    public record Module(ModuleDetails module) {}

    /** {@code users/<id>}: the stored profile's free-form fields, with id, text and a company link. */
    public record User(Map<String, Object> user) {}
}
