package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stackvault.source.DumpStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;

/** Every endpoint over HTTP through a real embedded Jetty: shapes, JSONP, headers, errors, cache. */
class ApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String REVIEW = "I0000000000000000000000000000000000000001";
    private static TestServer server;
    private static Path dump;

    @BeforeAll
    static void start() throws Exception {
        TestStore store = new TestStore(DumpStorage.empty("api test"))
                .referenceData()
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .user("jane", "Jane Roe", "Intel", "jane@intel.com")
                .load(
                        TestRecords.review().primaryKey(REVIEW).set("id", REVIEW),
                        TestRecords.patch().primaryKey(REVIEW + ":1").set("review_id", REVIEW),
                        TestRecords.mark()
                                .user("jane", "Jane Roe")
                                .company("Intel")
                                .primaryKey("m1"),
                        TestRecords.commit().set("blueprint_id", java.util.List.of("nova:fast-boot")),
                        TestRecords.commit().module("glance").company("Intel").user("jane", "Jane Roe"),
                        TestRecords.email().set("blueprint_id", java.util.List.of("nova:fast-boot")),
                        TestRecords.of("tr")
                                .set("value", "German")
                                .set("loc", 120L)
                                .set("language", "German"),
                        TestRecords.of("member")
                                .set("member_uri", "https://www.openstack.org/m/1")
                                .user("member:1", "Member One")
                                .module("unknown"),
                        TestRecords.of("bpd")
                                .set("name", "fast-boot")
                                .set("lifecycle_status", "Not started")
                                .set("mention_count", 3L)
                                .set("mention_date", TestRecords.DEFAULT_DATE));
        dump = store.writeDump(Files.createTempFile("api-test", ".pickle"));
        server = TestServer.startReady(Map.of("dump", dump.toString(), "refresh-interval", "600"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Files.deleteIfExists(dump);
    }

    private static JsonNode ok(String path) throws Exception {
        HttpResponse<String> response = server.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return MAPPER.readTree(response.body());
    }

    @ParameterizedTest(name = "{0} answers under {1}")
    @CsvSource({
        "/api/1.0/stats/companies?release=all&metric=commits, stats",
        "/api/1.0/stats/modules?release=all&metric=commits, stats",
        "/api/1.0/stats/engineers?release=all, stats",
        "/api/1.0/stats/engineers_extended?release=all, stats",
        "/api/1.0/stats/distinct_engineers?release=all, stats",
        "/api/1.0/stats/timeline?release=all, timeline",
        "/api/1.0/stats/bp?release=all&project_type=all, stats",
        "/api/1.0/stats/languages?release=all&project_type=all, stats",
        "/api/1.0/activity?release=all, activity",
        "/api/1.0/contribution?release=all, contribution",
        "/api/1.0/companies?release=all, data",
        "/api/1.0/modules?release=all, data",
        "/api/1.0/members?project_type=all, members",
        "/api/1.0/languages?release=all&project_type=all, data",
        "/api/1.0/users?release=all, data",
        "/api/1.0/releases, data",
        "/api/1.0/metrics, data",
        "/api/1.0/project_types, data",
        "/api/1.0/affiliation_changes, affiliation_changes",
        "/api/1.0/new_companies?days=100000, stats",
        "/api/1.0/companies/ibm, company",
        "/api/1.0/modules/nova, module",
        "/api/1.0/users/john_doe, user",
    })
    void everyEndpoint_answersJsonUnderItsRootKey(String path, String root) throws Exception {
        JsonNode body = ok(path);
        assertTrue(body.has(root), path + " has no '" + root + "': " + body);
    }

    /** The Content-Type, without the optional space containers put before parameters. */
    private static String contentType(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Content-Type")
                .orElse("")
                .replace(" ", "")
                .toLowerCase();
    }

    @Test
    void statsCompanies_countsCommitsPerCompany() throws Exception {
        JsonNode stats =
                ok("/api/1.0/stats/companies?release=all&metric=commits").get("stats");
        assertEquals(2, stats.size());
        assertEquals(1, stats.get(0).get("metric").asInt());
        assertEquals(1, stats.get(0).get("index").asInt());
    }

    @Test
    void activity_ofMarks_carriesParentReviewAndPatch() throws Exception {
        JsonNode activity = ok("/api/1.0/activity?release=all&metric=marks").get("activity");
        assertEquals(1, activity.size());
        JsonNode mark = activity.get(0);
        assertEquals(REVIEW, mark.get("parent_primary_key").asText());
        assertEquals(REVIEW + ":1", mark.get("patch_primary_key").asText());
        assertTrue(mark.get("author_link").get("uri").asText().contains("user_id=jane"));
    }

    @Test
    void blueprintFilter_selectsTheRecordsMentioningIt() throws Exception {
        JsonNode activity = ok("/api/1.0/activity?release=all&metric=all&blueprint_id=nova:fast-boot")
                .get("activity");
        assertEquals(2, activity.size());
    }

    @Test
    void jsonp_wrapsTheBodyAfterARosettaFlashGuard() throws Exception {
        HttpResponse<String> response = server.get("/api/1.0/releases?callback=jQuery123.cb_1");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().startsWith("/**/jQuery123.cb_1({"), response.body());
        assertTrue(response.body().endsWith("});"));
        assertEquals("application/javascript;charset=utf-8", contentType(response));
    }

    @Test
    void callbackThatIsNotAnIdentifier_isRefused() throws Exception {
        HttpResponse<String> response = server.get("/api/1.0/releases?callback=alert(1)//");
        assertEquals(400, response.statusCode());
        assertEquals(
                "callback",
                MAPPER.readTree(response.body()).get("error").get("parameter").asText());
        assertFalse(response.body().contains("alert(1)//("));
    }

    @Test
    void responses_carryTheOriginalsCachingAndCorsHeaders() throws Exception {
        HttpResponse<String> response = server.get("/api/1.0/stats/timeline?release=all");
        assertEquals("application/json;charset=utf-8", contentType(response));
        assertEquals(
                "*",
                response.headers().firstValue("Access-Control-Allow-Origin").get());
        assertEquals(
                "nosniff",
                response.headers().firstValue("X-Content-Type-Options").get());
        String cacheControl = response.headers().firstValue("Cache-Control").get();
        assertTrue(cacheControl.matches("public, max-age=\\d+"), cacheControl);
        int maxAge = Integer.parseInt(cacheControl.substring(cacheControl.indexOf('=') + 1));
        assertTrue(maxAge > 0 && maxAge <= 600, cacheControl);
        assertTrue(response.headers().firstValue("Expires").get().endsWith("GMT"));
    }

    @Test
    void unknownFilterValue_is404NamingTheParameter() throws Exception {
        HttpResponse<String> response = server.get("/api/1.0/stats/companies?release=nosuch");
        assertEquals(404, response.statusCode());
        JsonNode error = MAPPER.readTree(response.body()).get("error");
        assertEquals("release", error.get("parameter").asText());
        assertEquals(404, error.get("status").asInt());
    }

    @ParameterizedTest(name = "{0} is a 400")
    @CsvSource({
        "/api/1.0/stats/companies?start_date=yesterday",
        "/api/1.0/stats/companies?end_date=2019-13-01",
        "/api/1.0/activity?page_size=-1",
        "/api/1.0/activity?page_size=100000",
        "/api/1.0/activity?start_record=abc",
        "/api/1.0/affiliation_changes?start_days=someday",
        "/api/1.0/stats/companies?release=%ff%fe",
    })
    void malformedInput_isA400WithAJsonError(String path) throws Exception {
        HttpResponse<String> response = server.get(path);
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(MAPPER.readTree(response.body()).has("error"));
    }

    @Test
    void unknownPath_isA404WithAJsonError() throws Exception {
        HttpResponse<String> response = server.get("/api/1.0/no/such/endpoint");
        assertEquals(404, response.statusCode());
        assertTrue(MAPPER.readTree(response.body()).has("error"));
    }

    @Test
    void health_isReadyWithTheServedGeneration() throws Exception {
        JsonNode health = ok("/api/1.0/health");
        assertEquals("ready", health.get("status").asText());
        assertEquals(
                server.app().holder().current().generation(),
                health.get("generation").asLong());
        assertTrue(health.get("age_seconds").asLong() >= 0);
        assertEquals("FULL", health.get("last_refresh").get("outcome").asText());
    }

    @Test
    void unknownUser_is404() throws Exception {
        assertEquals(404, server.get("/api/1.0/users/no-such-user").statusCode());
    }

    @Test
    void repeatedRequest_isServedFromTheCache_andUnknownParametersDoNotSplitIt() throws Exception {
        var cache = server.app().cache();
        String path = "/api/1.0/stats/modules?release=all&metric=marks";
        long admitted = cache.admissions();
        ok(path); // a first miss is only remembered
        ok(path + "&random=1"); // the second is stored
        assertEquals(admitted + 1, cache.admissions());
        long hits = cache.hits();
        ok(path + "&other=2");
        ok(path.replace("metric=marks", "metric=MARKS"));
        assertEquals(hits + 2, cache.hits());
    }
}
