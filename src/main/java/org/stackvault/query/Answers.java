package org.stackvault.query;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The answer of each endpoint: its root key and what it holds. One record per shape;
 * Jackson writes each as the original's JSON.
 */
public final class Answers {
    private Answers() {
    }

    /** {@code stats/companies|modules|engineers}. */
    public record Stats(List<Map<String, Object>> stats) {
    }

    /** {@code stats/engineers_extended}. */
    public record ExtendedEngineers(List<Map<String, Object>> stats) {
    }

    /** {@code stats/distinct_engineers}: user id to the engineer. */
    public record DistinctEngineers(Map<String, Object> stats) {
    }

    /** {@code stats/timeline}: three weekly series of [week, count] pairs. */
    public record Timeline(List<List<List<Object>>> timeline) {
    }

    /** {@code stats/bp}. */
    public record Blueprints(List<Map<String, Object>> stats) {
    }

    /** {@code stats/languages}. */
    public record LanguageStats(List<Map<String, Object>> stats) {
    }

    /** {@code activity}: whole records, each with the free-form fields it was stored with. */
    public record Activity(List<Map<String, Object>> activity) {
    }

    /** {@code contribution}. */
    public record Contribution(Map<String, Object> contribution) {
    }

    /** {@code members}. */
    public record Members(List<Map<String, Object>> members) {
    }

    /** {@code companies}. */
    public record Companies(List<Map<String, Object>> data) {
    }

    /** {@code modules}. */
    public record Modules(List<Map<String, Object>> data) {
    }

    /** {@code users}. */
    public record Users(List<Map<String, Object>> data) {
    }

    /** {@code languages}. */
    public record Languages(List<Map<String, Object>> data) {
    }

    /** {@code releases}. */
    public record Releases(List<Map<String, Object>> data, @JsonProperty("default") String defaultRelease) {
    }

    /** {@code metrics}. */
    public record Metrics(List<Map<String, Object>> data, @JsonProperty("default") String defaultMetric) {
    }

    /** {@code project_types}. */
    public record ProjectTypes(List<Map<String, Object>> data, @JsonProperty("default") String defaultProjectType) {
    }

    /** {@code affiliation_changes}. */
    public record AffiliationChanges(@JsonProperty("affiliation_changes") List<Map<String, Object>> changes) {
    }

    /** {@code new_companies}. */
    public record NewCompanies(List<Map<String, Object>> stats) {
    }

    /** {@code companies/<id>}. */
    public record Company(Map<String, Object> company) {
    }

    /** {@code modules/<id>}. */
    public record Module(Map<String, Object> module) {
    }

    /** {@code users/<id>}: the stored profile's free-form fields, with id, text and a company link. */
    public record User(Map<String, Object> user) {
    }
}
