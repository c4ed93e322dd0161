package org.stackvault.api.original;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackvault.api.original.ScenarioServer.dict;
import static org.stackvault.api.original.ScenarioServer.json;
import static org.stackvault.testing.TestRecords.makeRecords;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stackvault.testing.TestStore;

/** The scenarios of the original's {@code stackalytics/tests/api/test_stats.py}. */
class OriginalStatsTest {

    /** The reference data the three scenarios share (each defines it in full, identically but for repos). */
    private static TestStore referenceData(boolean reposWithProjectType) {
        return ScenarioServer.storage()
                .repos(List.of(repo("nova", reposWithProjectType), repo("glance", reposWithProjectType)))
                .releases(List.of(
                        dict("release_name", "prehistory", "end_date", 1234567890L),
                        dict("release_name", "icehouse", "end_date", 1234567890L)))
                .moduleGroups(dict(
                        "openstack",
                                dict(
                                        "id",
                                        "openstack",
                                        "module_group_name",
                                        "openstack",
                                        "modules",
                                        List.of("nova", "glance"),
                                        "tag",
                                        "group"),
                        "nova", TestStore.makeModule("nova"),
                        "glance", TestStore.makeModule("glance")))
                .projectTypes(List.of(dict("id", "all", "title", "All", "modules", List.of("nova", "glance"))));
    }

    private static Map<String, Object> repo(String module, boolean withProjectType) {
        Map<String, Object> repo = dict("module", module);
        if (withProjectType) {
            repo.put("project_type", "openstack");
        }
        repo.put("organization", "openstack");
        repo.put("uri", "https://git.openstack.org/openstack/" + module + ".git");
        return repo;
    }

    /** A user as these scenarios define one: every one with seq 1 and no core roles. */
    private static Map<String, Object> user(String userId, String name, String company, String email) {
        return dict(
                "seq",
                1L,
                "user_id",
                userId,
                "user_name",
                name,
                "companies",
                List.of(dict("company_name", company, "end_date", 0L)),
                "emails",
                List.of(email),
                "core",
                List.of());
    }

    // ports test_stats.TestAPIStats.test_get_modules
    @Test
    void statsModules_ofLoc_sumLinesPerModule_largestFirst() throws Exception {
        TestStore store = referenceData(false)
                .loadGenerated(
                        makeRecords()
                                .with("record_type", "commit")
                                .with("loc", 10, 20, 30)
                                .with("module", "nova"),
                        makeRecords()
                                .with("record_type", "commit")
                                .with("loc", 100, 200, 300)
                                .with("module", "glance"));
        try (ScenarioServer api = ScenarioServer.serve(store)) {
            JsonNode stats = api.getJson("/api/1.0/stats/modules?metric=loc&project_type=all")
                    .get("stats");
            assertEquals(2, stats.size(), stats.toString());
            assertEquals(json("600"), stats.get(0).get("metric"));
            assertEquals(json("'glance'"), stats.get(0).get("id"));
            assertEquals(json("60"), stats.get(1).get("metric"));
            assertEquals(json("'nova'"), stats.get(1).get("id"));
        }
    }

    // ports test_stats.TestAPIStats.test_get_engineers
    @Test
    void statsEngineers_ofLoc_countOnlyCommitAuthors_summingTheirLinesOverModules() throws Exception {
        TestStore store = referenceData(true)
                .userAt("john_doe", user("john_doe", "John Doe", "NEC", "john_doe@gmail.com"))
                .userAt("bill", user("bill", "Bill Smith", "IBM", "bill_smith@gmail.com"))
                .loadGenerated(
                        makeRecords()
                                .with("record_type", "commit")
                                .with("loc", 10, 20, 30)
                                .with("module", "nova")
                                .with("user_id", "john_doe"),
                        makeRecords()
                                .with("record_type", "commit")
                                .with("loc", 100, 200, 300)
                                .with("module", "glance")
                                .with("user_id", "john_doe"),
                        makeRecords()
                                .with("record_type", "review")
                                .with("primary_key", "0123456789")
                                .with("module", "glance"),
                        makeRecords()
                                .with("record_type", "mark")
                                .with("review_id", "0123456789")
                                .with("module", "glance")
                                .with("user_id", "john_doe", "bill"));
        try (ScenarioServer api = ScenarioServer.serve(store)) {
            JsonNode stats = api.getJson("/api/1.0/stats/engineers?metric=loc&project_type=all")
                    .get("stats");
            assertEquals(1, stats.size(), stats.toString());
            assertEquals(json("660"), stats.get(0).get("metric"));
        }
    }

    // ports test_stats.TestAPIStats.test_get_engineers_extended
    @Test
    void statsEngineersExtended_countEachRecordTypeAndMark_perEngineer_mostReviewsFirst() throws Exception {
        TestStore store = referenceData(true)
                .userAt("john_doe", user("john_doe", "John Doe", "NEC", "john_doe@gmail.com"))
                .userAt("smith", user("smith", "Bill Smith", "IBM", "bill_smith@gmail.com"))
                .loadGenerated(
                        makeRecords()
                                .with("record_type", "commit")
                                .with("loc", 10, 20, 30)
                                .with("module", "nova")
                                .with("user_id", "john_doe"),
                        makeRecords()
                                .with("record_type", "review")
                                .with("primary_key", "0123456789", "9876543210")
                                .with("module", "glance"),
                        makeRecords()
                                .with("record_type", "mark")
                                .with("review_id", "0123456789", "9876543210")
                                .with("module", "glance")
                                .with("value", 1)
                                .with("type", "Code-Review")
                                .with("author_name", "John Doe")
                                .with("user_id", "john_doe"),
                        makeRecords()
                                .with("record_type", "mark")
                                .with("review_id", "0123456789")
                                .with("module", "glance")
                                .with("author_name", "Bill Smith")
                                .with("user_id", "smith"));
        try (ScenarioServer api = ScenarioServer.serve(store)) {
            JsonNode stats = api.getJson("/api/1.0/stats/engineers_extended?project_type=all")
                    .get("stats");
            assertEquals(2, stats.size(), stats.toString());
            assertEquals(json("2"), stats.get(0).get("mark"));
            assertEquals(json("'john_doe'"), stats.get(0).get("id"));
            assertEquals(json("3"), stats.get(0).get("commit"));
            assertEquals(json("2"), stats.get(0).get("1"));
        }
    }
}
