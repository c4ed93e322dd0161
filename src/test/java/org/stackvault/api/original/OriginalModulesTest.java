package org.stackvault.api.original;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackvault.api.original.ScenarioServer.dict;
import static org.stackvault.api.original.ScenarioServer.json;
import static org.stackvault.testing.TestRecords.makeRecords;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stackvault.testing.TestStore;

/** The scenarios of the original's {@code stackalytics/tests/api/test_modules.py}. */
class OriginalModulesTest {

    // ports test_modules.TestAPIModules.test_get_modules
    @Test
    void modules_areThoseOfTheProjectType_plusGroupsHoldingAnyOfThem_andIgnoreTheModuleFilter() throws Exception {
        TestStore store = ScenarioServer.storage()
                .repos(List.of(
                        dict(
                                "module",
                                "nova",
                                "organization",
                                "openstack",
                                "uri",
                                "https://git.openstack.org/openstack/nova.git"),
                        dict(
                                "module",
                                "glance",
                                "organization",
                                "openstack",
                                "uri",
                                "https://git.openstack.org/openstack/glance.git")))
                .moduleGroups(dict(
                        "nova-group",
                                dict(
                                        "id",
                                        "nova-group",
                                        "module_group_name",
                                        "nova-group",
                                        "modules",
                                        List.of("nova", "nova-cli"),
                                        "tag",
                                        "group"),
                        "nova", TestStore.makeModule("nova"),
                        "nova-cli", TestStore.makeModule("nova-cli"),
                        "glance", TestStore.makeModule("glance")))
                .releases(List.of(
                        dict("release_name", "prehistory", "end_date", 1234567890L),
                        dict("release_name", "icehouse", "end_date", 1234567890L)))
                .projectTypes(List.of(
                        dict("id", "all", "title", "All", "modules", List.of("nova", "glance", "nova-cli")),
                        dict("id", "integrated", "title", "Integrated", "modules", List.of("nova", "glance"))))
                .loadGenerated(
                        makeRecords().with("record_type", "commit").with("module", "glance", "nova", "nova-cli"));
        try (ScenarioServer api = ScenarioServer.serve(store)) {
            JsonNode modules = api.getJson("/api/1.0/modules?project_type=all&metric=commits")
                    .get("data");
            assertEquals(
                    json("[{'id': 'glance', 'text': 'glance', 'tag': 'module'},"
                            + " {'id': 'nova', 'text': 'nova', 'tag': 'module'},"
                            + " {'id': 'nova-cli', 'text': 'nova-cli', 'tag': 'module'},"
                            + " {'id': 'nova-group', 'text': 'nova-group', 'tag': 'group'}]"),
                    modules,
                    "Expected modules belonging to project type plus module groups that are completely within"
                            + " project type");

            modules = api.getJson("/api/1.0/modules?module=nova-group&project_type=integrated&metric=commits")
                    .get("data");
            assertEquals(
                    json("[{'id': 'glance', 'text': 'glance', 'tag': 'module'},"
                            + " {'id': 'nova', 'text': 'nova', 'tag': 'module'},"
                            + " {'id': 'nova-group', 'text': 'nova-group', 'tag': 'group'}]"),
                    modules,
                    "Expected modules belonging to project type plus module groups that are completely within"
                            + " project type");
        }
    }

    // ports test_modules.TestAPIModules.test_get_module
    @Test
    void module_listsItsModulesByName_visibleWhenInTheDefaultProjectType_withTheirRepoUri() throws Exception {
        TestStore store = ScenarioServer.storage()
                .repos(List.of(dict(
                        "module",
                        "nova",
                        "organization",
                        "openstack",
                        "uri",
                        "https://git.openstack.org/openstack/nova.git")))
                .moduleGroups(dict(
                        "nova-group",
                                dict(
                                        "id",
                                        "nova-group",
                                        "module_group_name",
                                        "nova-group",
                                        "modules",
                                        List.of("nova-cli", "nova"),
                                        "tag",
                                        "group"),
                        "nova", TestStore.makeModule("nova"),
                        "nova-cli", TestStore.makeModule("nova-cli")))
                .releases(List.of(
                        dict("release_name", "prehistory", "end_date", 1234567890L),
                        dict("release_name", "icehouse", "end_date", 1234567890L)))
                .projectTypes(List.of(
                        dict("id", "all", "title", "All", "modules", List.of("nova", "glance", "nova-cli")),
                        dict("id", "openstack", "title", "OpenStack", "modules", List.of("nova", "glance"))))
                .loadGenerated(makeRecords().with("record_type", "commit"));
        try (ScenarioServer api = ScenarioServer.serve(store)) {
            JsonNode module = api.getJson("/api/1.0/modules/nova").get("module");
            assertEquals(
                    json("{'id': 'nova',"
                            + " 'modules': [{'module_name': 'nova', 'visible': true,"
                            + "   'repo_uri': 'https://git.openstack.org/openstack/nova.git'}],"
                            + " 'name': 'Nova', 'tag': 'module'}"),
                    module);

            module = api.getJson("/api/1.0/modules/nova-group").get("module");
            assertEquals(
                    json("{'id': 'nova-group',"
                            + " 'modules': [{'module_name': 'nova', 'visible': true,"
                            + "   'repo_uri': 'https://git.openstack.org/openstack/nova.git'},"
                            + "  {'module_name': 'nova-cli', 'visible': false}],"
                            + " 'name': 'Nova-group', 'tag': 'group'}"),
                    module);
        }
    }
}
