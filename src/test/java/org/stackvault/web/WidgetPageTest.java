package org.stackvault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackvault.web.OverviewPageTest.IMG;
import static org.stackvault.web.OverviewPageTest.QUOTES;
import static org.stackvault.web.OverviewPageTest.SCRIPT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * {@code /widget}, the embeddable page: its framing policy, its two tabs (tables and pies equal
 * to {@code /api/1.0/stats/*} for the URL's filters), its selects and link out, and hostile names.
 */
class WidgetPageTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static TestServer server;
    private static Path dump;

    @BeforeAll
    static void start() throws Exception {
        TestStore store = new TestStore(DumpStorage.empty("widget test"))
                .referenceData()
                .projectTypes(OverviewPageTest.PROJECT_TYPES)
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .load(
                        TestRecords.commit(),
                        TestRecords.commit().module("glance").company("Intel"),
                        TestRecords.commit().company(SCRIPT).user("evil", IMG),
                        TestRecords.commit().company(QUOTES),
                        TestRecords.mark().company(IMG).primaryKey("m1"));
        dump = store.writeDump(Files.createTempFile("widget-test", ".pickle"));
        server = TestServer.startReady(Map.of("dump", dump.toString(), "refresh-interval", "600"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Files.deleteIfExists(dump);
    }

    private static Document widget(String query) throws Exception {
        HttpResponse<String> response = server.get("/widget" + query);
        assertEquals(200, response.statusCode(), response.body());
        Document page = Jsoup.parse(response.body(), server.uri("/").toString());
        assertTrue(page.select("img, [onerror], " + OverviewPageTest.NOT_OURS + ", [style], style")
                .isEmpty());
        return page;
    }

    private static List<String> rows(Element section) {
        List<String> rows = new ArrayList<>();
        for (Element tr : section.select("tbody tr")) {
            rows.add(String.join("|", tr.select("td").eachText()));
        }
        return rows;
    }

    private static List<String> rows(String apiPathAndQuery) throws Exception {
        JsonNode stats = MAPPER.readTree(server.get(apiPathAndQuery).body()).path("stats");
        List<String> rows = new ArrayList<>();
        for (JsonNode row : stats) {
            rows.add(row.path("index").asText() + "|" + row.path("name").asText() + "|"
                    + row.path("metric").asText());
        }
        return rows;
    }

    @Test
    void framing_isAllowedFromAnySite_theRestOfThePolicyAsThePages() throws Exception {
        HttpResponse<String> widget = server.get("/widget");
        HttpResponse<String> page = server.get("/");

        List<String> widgetPolicy = Arrays.asList(widget.headers()
                .firstValue("Content-Security-Policy")
                .orElseThrow()
                .split(";\\s*"));
        List<String> pagePolicy = Arrays.asList(page.headers()
                .firstValue("Content-Security-Policy")
                .orElseThrow()
                .split(";\\s*"));
        assertEquals(pagePolicy.size(), widgetPolicy.size());
        for (int i = 0; i < pagePolicy.size(); i++) {
            if (pagePolicy.get(i).startsWith("frame-ancestors")) {
                assertEquals("frame-ancestors 'self'", pagePolicy.get(i));
                assertEquals("frame-ancestors *", widgetPolicy.get(i));
            } else {
                assertEquals(pagePolicy.get(i), widgetPolicy.get(i));
            }
        }
        assertTrue(widget.headers().firstValue("X-Frame-Options").isEmpty());
    }

    @Test
    void page_isSmall_titled_withoutHeaderOrMenu() throws Exception {
        Document page = widget("");

        assertEquals("OpenStack® Contribution Tracker", page.title());
        assertEquals("OpenStack® Contribution Tracker", page.selectFirst("h1").text());
        assertNull(page.selectFirst("header"));
        assertEquals(
                List.of("By companies", "By modules"), page.select("nav.tabs a").eachText());
    }

    @ParameterizedTest(name = "query \"{0}\"")
    @ValueSource(strings = {"?release=all&metric=commits", "?release=all&metric=marks", "", "?project_type=all"})
    void tabs_equalTheApi_forTheSameFilters(String query) throws Exception {
        Document page = widget(query);

        assertEquals(rows("/api/1.0/stats/companies" + query), rows(page.selectFirst("section#companies")));
        assertEquals(rows("/api/1.0/stats/modules" + query), rows(page.selectFirst("section#modules")));
        for (String tab : List.of("companies", "modules")) {
            Element section = page.selectFirst("section#" + tab);
            Element block = section.selectFirst("table").nextElementSibling();
            assertEquals("pie", block.attr("data-chart"));
            JsonNode items = MAPPER.readTree(block.data()).path("items");
            assertEquals(section.select("tbody tr").size(), items.size());
            for (int i = 0; i < items.size(); i++) {
                Element link = section.select("tbody tr").get(i).selectFirst("a");
                assertEquals(link.text(), items.get(i).path("name").asText());
                assertEquals(link.attr("href"), items.get(i).path("href").asText());
            }
        }
    }

    @Test
    void tabs_areLinks_thatShowOneSection() throws Exception {
        Document companies = widget("?release=all");
        assertFalse(companies.selectFirst("section#companies").hasAttr("hidden"));
        assertTrue(companies.selectFirst("section#modules").hasAttr("hidden"));
        assertEquals(
                List.of("/widget?release=all&tab=companies", "/widget?release=all&tab=modules"),
                companies.select("nav.tabs a").eachAttr("href"));
        assertEquals("page", companies.selectFirst("nav.tabs a").attr("aria-current"));

        Document modules = widget("?release=all&tab=modules");
        assertTrue(modules.selectFirst("section#companies").hasAttr("hidden"));
        assertFalse(modules.selectFirst("section#modules").hasAttr("hidden"));
        assertEquals(
                "modules", modules.selectFirst("input[type=hidden][name=tab]").attr("value"));
    }

    @Test
    void selects_areReleaseProjectTypeMetric_andTheLinkOutKeepsTheFilters() throws Exception {
        Document page = widget("?release=all&metric=commits&module=nova");

        assertEquals(
                List.of("release", "project_type", "metric"),
                page.select("form select").eachAttr("name"));
        assertEquals(
                "commits",
                page.selectFirst("select[name=metric] option[selected]").attr("value"));
        assertEquals(
                "nova", page.selectFirst("form input[type=hidden][name=module]").attr("value"));
        Element open = page.selectFirst("a:containsOwn(Open in Stackvault)");
        assertNotNull(open);
        assertEquals("/?release=all&module=nova&metric=commits", open.attr("href"));
        assertEquals("_blank", open.attr("target"));
        assertEquals("noopener", open.attr("rel"));
        for (Element row : page.select("section tbody a")) {
            assertTrue(row.attr("href").startsWith("/?"), row.attr("href"));
            assertEquals("_blank", row.attr("target"));
        }
    }

    @Test
    void hostileNames_areText() throws Exception {
        HttpResponse<String> response = server.get("/widget?release=all&metric=commits&project_type=all");
        Document page = Jsoup.parse(response.body());

        assertFalse(response.body().contains("<img"));
        assertEquals(page.select("script").size(), response.body().split("<script", -1).length - 1);
        List<String> names = page.select("section#companies tbody a").eachText();
        assertTrue(names.contains(SCRIPT) && names.contains(QUOTES), names.toString());
        for (Element block : page.select("script")) {
            assertFalse(block.data().contains("<"));
            assertTrue(MAPPER.readTree(block.data()).toString().contains(SCRIPT)
                    || !block.parent().id().equals("companies"));
        }
    }

    @Test
    void unknownFilter_isTheHtml404() throws Exception {
        HttpResponse<String> response = server.get("/widget?release=nosuch");

        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    }
}
