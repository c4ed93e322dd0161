package org.stackvault.api.original;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackvault.api.original.ScenarioServer.dict;
import static org.stackvault.api.original.ScenarioServer.json;
import static org.stackvault.testing.TestRecords.makeRecords;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackvault.testing.TestStore;

/** The scenarios of the original's {@code stackalytics/tests/api/test_companies.py}. */
class OriginalCompaniesTest {

    // ports test_companies.TestAPICompanies.test_get_companies
    @Test
    void companies_listsTheCompaniesOfTheSelectedRecordTypeInTheModule_sortedByName() throws Exception {
        TestStore store = ScenarioServer.storage()
                .repos(List.of(
                        dict(
                                "module",
                                "nova",
                                "project_type",
                                "openstack",
                                "organization",
                                "openstack",
                                "uri",
                                "https://git.openstack.org/openstack/nova.git"),
                        dict(
                                "module",
                                "glance",
                                "project_type",
                                "openstack",
                                "organization",
                                "openstack",
                                "uri",
                                "https://git.openstack.org/openstack/glance.git")))
                .projectTypes(
                        List.of(dict("id", "openstack", "title", "OpenStack", "modules", List.of("nova", "glance"))))
                .releases(List.of(
                        dict("release_name", "prehistory", "end_date", 1234567890L),
                        dict("release_name", "icehouse", "end_date", 1234567890L)))
                .moduleGroups(dict(
                        "openstack", dict("module_group_name", "openstack", "modules", List.of("nova", "glance")),
                        "nova", dict("module_group_name", "nova", "modules", List.of("nova")),
                        "glance", dict("module_group_name", "glance", "modules", List.of("glance"))))
                .loadGenerated(
                        makeRecords()
                                .with("record_type", "commit")
                                .with("loc", 10, 20, 30)
                                .with("module", "glance")
                                .with("company_name", "NEC", "IBM", "NTT"),
                        makeRecords()
                                .with("record_type", "review")
                                .with("primary_key", "0123456789", "9876543210")
                                .with("module", "glance")
                                .with("company_name", "IBM"),
                        makeRecords()
                                .with("record_type", "mark")
                                .with("review_id", "0123456789", "9876543210")
                                .with("module", "glance")
                                .with("company_name", "IBM"),
                        makeRecords()
                                .with("record_type", "mark")
                                .with("review_id", "0123456789")
                                .with("module", "glance")
                                .with("company_name", "NEC"));
        try (ScenarioServer api = ScenarioServer.serve(store)) {
            JsonNode companies = api.getJson("/api/1.0/companies?metric=commits&module=glance")
                    .get("data");
            assertEquals(
                    json("[{'id': 'ibm', 'text': 'IBM'}, {'id': 'nec', 'text': 'NEC'},"
                            + " {'id': 'ntt', 'text': 'NTT'}]"),
                    companies);

            companies =
                    api.getJson("/api/1.0/companies?metric=marks&module=glance").get("data");
            assertEquals(json("[{'id': 'ibm', 'text': 'IBM'}, {'id': 'nec', 'text': 'NEC'}]"), companies);
        }
    }

    // ports test_companies.TestAPICompanies.test_get_company
    @Test
    void company_isFoundCaseInsensitively_andAnUnknownOneIs404() throws Exception {
        TestStore store = ScenarioServer.storage()
                .repos(List.of(
                        dict(
                                "module",
                                "nova",
                                "project_type",
                                "openstack",
                                "organization",
                                "openstack",
                                "uri",
                                "https://git.openstack.org/openstack/nova.git"),
                        dict(
                                "module",
                                "glance",
                                "project_type",
                                "openstack",
                                "organization",
                                "openstack",
                                "uri",
                                "https://git.openstack.org/openstack/glance.git")))
                .moduleGroups(dict(
                        "nova", TestStore.makeModule("nova"),
                        "glance", TestStore.makeModule("glance")))
                .releases(List.of(
                        dict("release_name", "prehistory", "end_date", 1234567890L),
                        dict("release_name", "icehouse", "end_date", 1234567890L)))
                .projectTypes(List.of(
                        dict("id", "all", "title", "All", "modules", List.of("nova", "glance", "nova-cli")),
                        dict("id", "openstack", "title", "OpenStack", "modules", List.of("nova", "glance"))))
                .loadGenerated(makeRecords()
                        .with("record_type", "commit")
                        .with("loc", 10, 20, 30)
                        .with("module", "glance")
                        .with("company_name", "NEC", "IBM", "NTT"));
        try (ScenarioServer api = ScenarioServer.serve(store)) {
            JsonNode company =
                    api.getJson("/api/1.0/companies/nec?module=glance").get("company");
            assertEquals(json("{'id': 'nec', 'text': 'NEC'}"), company);

            assertEquals(404, api.get("/api/1.0/companies/google?module=glance").statusCode());
        }
    }
}
