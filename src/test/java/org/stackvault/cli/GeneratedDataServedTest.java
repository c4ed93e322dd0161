package org.stackvault.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.stackvault.testing.SharedData;
import org.stackvault.testing.TestServer;
import org.stackvault.vault.Vault;

/**
 * Generated data sets served by Stackvault, as a user would serve them ({@code dump=FILE}):
 * every record is read and kept (robots' records but patch sets and reviews are left out,
 * as the original leaves them out), and the API answers from them.
 */
class GeneratedDataServedTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ALL = "release=all&project_type=all";

    @TempDir
    static Path dir;

    /** Serves {@code file} and checks that the vault kept every record it should. */
    abstract static class Served {
        TestServer server;
        GeneratedDump dump;

        void serve(Path file) throws Exception {
            dump = GeneratedDump.read(file);
            server = TestServer.startReady(Map.of("dump", file.toString(), "refresh-interval", "3600"));
        }

        @AfterAll
        void stop() throws Exception {
            if (server != null) {
                server.close();
            }
        }

        JsonNode get(String path) throws Exception {
            HttpResponse<String> response = server.get(path);
            assertEquals(200, response.statusCode(), path + ": " + response.body());
            return MAPPER.readTree(response.body());
        }

        @Test
        void everyRecord_isReadAndKept_butRobotsMarksAndMore() {
            Vault vault = server.app().holder().current();
            assertEquals(dump.keptRecords(), vault.recordCount());
            assertEquals(
                    0,
                    server.app().holder().skipped().total(),
                    "skipped: " + server.app().holder().skipped().byKind());
            assertEquals(
                    dump.users.values().stream()
                            .map(u -> u.get("seq"))
                            .distinct()
                            .count(),
                    vault.users().size(),
                    "every user:<seq> is read");
        }

        @Test
        void activity_returnsFullPagesOfMarks_withTheirReviewAndPatchSet() throws Exception {
            for (int start : new int[] {0, 100, 200}) {
                JsonNode activity = get("/api/1.0/activity?" + ALL + "&metric=marks&page_size=100&start_record="
                                + start)
                        .get("activity");
                assertEquals(100, activity.size(), "a full page from " + start);
                for (JsonNode mark : activity) {
                    assertEquals("mark", mark.get("record_type").asText());
                    assertEquals(
                            mark.get("review_id").asText(),
                            mark.get("parent_primary_key").asText());
                    assertEquals(
                            mark.get("review_id").asText() + ":"
                                    + mark.get("patch").asText(),
                            mark.get("patch_primary_key").asText());
                    assertEquals(
                            mark.get("module").asText(),
                            mark.get("parent_module").asText());
                    assertTrue(mark.has("parent_subject") && mark.has("patch_date"), mark.toString());
                }
            }
        }

        @Test
        void activityOfPatchSets_returnsFullPages_withTheirReview() throws Exception {
            JsonNode activity = get("/api/1.0/activity?" + ALL + "&metric=patches&page_size=200")
                    .get("activity");
            assertEquals(200, activity.size());
            for (JsonNode patch : activity) {
                assertEquals("patch", patch.get("record_type").asText());
                assertEquals(
                        patch.get("review_id").asText(),
                        patch.get("parent_primary_key").asText());
            }
        }

        @Test
        void companyStats_countEveryGeneratedCompany() throws Exception {
            for (String metric : List.of(
                    "marks",
                    "commits",
                    "patches",
                    "emails",
                    "bpd",
                    "filed-bugs",
                    "resolved-bugs",
                    "translations",
                    "members")) {
                JsonNode stats = get("/api/1.0/stats/companies?" + ALL + "&metric=" + metric)
                        .get("stats");
                assertTrue(stats.size() > 0, "companies by " + metric);
            }
            JsonNode stats =
                    get("/api/1.0/stats/companies?" + ALL + "&metric=commits").get("stats");
            long total = 0;
            for (JsonNode company : stats) {
                total += company.get("metric").asLong();
            }
            Set<Object> modules = dump.modulesOfProjectType("all");
            assertEquals(
                    dump.ofType("commit").stream()
                            .filter(c -> modules.contains(c.get("module")))
                            .count(),
                    total,
                    "every commit to a module of the project type counts for a company");
        }

        @Test
        void everyProjectType_resolves() throws Exception {
            JsonNode types = get("/api/1.0/project_types").get("data");
            assertTrue(types.size() > 0);
            for (JsonNode type : types) {
                String id = URLEncoder.encode(type.get("id").asText(), StandardCharsets.UTF_8);
                get("/api/1.0/stats/modules?release=all&project_type=" + id);
            }
            assertTrue(
                    get("/api/1.0/stats/modules?release=all&project_type=openstack")
                                    .get("stats")
                                    .size()
                            > 0,
                    "the official project type has modules with activity");
        }

        @Test
        void companyOfEveryRecord_followsTheAuthorsHistory() {
            for (Map<String, Object> r : dump.records) {
                Map<String, Object> user = dump.user((String) r.get("user_id"));
                assertEquals(
                        GeneratedRecordsTest.companyAt(user, (Long) r.get("date")),
                        r.get("company_name"),
                        "company of " + r.get("primary_key"));
            }
        }

        @Test
        void everyRelease_isListed() throws Exception {
            JsonNode releases = get("/api/1.0/releases").get("data");
            Set<String> ids = new HashSet<>();
            releases.forEach(r -> ids.add(r.get("id").asText()));
            assertTrue(ids.containsAll(List.of("austin", "havana", "newton", "train")), "releases: " + ids);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class BuiltInReferenceData extends Served {
        @BeforeAll
        void start() throws Exception {
            serve(GeneratedDump.generate(dir.resolve("built-in.pickle"), 6000, 3, null));
        }

        @Test
        void inventedCompaniesAndUsers_appear() throws Exception {
            JsonNode stats =
                    get("/api/1.0/stats/companies?" + ALL + "&metric=marks").get("stats");
            Set<String> names = new HashSet<>();
            stats.forEach(c -> names.add(c.get("name").asText()));
            assertTrue(names.size() > 10, "companies: " + names);
            String userId = (String) dump.ofType("commit").get(0).get("user_id");
            JsonNode user = get("/api/1.0/users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8))
                    .get("user");
            assertEquals(userId, user.get("user_id").asText());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class StackalyticsDefaultData extends Served {
        @BeforeAll
        void start() throws Exception {
            Path defaultData = SharedData.defaultData();
            assumeTrue(Files.isRegularFile(defaultData), defaultData + " not found; skipped");
            serve(GeneratedDump.generate(dir.resolve("default-data.pickle"), 6000, 3, defaultData));
        }

        @Test
        void realCompaniesAndUsers_appear() throws Exception {
            JsonNode stats =
                    get("/api/1.0/stats/companies?" + ALL + "&metric=marks").get("stats");
            Set<String> names = new HashSet<>();
            stats.forEach(c -> names.add(c.get("name").asText()));
            assertTrue(names.containsAll(List.of("Red Hat", "Mirantis", "HP", "IBM", "Intel")), "companies: " + names);
            // a user listed in default_data.json, by launchpad id, with their real name and history
            JsonNode user = get("/api/1.0/users/rcarrillocruz").get("user");
            assertEquals("Ricardo Carrillo Cruz", user.get("user_name").asText());
            assertTrue(user.get("static").asBoolean());
            assertEquals("HP", user.get("companies").get(0).get("company_name").asText());
            assertEquals(
                    1446249600L, user.get("companies").get(0).get("end_date").asLong(), "2015-Nov-01");
            assertTrue(
                    dump.records.stream()
                            .anyMatch(r -> Boolean.TRUE.equals(
                                    dump.user((String) r.get("user_id")).get("static"))),
                    "listed users author records");
        }

        @Test
        void realRepos_areModules() throws Exception {
            JsonNode nova = get("/api/1.0/modules/nova").get("module");
            assertEquals("nova", nova.get("id").asText());
            get("/api/1.0/modules/nova-group");
            get("/api/1.0/stats/modules?release=all&project_type=cncf-group&metric=commits");
        }
    }
}
