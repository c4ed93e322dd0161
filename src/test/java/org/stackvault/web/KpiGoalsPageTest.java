package org.stackvault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stackvault.source.DumpStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;

/**
 * {@code /kpi/script} and {@code /kpi/example}: each goal kind evaluated on data whose
 * outcome is known (IBM 6 of the Train release's 12 commits, Intel 5, Red Hat 1; john core
 * in nova with 4 reviews and 3 emails; jane 2 commits in the last days and 2 drafted
 * blueprints), the script's tokens as text however hostile, malformed YAML as the HTML 400,
 * and no script loaded from a URL.
 */
class KpiGoalsPageTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long DAY = 86_400L;

    private static final String SCRIPT = """
            Release Train:
              Company IBM:
                - top 1 by commits
                - less than 40% by commits
                - less than 60% by commits in nova
              Company Intel:
                - top 1 by commits
              Group nova:
                User john:
                  - make 5 commits
                  - make 4 reviews
                  - send 5 emails
                  - become core
                User jane:
                  - make 2 commits during 30 days
                  - make 3 commits during 30 days
                  - draft 2 blueprints
                  - become core
                  - top 1 by commits in glance
                  - sing a song
                Company Intel:
                  - top 2 by commits
              Something else: []
            Release nosuch:
              Company IBM:
                - top 1 by commits
                - top 5 by locs
            """;

    private static TestServer server;
    private static Path dump;

    @BeforeAll
    static void start() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        TestStore store = new TestStore(DumpStorage.empty("kpi test"))
                .referenceData()
                .user("john", "John Doe", "IBM", "john@ibm.com") // core in nova on master
                .storeUser(Map.of(
                        "user_id", "jane",
                        "user_name", "Jane Roe",
                        "emails", List.of("jane@intel.com"),
                        "companies", List.of(Map.of("company_name", "Intel", "end_date", 0L)),
                        "core", List.of()))
                .storeUser(Map.of(
                        "user_id",
                        "rh",
                        "user_name",
                        "Red Hatter",
                        "emails",
                        List.of("rh@redhat.com"),
                        "companies",
                        List.of(Map.of("company_name", "Red Hat", "end_date", 0L))))
                // the example's reviewer: core in glance, reviews without disagreement
                .storeUser(Map.of(
                        "user_id", "lzy-dev",
                        "user_name", "Lzy Dev",
                        "emails", List.of("lzy@example.com"),
                        "companies", List.of(Map.of("company_name", "Mirantis", "end_date", 0L)),
                        "core", List.of(List.of("glance", "master"))));
        List<TestRecords.Builder> records = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            records.add(TestRecords.mark()
                    .user("lzy-dev", "Lzy Dev")
                    .company("Mirantis")
                    .module("glance")
                    .primaryKey("m-lzy-" + i));
        }
        for (int i = 0; i < 6; i++) {
            records.add(
                    TestRecords.commit().user("john", "John Doe").company("IBM").primaryKey("c-john-" + i));
        }
        for (int i = 0; i < 3; i++) {
            records.add(TestRecords.commit()
                    .user("jane", "Jane Roe")
                    .company("Intel")
                    .primaryKey("c-jane-" + i));
        }
        for (int i = 0; i < 2; i++) {
            records.add(TestRecords.commit()
                    .user("jane", "Jane Roe")
                    .company("Intel")
                    .primaryKey("c-jane-recent-" + i)
                    .date(now - 5 * DAY));
        }
        records.add(TestRecords.commit()
                .user("rh", "Red Hatter")
                .company("Red Hat")
                .module("glance")
                .primaryKey("c-rh"));
        for (int i = 0; i < 4; i++) {
            records.add(
                    TestRecords.mark().user("john", "John Doe").company("IBM").primaryKey("m-john-" + i));
        }
        for (int i = 0; i < 3; i++) {
            records.add(
                    TestRecords.email().user("john", "John Doe").company("IBM").primaryKey("e-john-" + i));
        }
        for (int i = 0; i < 2; i++) {
            records.add(TestRecords.of("bpd")
                    .user("jane", "Jane Roe")
                    .company("Intel")
                    .set("name", "bp-" + i)
                    .set("id", "nova:bp-" + i)
                    .primaryKey("bpd:nova:bp-" + i));
        }
        store.load(records.toArray(TestRecords.Builder[]::new));
        dump = store.writeDump(Files.createTempFile("kpi-test", ".pickle"));
        server = TestServer.startReady(Map.of("dump", dump.toString(), "refresh-interval", "600"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Files.deleteIfExists(dump);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> post(String path, String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Document html(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertEquals(
                Pages.CONTENT_SECURITY_POLICY,
                response.headers().firstValue("Content-Security-Policy").orElseThrow());
        Document page = Jsoup.parse(response.body());
        assertEquals(
                List.of(),
                page.select("img, script, style, [style], [onerror], iframe").eachAttr("outerHtml"));
        return page;
    }

    /** "section title > goal: passed|failed: result" for every goal of the page. */
    private static Map<String, String> goals(Document page) {
        Map<String, String> goals = new LinkedHashMap<>();
        for (Element goal : page.select("li.goal")) {
            List<String> headings = new ArrayList<>();
            for (Element section : goal.parents()) {
                if (section.tagName().equals("section") && section.hasClass("goals")) {
                    headings.add(0, section.selectFirst("h2, h3, h4").text());
                }
            }
            goals.put(
                    String.join(" > ", headings) + " > "
                            + goal.selectFirst(".goal-text").text(),
                    (goal.hasClass("passed") ? "passed" : "failed") + ": "
                            + goal.selectFirst(".result").text());
        }
        return goals;
    }

    @Test
    void script_evaluatesEachGoalKind_asTheOriginal() throws Exception {
        Document page = html(post("/kpi/script", "script=" + enc(SCRIPT)), 200);
        Map<String, String> goals = goals(page);

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Train > IBM > Goal: top 1 by commits", "passed: Result: Achieved position is 1");
        expected.put(
                "Train > IBM > Goal: less than 40% by commits", "failed: Result: Value 50% is more than the goal 40%");
        expected.put("Train > IBM > Goal: less than 60% by commits in nova", "passed: Result: Achieved percentage 55%");
        expected.put(
                "Train > Intel > Goal: top 1 by commits",
                "failed: Result: Position 2 is worse than the goal position 1");
        expected.put(
                "Train > Nova (nova) > John Doe (john) > Goal: make 5 commits", "passed: Result: Achieved metric 6");
        expected.put(
                "Train > Nova (nova) > John Doe (john) > Goal: make 4 reviews", "passed: Result: Achieved metric 4");
        expected.put(
                "Train > Nova (nova) > John Doe (john) > Goal: send 5 emails",
                "failed: Result: Metric 3 is worse than the goal in 5");
        expected.put(
                "Train > Nova (nova) > John Doe (john) > Goal: become core",
                "passed: Result: John Doe (john) is core engineer in nova");
        expected.put(
                "Train > Nova (nova) > Jane Roe (jane) > Goal: make 2 commits during 30 days",
                "passed: Result: Achieved metric 2");
        expected.put(
                "Train > Nova (nova) > Jane Roe (jane) > Goal: make 3 commits during 30 days",
                "failed: Result: Metric 2 is worse than the goal in 3");
        expected.put(
                "Train > Nova (nova) > Jane Roe (jane) > Goal: draft 2 blueprints",
                "passed: Result: Achieved metric 2");
        expected.put(
                "Train > Nova (nova) > Jane Roe (jane) > Goal: become core",
                "failed: Result: Jane Roe (jane) is not core engineer in nova");
        expected.put(
                "Train > Nova (nova) > Jane Roe (jane) > Goal: top 1 by commits in glance",
                "failed: Result: Item jane is not found in the stats");
        expected.put("Train > Nova (nova) > Intel > Goal: top 2 by commits", "passed: Result: Achieved position is 2");
        Map<String, String> train = new LinkedHashMap<>(goals);
        train.keySet().removeIf(k -> k.startsWith("nosuch"));
        assertEquals(expected, train);

        assertTrue(goals.get("nosuch > IBM > Goal: top 1 by commits")
                .startsWith("failed: Result: The statistics cannot be computed"));
        assertTrue(goals.get("nosuch > IBM > Goal: top 5 by locs")
                .startsWith("failed: Result: The statistics cannot be computed"));
        assertEquals(
                List.of(
                        "Error! Could not parse statement: 'sing a song'",
                        "Error! Could not parse line: 'Something else'"),
                page.select(".goal-error").eachText());
        assertEquals("8 of 16 goals met.", page.selectFirst(".goal-count").ownText());
        assertEquals(
                SCRIPT.strip(), page.selectFirst("textarea[name=script]").val().strip());
    }

    @Test
    void script_inTheQueryString_givesTheSameGoals_andJson() throws Exception {
        Document get = html(server.get("/kpi/script?script=" + enc(SCRIPT)), 200);
        Document posted = html(post("/kpi/script", "script=" + enc(SCRIPT)), 200);
        assertEquals(goals(posted), goals(get));

        HttpResponse<String> response = server.get("/kpi/script?format=json&script=" + enc(SCRIPT));
        assertEquals(200, response.statusCode());
        JsonNode json = MAPPER.readTree(response.body());
        List<String> rows = new ArrayList<>();
        for (JsonNode row : json.path("rows")) {
            rows.add(row.path("release").asText() + "|" + row.path("group").asText(null) + "|"
                    + row.path("company").asText(null) + "|" + row.path("user").asText(null) + "|"
                    + row.path("goal").asText() + "|" + row.path("passed").asBoolean());
        }
        assertEquals(16, rows.size());
        assertTrue(rows.contains("Train|null|IBM|null|top 1 by commits|true"), rows.toString());
        assertTrue(rows.contains("Train|nova|null|john|become core|true"), rows.toString());
        assertTrue(rows.contains("Train|nova|Intel|null|top 2 by commits|true"), rows.toString());
        assertEquals(8, json.path("passed").asInt());
        assertEquals(
                "release",
                json.path("report").path("sections").get(0).path("kind").asText());
    }

    @Test
    void scriptFullOfMarkup_isShownAsText() throws Exception {
        String img = OverviewPageTest.IMG;
        String script = OverviewPageTest.SCRIPT;
        String quotes = OverviewPageTest.QUOTES;
        String yaml = "\"Release " + img.replace("\"", "\\\"") + "\":\n"
                + "  \"Company " + script + "\":\n"
                + "    - \"top 1 by <b>commits</b> in " + quotes.replace("\"", "\\\"") + "\"\n"
                + "    - \"" + img.replace("\"", "\\\"") + "\"\n"
                + "  \"Group <i>g</i>\":\n"
                + "    \"User " + script + "\":\n"
                + "      - become core\n"
                + "  \"" + quotes.replace("\"", "\\\"") + "\": x\n";
        HttpResponse<String> response = post("/kpi/script", "script=" + enc(yaml));
        Document page = html(response, 200);

        assertTrue(page.select("b, i").isEmpty(), "no element from the script");
        // the only script elements are the WAR's own files
        String body = response.body().replaceAll("<script src=\"/static/[a-z.]+\\?v=[0-9a-f]+\" defer></script>", "");
        assertFalse(body.contains("<img") || body.contains("<script"), response.body());
        assertEquals(yaml.strip(), page.selectFirst("textarea").val().strip());
        assertEquals("\"><img", page.selectFirst("section.release h2").text(), "the first word after Release");
        List<String> text = page.select("li.goal .goal-text").eachText();
        assertTrue(text.contains("Goal: top 1 by <b>commits</b> in " + quotes), text.toString());
        assertTrue(page.select(".goal-error").eachText().contains("Error! Could not parse statement: '" + img + "'"));
        assertTrue(
                page.select("h4").eachText().contains("</script><script>alert(1)</script>"),
                page.select("h4").eachText().toString());
    }

    @Test
    void malformedYaml_isTheHtml400_withTheParsersMessageAsText() throws Exception {
        String yaml = "Release Train:\n  Company IBM: [top 1 by commits\n<script>alert(1)</script>";
        HttpResponse<String> response = post("/kpi/script", "script=" + enc(yaml));
        Document page = html(response, 400);

        String problem = page.selectFirst("p.goal-error").text();
        assertTrue(problem.startsWith("Could not parse script:"), problem);
        assertTrue(page.select("li.goal").isEmpty());
        assertEquals(yaml, page.selectFirst("textarea").val());
    }

    @Test
    void yamlNamingAJavaType_isRefused_notConstructed() throws Exception {
        String yaml =
                "Release Train: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]";
        Document page = html(post("/kpi/script", "script=" + enc(yaml)), 400);

        assertTrue(page.selectFirst("p.goal-error").text().contains("Could not parse script"), page.text());
    }

    @Test
    void scriptFromAUrl_isRefused_asDisabled() throws Exception {
        HttpResponse<String> response = server.get("/kpi/script?url=" + enc("http://127.0.0.1:1/kpi.yaml"));
        Document page = html(response, 400);

        assertTrue(page.selectFirst("p.message").text().contains("disabled"), page.text());
        assertEquals(
                400,
                post("/kpi/script", "url=" + enc("https://docs.google.com/document/d/x/edit"))
                        .statusCode());
    }

    @Test
    void tooLongScripts_areRefused() throws Exception {
        assertEquals(414, server.get("/kpi/script?script=" + "a".repeat(5000)).statusCode());
        assertEquals(
                413,
                post("/kpi/script", "script=" + "a".repeat(ReportsAndGoals.MAX_FORM_BYTES))
                        .statusCode());
        HttpResponse<String> longScript = post("/kpi/script", "script=" + "a".repeat(70_000));
        assertEquals(400, longScript.statusCode());
        assertTrue(Jsoup.parse(longScript.body())
                .selectFirst("p.goal-error")
                .text()
                .contains("longer than"));
    }

    @Test
    void postElsewhere_isNotAllowed() throws Exception {
        assertEquals(405, post("/kpi/example", "script=x").statusCode());
        assertEquals(405, post("/report/cores", "x=1").statusCode());
    }

    @Test
    void scriptPage_withoutAScript_showsTheOriginalsExample() throws Exception {
        Document page = html(server.get("/kpi/script"), 200);

        assertEquals(
                ReportsAndGoals.DEFAULT_SCRIPT.strip(),
                page.selectFirst("textarea").val().strip());
        assertEquals(List.of("Juno"), page.select("section.release > h2").eachText());
        assertEquals("Stackvault | Scripted KPI report", page.title());
    }

    @Test
    void example_showsTheOriginalsGoals_underItsHeadings() throws Exception {
        Document page = html(server.get("/kpi/example"), 200);

        assertEquals(
                List.of("Position in top", "Percentage in top", "Core status"),
                page.select("section.heading > h2").eachText());
        assertEquals(
                List.of(
                        "Goal: Be in top 5 by commits",
                        "Goal: Be in top 5 by reviews",
                        "Goal: Be in top 3 among reviewers",
                        "Goal: File at least 50 blueprints into Glance",
                        "Goal: File at least 20 blueprints into Glance in last month",
                        "Goal: Mirantis contribution to Stackalytics is less than 80%",
                        "Goal: Disagreement ratio should be less than 8%",
                        "Goal: Become core engineer in Glance"),
                page.select("li.goal .goal-text").eachText());
        // the data has the example's reviewer (core in glance, no disagreement) but not its
        // release (icehouse), companies or module stackalytics
        assertEquals(
                List.of("Goal: Disagreement ratio should be less than 8%", "Goal: Become core engineer in Glance"),
                page.select("li.goal.passed .goal-text").eachText());
        assertEquals(
                List.of("Result: Achieved percentage 0.0%", "Result: Lzy Dev (lzy-dev) is core engineer in glance"),
                page.select("li.goal.passed .result").eachText());
        assertTrue(
                page.select("li.goal.failed .result").eachText().stream()
                        .allMatch(r -> r.startsWith("Result: The statistics cannot be computed")
                                || r.equals("Result: Item glance is not found in the stats")),
                page.text());
        JsonNode json = MAPPER.readTree(server.get("/kpi/example?format=json").body());
        assertEquals(8, json.path("goals").asInt());
    }

    @Test
    void unknownKpiPage_isTheHtml404() throws Exception {
        for (String path : List.of("/kpi/nosuch", "/kpi/", "/kpi", "/kpi/script/x", "/kpi/base_kpi")) {
            HttpResponse<String> response = server.get(path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(
                    response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), path);
            assertTrue(Jsoup.parse(response.body()).select("h1").text().contains("404"), path);
        }
    }
}
