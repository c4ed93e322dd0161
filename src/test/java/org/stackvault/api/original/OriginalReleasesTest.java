package org.stackvault.api.original;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackvault.api.original.ScenarioServer.assertIn;
import static org.stackvault.api.original.ScenarioServer.dict;
import static org.stackvault.api.original.ScenarioServer.json;
import static org.stackvault.testing.TestRecords.makeRecords;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackvault.testing.TestStore;

/** The scenarios of the original's {@code stackalytics/tests/api/test_releases.py}. */
class OriginalReleasesTest {

    // ports test_releases.TestAPIReleases.test_releases
    @Test
    void releases_areAllPlusEveryReleaseButPrehistory_capitalized_withTheirProject() throws Exception {
        TestStore store = ScenarioServer.storage()
                .releases(List.of(
                        dict("release_name", "prehistory", "end_date", 1365033600L, "project", "nova"),
                        dict("release_name", "havana", "end_date", 1381968000L, "project", "glance"),
                        dict("release_name", "icehouse", "end_date", 1397692800L, "project", "nova-cli")))
                .projectTypes(List.of(
                        dict("id", "all", "title", "All", "modules", List.of("nova", "glance", "nova-cli")),
                        dict("id", "openstack", "title", "OpenStack", "modules", List.of("nova", "glance"))))
                .loadGenerated(makeRecords().with("record_type", "commit"));
        try (ScenarioServer api = ScenarioServer.serve(store)) {
            JsonNode releases = api.getJson("/api/1.0/releases").get("data");
            assertEquals(3, releases.size(), releases.toString());
            assertIn(json("{'id': 'all', 'text': 'All'}"), releases);
            assertIn(json("{'project': 'nova-cli', 'id': 'icehouse', 'text': 'Icehouse'}"), releases);
        }
    }
}
