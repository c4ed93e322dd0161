package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stackvault.testing.ApiClient.byId;
import static org.stackvault.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stackvault.source.DumpStorage;
import org.stackvault.testing.ApiClient;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestStore;

/**
 * Module-group ids that are not lower case ({@code FDio}), or differ from another group's
 * only in case ({@code Prometheus} and {@code prometheus}), as the processor's default data
 * has them: the exact id selects its group, another letter case the group it names (the
 * all-lower-case one first).
 */
class ModuleGroupIdsTest {
    private static final String ALL = "release=all&project_type=all";
    private static ApiClient api;

    @BeforeAll
    static void start() throws Exception {
        Map<String, Object> groups = new LinkedHashMap<>();
        groups.put("FDio", group("FDio", "FDio", "organization", "vpp", "csit"));
        groups.put("Prometheus", group("Prometheus", "Prometheus", "organization", "prometheus", "alertmanager"));
        groups.put("prometheus", group("prometheus", "prometheus", "module", "prometheus"));
        groups.put("nova", TestStore.makeModule("nova"));
        Map<String, Object> vppCore = new LinkedHashMap<>();
        vppCore.put("user_id", "vpp_dev");
        vppCore.put("user_name", "Vpp Dev");
        vppCore.put("companies", List.of(Map.of("company_name", "IBM", "end_date", 0L)));
        vppCore.put("core", List.of(List.of("vpp", "master")));
        TestStore store = new TestStore(DumpStorage.empty("module group ids"))
                .releases(List.of(
                        Map.of("release_name", "prehistory", "end_date", 1262304000L),
                        Map.of("release_name", "train", "end_date", TestStore.TRAIN_END)))
                .moduleGroups(groups)
                .projectTypes(List.of(
                        Map.of(
                                "id",
                                "all",
                                "title",
                                "All",
                                "modules",
                                List.of("FDio", "Prometheus", "prometheus", "nova")),
                        Map.of("id", "openstack", "title", "OpenStack", "child", true, "modules", List.of("nova"))))
                .storeUser(vppCore)
                .load(
                        TestRecords.commit().module("vpp").company("IBM").user("vpp_dev", "Vpp Dev"),
                        TestRecords.commit().module("csit").company("Intel"),
                        TestRecords.commit().module("alertmanager").company("Red Hat"),
                        TestRecords.commit().module("prometheus").company("HP"),
                        TestRecords.commit().module("nova").company("AT&T"));
        api = ApiClient.serve(store, Map.of("refresh-interval", "3600"));
    }

    private static Map<String, Object> group(String id, String name, String tag, String... modules) {
        return Map.of("id", id, "module_group_name", name, "tag", tag, "modules", List.of(modules));
    }

    @AfterAll
    static void stop() throws Exception {
        api.close();
    }

    private static JsonNode ok(String path) throws Exception {
        return api.ok(path);
    }

    @ParameterizedTest(name = "module={0} selects {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                // FDio: vpp (IBM), csit (Intel)
                "FDio | {'IBM': 1, 'Intel': 1}",
                "fdio | {'IBM': 1, 'Intel': 1}",
                "FDIO | {'IBM': 1, 'Intel': 1}",
                // Prometheus: prometheus (HP), alertmanager (Red Hat); prometheus: prometheus only
                "Prometheus | {'HP': 1, 'Red Hat': 1}",
                "prometheus | {'HP': 1}",
                "PROMETHEUS | {'HP': 1}",
                "FDio,prometheus | {'HP': 1, 'IBM': 1, 'Intel': 1}",
            })
    void moduleFilter_selectsTheGroupTheIdNames(String module, String expected) throws Exception {
        assertEquals(
                json(expected),
                byId(
                        ok("/api/1.0/stats/companies?" + ALL + "&metric=commits&module=" + module)
                                .get("stats"),
                        "metric"));
    }

    @ParameterizedTest(name = "/modules/{0} is {1}")
    @CsvSource({
        "FDio, FDio, organization, csit vpp",
        "fdio, FDio, organization, csit vpp",
        "Prometheus, Prometheus, organization, alertmanager prometheus",
        "prometheus, prometheus, module, prometheus",
        "PROMETHEUS, prometheus, module, prometheus",
    })
    void moduleEndpoint_answersTheGroupTheIdNames(String requested, String id, String tag, String modules)
            throws Exception {
        JsonNode module = ok("/api/1.0/modules/" + requested).get("module");
        assertEquals(id, module.get("id").asText());
        assertEquals(tag, module.get("tag").asText());
        List<String> names = new ArrayList<>();
        module.get("modules").forEach(m -> names.add(m.get("module_name").asText()));
        assertEquals(List.of(modules.split(" ")), names);
    }

    @Test
    void everyListedModuleId_selectsItsGroup() throws Exception {
        JsonNode listed = ok("/api/1.0/modules?" + ALL + "&metric=commits").get("data");
        List<String> ids = new ArrayList<>();
        listed.forEach(m -> ids.add(m.get("id").asText()));
        assertEquals(List.of("FDio", "Prometheus", "nova", "prometheus"), ids);
        for (String id : ids) {
            assertEquals(
                    id, ok("/api/1.0/modules/" + id).get("module").get("id").asText());
            ok("/api/1.0/contribution?" + ALL + "&module=" + id);
        }
    }

    @Test
    void unknownModuleId_is404() throws Exception {
        assertEquals(
                "module",
                api.error("/api/1.0/stats/companies?" + ALL + "&module=fdiox", 404)
                        .get("parameter")
                        .asText());
        assertEquals(404, api.get("/api/1.0/modules/fdiox").statusCode());
    }

    @Test
    void engineersCore_readsTheModulesOfTheGroupTheIdNames() throws Exception {
        // vpp_dev is core on vpp; john_doe (csit) has no profile here
        assertEquals(
                json("{'vpp_dev': 'master', 'john_doe': null}"),
                byId(
                        ok("/api/1.0/stats/engineers?" + ALL + "&metric=commits&module=fdio")
                                .get("stats"),
                        "core"));
    }
}
