package org.stackvault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stackvault.source.DumpStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;

/**
 * The overview page through a real embedded Jetty, read with jsoup: its headers, its numbers
 * against {@code /api/1.0} for the same filters, the HTML 404, and names written by hostile
 * authors, which must come out as text and never as markup.
 */
class OverviewPageTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Breaks out of an attribute and adds an element with a handler. */
    static final String IMG = "\"><img src=x onerror=alert(1)>";
    /** Ends a script block and starts one. */
    static final String SCRIPT = "</script><script>alert(1)</script>";
    /** Every character HTML, attributes and URLs treat specially. */
    static final String QUOTES = "'&\"<>/%;.. #?=";

    /** Script elements other than the WAR's own files and the JSON data blocks of the charts. */
    static final String NOT_OURS = "script:not([src^=/static/]):not([type=application/json])";
    /** The start tags of the WAR's scripts and of the charts' JSON blocks, as the layout writes them. */
    private static final java.util.regex.Pattern OUR_SCRIPTS = java.util.regex.Pattern.compile(
            "<script (src=\"/static/[a-z.]+\\?v=[0-9a-f]+\" defer|type=\"application/json\" class=\"chart-data\"[^>]*)>");
    /** {@code all} (its child {@code openstack}), {@code cncf-group}, {@code unaffiliated} (its child {@code ansible}). */
    static final List<?> PROJECT_TYPES = List.of(
            Map.of("id", "all", "title", "OpenStack", "modules", List.of("openstack-official", "unknown")),
            Map.of("id", "openstack", "title", "Official", "child", true, "modules", List.of("openstack-official")),
            Map.of("id", "cncf-group", "title", "CNCF", "modules", List.of("glance")),
            Map.of("id", "unaffiliated", "title", "Unaffiliated", "modules", List.of("keystone")),
            Map.of("id", "ansible", "title", "Ansible", "child", true, "modules", List.of("keystone")));

    private static TestServer server;
    private static Path dump;

    @BeforeAll
    static void start() throws Exception {
        TestStore store = new TestStore(DumpStorage.empty("page test"))
                .referenceData()
                .projectTypes(PROJECT_TYPES)
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .user("evil", IMG, SCRIPT, "evil@example.com")
                .user("quotes", QUOTES, QUOTES, "quotes@example.com")
                .load(
                        TestRecords.commit(),
                        TestRecords.commit().module("glance"),
                        TestRecords.commit().company("Intel").user("jane", "Jane Roe"),
                        TestRecords.commit().company(SCRIPT).user("evil", IMG),
                        TestRecords.commit().company(SCRIPT).user("evil", IMG).module("glance"),
                        TestRecords.commit().company(QUOTES).user("quotes", QUOTES),
                        TestRecords.commit().company("*independent").user("solo", "Solo Dev"),
                        TestRecords.mark().company(IMG).user("evil", IMG).primaryKey("m1"),
                        TestRecords.email().company("IBM"),
                        TestRecords.commit().module("keystone").company("Red Hat"));
        dump = store.writeDump(Files.createTempFile("page-test", ".pickle"));
        server = TestServer.startReady(Map.of("dump", dump.toString(), "refresh-interval", "600"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Files.deleteIfExists(dump);
    }

    private static Document page(String pathAndQuery) throws Exception {
        HttpResponse<String> response = server.get(pathAndQuery);
        assertEquals(200, response.statusCode(), pathAndQuery + ": " + response.body());
        return Jsoup.parse(response.body(), server.uri("/").toString());
    }

    private static JsonNode api(String pathAndQuery) throws Exception {
        HttpResponse<String> response = server.get(pathAndQuery);
        assertEquals(200, response.statusCode(), pathAndQuery + ": " + response.body());
        return MAPPER.readTree(response.body());
    }

    /** The rows of a top list as "rank|name|metric" (the metric is the last column). */
    private static List<String> rows(Document page, String list) {
        List<String> rows = new ArrayList<>();
        for (Element tr : page.select("section#" + list + " tbody tr")) {
            rows.add(tr.child(0).text() + "|" + tr.child(1).selectFirst("a").text() + "|"
                    + tr.child(tr.childrenSize() - 1).text());
        }
        return rows;
    }

    private static List<String> rows(JsonNode stats) {
        List<String> rows = new ArrayList<>();
        for (JsonNode row : stats.path("stats")) {
            rows.add(row.path("index").asText() + "|" + row.path("name").asText() + "|"
                    + row.path("metric").asLong());
        }
        return rows;
    }

    @Test
    void root_answersHtml_withTheContentSecurityPolicy_andNoInlineScript() throws Exception {
        HttpResponse<String> response = server.get("/");

        assertEquals(200, response.statusCode());
        assertEquals(
                "text/html;charset=utf-8",
                response.headers()
                        .firstValue("Content-Type")
                        .orElseThrow()
                        .replace(" ", "")
                        .toLowerCase());
        assertEquals(
                Pages.CONTENT_SECURITY_POLICY,
                response.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertEquals(
                "nosniff",
                response.headers().firstValue("X-Content-Type-Options").orElseThrow());
        Document page = Jsoup.parse(response.body());
        assertEquals(
                List.of(),
                page.select(NOT_OURS + ", style, [style], iframe, object, embed")
                        .eachAttr("outerHtml"));
        assertTrue(
                page.select("[href^=http], [src^=http], [src^=//], [href^=//]").isEmpty(), "no other host");
        assertEquals("1", page.select("footer .generation").text());
    }

    @ParameterizedTest(name = "/{0}")
    @ValueSource(
            strings = {"?release=all&metric=commits", "?release=all&metric=loc&module=glance", "", "?metric=marks"})
    void topLists_equalTheApi_forTheSameFilters(String query) throws Exception {
        Document page = page("/" + query);

        assertEquals(rows(api("/api/1.0/stats/companies" + query)), rows(page, "companies"));
        assertEquals(rows(api("/api/1.0/stats/engineers" + query)), rows(page, "engineers"));
        if (!query.contains("module")) {
            assertEquals(rows(api("/api/1.0/stats/modules" + query)), rows(page, "modules"));
        }
    }

    @Test
    void title_isWordedAsTheOriginals() throws Exception {
        assertEquals(
                "Stackvault | Official community contribution",
                page("/?release=all").title());
        assertEquals(
                "Stackvault | OpenStack community contribution in Stein release",
                page("/?release=stein&project_type=all").title());
        assertEquals(
                "Stackvault | " + IMG + " (" + SCRIPT + ") contribution to glance in OpenStack Train release",
                page("/?project_type=all&module=glance&user_id=evil&company="
                                + java.net.URLEncoder.encode(SCRIPT, java.nio.charset.StandardCharsets.UTF_8))
                        .title());
    }

    @Test
    void topList_independentIsUnranked_andHeadedByTheMetricLabel() throws Exception {
        Document page = page("/?release=all&metric=commits");

        assertEquals("Commits by Company", page.select("section#companies h2").text());
        assertTrue(
                rows(page, "companies").contains("|*independent|1"),
                rows(page, "companies").toString());
    }

    @Test
    void contributionSummary_ofACompany_equalsTheApi() throws Exception {
        Document page = page("/?release=all&company=ibm");
        JsonNode api = api("/api/1.0/contribution?release=all&company=ibm").path("contribution");

        assertTrue(page.select("section#companies").isEmpty(), "no company list once a company is chosen");
        Map<String, String> figures = new java.util.LinkedHashMap<>();
        for (Element figure : page.select("section#contribution dl div")) {
            figures.put(
                    figure.selectFirst("dt").text(), figure.selectFirst("dd").text());
        }
        assertEquals(16, figures.size());
        assertEquals(api.path("commit_count").asText(), figures.get("Commits"));
        assertEquals(api.path("email_count").asText(), figures.get("Emails"));
        assertEquals(api.path("loc").asText(), figures.get("LOCs"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/?release=nosuch",
                "/?company=nobody",
                "/?module=nothing",
                "/?metric=bogus",
                "/?user_id=nobody",
                "/?project_type=none"
            })
    void unknownFilterValue_isTheHtml404_withALinkHome(String pathAndQuery) throws Exception {
        HttpResponse<String> response = server.get(pathAndQuery);

        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertNotNull(response.headers().firstValue("Content-Security-Policy").orElse(null));
        Document page = Jsoup.parse(response.body());
        assertEquals("404 Not Found", page.select("h1").text());
        assertFalse(page.select("main a[href=/]").isEmpty(), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    @Test
    void malformedDate_isTheHtml400() throws Exception {
        HttpResponse<String> response = server.get("/?start_date=yesterday");

        assertEquals(400, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    }

    @Test
    void hostileNames_areText_neverMarkup() throws Exception {
        for (String query : List.of("?release=all&metric=commits", "?release=all", "?release=all&metric=marks")) {
            HttpResponse<String> response = server.get("/" + query);
            Document page = Jsoup.parse(response.body());

            assertEquals(
                    List.of(), page.select("img, " + NOT_OURS + ", [onerror]").eachAttr("outerHtml"), query);
            assertFalse(response.body().contains("<img"), query);
            assertFalse(OUR_SCRIPTS.matcher(response.body()).replaceAll("").contains("<script"), query);
            // the JSON data blocks (chart data) hold no markup and parse
            for (Element script : page.select("script[type=application/json]")) {
                assertFalse(script.data().contains("<"), query);
                MAPPER.readTree(script.data());
            }
            List<String> names = page.select("section.top tbody td:eq(1)").eachText();
            assertTrue(names.contains(IMG) || !query.contains("marks"), query + ": " + names);
        }
        Document commits = page("/?release=all&metric=commits");
        assertTrue(commits.select("section#companies td a").eachText().contains(SCRIPT));
        assertTrue(commits.select("section#companies td a").eachText().contains(QUOTES));
        assertTrue(commits.select("section#engineers td a").eachText().contains(IMG));
        assertTrue(commits.select("select[name=company] option").eachText().contains(SCRIPT));
    }

    @Test
    void rowLinks_carryTheNameEncoded_andDrillDown() throws Exception {
        Document page = page("/?release=all&metric=commits");

        for (String name : List.of(SCRIPT, QUOTES)) {
            Element link = page.select("section#companies td a").stream()
                    .filter(a -> a.text().equals(name))
                    .findFirst()
                    .orElseThrow();
            String href = link.attr("href");
            assertTrue(href.startsWith("/?release=all&company="), href);
            assertFalse(href.contains("<") || href.contains("\"") || href.contains(" "), href);

            Document drilled = page(href);
            assertEquals(
                    name.toLowerCase(),
                    drilled.select("select[name=company] option[selected]").attr("value"));
            assertTrue(drilled.select("section#companies").isEmpty());
            assertEquals(
                    api("/api/1.0/contribution?release=all&company="
                                    + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8))
                            .path("contribution")
                            .path("commit_count")
                            .asText(),
                    drilled.select("section#contribution dt:containsOwn(Commits) + dd")
                            .text());
        }
    }

    @Test
    void stylesheet_isServedFromTheWar_cachedForAYear() throws Exception {
        String href = page("/").select("link[rel=stylesheet]").attr("href");
        HttpResponse<String> css = server.get(href);

        assertTrue(href.startsWith("/static/stackvault.css?v="), href);
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
        assertTrue(css.headers().firstValue("Cache-Control").orElseThrow().contains("max-age=31536000"));
        assertEquals(404, server.get("/static/nothing.css").statusCode());
    }

    @Test
    void cncf_fixesProjectTypeReleaseAndMetric_andOffersNoSelectForThem() throws Exception {
        Document page = page("/cncf?release=stein&metric=marks&project_type=openstack");
        String fixed = "?project_type=cncf-group&release=all&metric=commits";

        assertEquals(rows(api("/api/1.0/stats/companies" + fixed)), rows(page, "companies"));
        assertEquals(rows(api("/api/1.0/stats/modules" + fixed)), rows(page, "modules"));
        assertEquals("Commits by Company", page.select("section#companies h2").text());
        assertEquals(
                List.of("module", "company"), page.select("form.filters select").eachAttr("name"));
        assertEquals("page", page.select("nav a[href=/cncf]").attr("aria-current"));
    }

    @Test
    void unaffiliated_showsItsProjectTypeGroupOnly() throws Exception {
        Document page = page("/unaffiliated");

        assertEquals(
                rows(api("/api/1.0/stats/modules?project_type=unaffiliated&release=all&metric=commits")),
                rows(page, "modules"));
        assertEquals(
                List.of("unaffiliated", "ansible"),
                page.select("select[name=project_type] option").eachAttr("value"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/?date=week", "/?date=-1", "/cncf?date=99999999999"})
    void malformedDays_areTheHtml400(String pathAndQuery) throws Exception {
        HttpResponse<String> response = server.get(pathAndQuery);

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    }

    @Test
    void days_selectFromThatManyDaysAgo() throws Exception {
        // the test records are of 2019: nothing in the last 30 days, everything in the last 30 years
        assertTrue(page("/?release=all&metric=commits&date=30")
                .select("section.top")
                .isEmpty());
        assertEquals(
                rows(api("/api/1.0/stats/companies?release=all&metric=commits")),
                rows(page("/?release=all&metric=commits&date=10950"), "companies"));
    }
}
