package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stackvault.source.DumpStorage;
import org.stackvault.testing.ApiClient;
import org.stackvault.testing.SharedData;
import org.stackvault.testing.TestServer;

/**
 * The compatibility kit's module groups whose ids are not lower case ({@code FDio},
 * {@code Envoy Proxy}, {@code Prometheus} beside {@code prometheus}, …): each is served and
 * selected under its id. Expectations come from the dump's raw values. Skipped, with a
 * message, when the kit is absent.
 */
class CompatModuleGroupIdsTest {
    private static DumpStorage raw;
    private static Map<?, ?> groups;
    private static ApiClient api;

    @BeforeAll
    static void serveTheKitsDump() throws Exception {
        assumeTrue(SharedData.hasCompat(), "compatibility kit not found at " + SharedData.compat() + "; skipped");
        raw = DumpStorage.load(SharedData.compatDump());
        groups = (Map<?, ?>) raw.get("module_groups");
        api = ApiClient.of(
                TestServer.startReady(Map.of("dump", SharedData.compatDump().toString(), "refresh-interval", "3600")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (api != null) {
            api.close();
        }
    }

    private static JsonNode ok(String path) throws Exception {
        return api.ok(path);
    }

    private static String encoded(String id) {
        return id.replace(" ", "%20");
    }

    private static List<String> upperCaseIds() {
        List<String> ids = new ArrayList<>();
        for (Object id : groups.keySet()) {
            if (!id.toString().equals(id.toString().toLowerCase(Locale.ROOT))) {
                ids.add(id.toString());
            }
        }
        return ids;
    }

    private static Set<String> modulesOf(String groupId) {
        return new TreeSet<>(strings((Collection<?>) ((Map<?, ?>) groups.get(groupId)).get("modules")));
    }

    private static List<String> strings(Collection<?> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.toString()));
        return out;
    }

    @Test
    void everyUpperCaseGroup_isServedUnderItsId_withItsTagAndModules() throws Exception {
        List<String> ids = upperCaseIds();
        assertFalse(ids.isEmpty(), "the kit has upper-case module-group ids");
        for (String id : ids) {
            JsonNode module = ok("/api/1.0/modules/" + encoded(id)).get("module");
            Map<?, ?> stored = (Map<?, ?>) groups.get(id);
            assertEquals(id, module.get("id").asText());
            assertEquals(stored.get("tag"), module.get("tag").asText(), id);
            Set<String> names = new TreeSet<>();
            module.get("modules").forEach(m -> names.add(m.get("module_name").asText()));
            assertEquals(modulesOf(id), names, id);
            ok("/api/1.0/stats/modules?release=all&project_type=all&metric=all&module=" + encoded(id));
        }
    }

    @Test
    void groupsDifferingOnlyInCase_areEachServedUnderTheirOwnId() throws Exception {
        for (String id : upperCaseIds()) {
            String lower = id.toLowerCase(Locale.ROOT);
            if (groups.containsKey(lower)) {
                assertEquals(
                        ((Map<?, ?>) groups.get(lower)).get("tag"),
                        ok("/api/1.0/modules/" + encoded(lower))
                                .get("module")
                                .get("tag")
                                .asText(),
                        lower);
                assertEquals(
                        ((Map<?, ?>) groups.get(id)).get("tag"),
                        ok("/api/1.0/modules/" + encoded(id))
                                .get("module")
                                .get("tag")
                                .asText(),
                        id);
            }
        }
    }

    @Test
    void moduleFDio_selectsTheCommitsOfItsModules() throws Exception {
        Set<String> fdio = modulesOf("FDio");
        Set<String> releases = new TreeSet<>();
        for (Object r : (Collection<?>) raw.get("releases")) {
            releases.add(((Map<?, ?>) r).get("release_name").toString().toLowerCase(Locale.ROOT));
        }
        releases.remove("prehistory");
        long expected = 0;
        long count = ((Number) raw.get("record:count")).longValue();
        for (long id = 0; id < count; id++) {
            if (raw.get("record:" + id) instanceof Map<?, ?> r
                    && "commit".equals(r.get("record_type"))
                    && fdio.contains(String.valueOf(r.get("module")))
                    && !"*robots".equals(r.get("company_name"))
                    && releases.contains(String.valueOf(r.get("release")))) {
                expected++;
            }
        }
        assertFalse(expected == 0, "the kit has commits in FDio's modules");
        // the project type fdio-group is the group fdio-group, of the same modules
        assertEquals(
                expected,
                ok("/api/1.0/contribution?release=all&project_type=fdio-group&module=FDio")
                        .get("contribution")
                        .get("commit_count")
                        .asLong());
        assertEquals(
                expected,
                ok("/api/1.0/contribution?release=all&project_type=fdio-group&module=fdio")
                        .get("contribution")
                        .get("commit_count")
                        .asLong());
    }

    @Test
    void modulesList_idsRoundTrip() throws Exception {
        JsonNode listed = ok("/api/1.0/modules?release=all&project_type=unaffiliated&metric=all")
                .get("data");
        List<String> ids = new ArrayList<>();
        listed.forEach(m -> ids.add(m.get("id").asText()));
        assertFalse(ids.stream().noneMatch("FDio"::equals), "FDio is listed: " + ids);
        for (String id : ids) {
            assertEquals(
                    id,
                    ok("/api/1.0/modules/" + encoded(id))
                            .get("module")
                            .get("id")
                            .asText());
        }
    }
}
