package org.stackvault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * The charts' JSON blocks on the overview (the contract the script draws from): the timeline
 * is {@code /api/1.0/stats/timeline}'s answer for the page's filters, each pie holds its
 * table's rows, and hostile names stay data inside the blocks.
 */
class ChartDataTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static TestServer server;
    private static Path dump;

    @BeforeAll
    static void start() throws Exception {
        TestStore store = new TestStore(DumpStorage.empty("chart test"))
                .referenceData()
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .user("evil", OverviewPageTest.IMG, OverviewPageTest.SCRIPT, "evil@example.com")
                .load(
                        TestRecords.commit(),
                        TestRecords.commit().module("glance"),
                        TestRecords.commit().company("Intel").user("jane", "Jane Roe"),
                        TestRecords.commit().company(OverviewPageTest.SCRIPT).user("evil", OverviewPageTest.IMG),
                        TestRecords.commit().company(OverviewPageTest.QUOTES).user("quotes", OverviewPageTest.QUOTES),
                        TestRecords.mark().company("IBM").primaryKey("m1"),
                        TestRecords.email().company("IBM"));
        dump = store.writeDump(Files.createTempFile("chart-test", ".pickle"));
        server = TestServer.startReady(Map.of("dump", dump.toString(), "refresh-interval", "600"));
    }

    @AfterAll
    static void stop() throws Exception {
        try (TestServer stopping = server) {
            Files.deleteIfExists(dump);
        }
    }

    /** The overview for {@code query}, which must answer 200. */
    private static Document page(String query) throws Exception {
        HttpResponse<String> overview = server.get(query);
        return overview.statusCode() == 200 ? Jsoup.parse(overview.body()) : fail(query + ": " + overview.statusCode());
    }

    private static JsonNode block(Document page, String selector) throws Exception {
        Element block = page.selectFirst(selector + " script.chart-data[type=application/json]");
        assertNotNull(block, selector);
        return MAPPER.readTree(block.data());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "?release=all&metric=commits",
                "?metric=commits",
                "?release=all&metric=loc&company=ibm",
                "?release=all&metric=marks",
                "?release=all&metric=emails&start_date=2010-01-01"
            })
    void timelineBlock_isTheApisTimeline_forTheSameFilters(String query) throws Exception {
        Document page = page("/" + query);
        ObjectNode block = (ObjectNode) block(page, "section#timeline");
        JsonNode api =
                MAPPER.readTree(server.get("/api/1.0/stats/timeline" + query).body());

        assertEquals(
                "timeline",
                page.selectFirst("section#timeline script.chart-data").attr("data-chart"));
        JsonNode metric = block.remove("metric");
        JsonNode release = block.remove("release");
        assertEquals(api, block, query);
        assertEquals(page.select("select[name=metric] option[selected]").attr("value"), metric.asText(), query);
        assertEquals(page.select("select[name=release] option[selected]").attr("value"), release.asText(), query);
        int weeks = api.path("timeline").path(0).size();
        assertEquals(weeks, page.select("section#timeline tbody tr").size(), "a table row per week");
    }

    @Test
    void timelineTable_showsLocOnlyForCommitsWithSomeLoc() throws Exception {
        assertEquals(
                4,
                page("/?release=all&metric=commits")
                        .select("section#timeline thead th")
                        .size());
        assertEquals(
                3,
                page("/?release=all&metric=emails")
                        .select("section#timeline thead th")
                        .size());
    }

    @Test
    void pieBlocks_holdEveryRowOfTheirTable_inTableOrder_andContributorsHaveNone() throws Exception {
        Document page = page("/?release=all&metric=commits");

        for (String list : List.of("companies", "modules")) {
            List<String> rows = new ArrayList<>();
            for (Element a : page.select("section#" + list + " tbody td a")) {
                Element metric = a.parent().nextElementSibling();
                rows.add(a.text() + "|" + metric.attr("data-sort") + "|" + a.attr("href"));
            }
            List<String> items = new ArrayList<>();
            for (JsonNode item : block(page, "section#" + list).path("items")) {
                items.add(item.path("name").asText() + "|" + item.path("value").asLong() + "|"
                        + item.path("href").asText());
            }
            assertFalse(rows.isEmpty(), list);
            assertEquals(rows, items, list);
            Element block = page.selectFirst("section#" + list + " script.chart-data");
            assertEquals("pie", block.attr("data-chart"));
            assertEquals("table", block.previousElementSibling().tagName(), "the block follows its table");
        }
        assertTrue(page.select("section#engineers script.chart-data").isEmpty());
    }

    @Test
    void hostileNames_inABlock_areEscapedJson_thatCannotEndTheBlock() throws Exception {
        HttpResponse<String> response = server.get("/?release=all&metric=commits");
        Document page = Jsoup.parse(response.body());
        List<String> names = new ArrayList<>();
        for (JsonNode item : block(page, "section#companies").path("items")) {
            names.add(item.path("name").asText());
        }

        assertTrue(names.contains(OverviewPageTest.SCRIPT), names.toString());
        assertTrue(names.contains(OverviewPageTest.QUOTES), names.toString());
        for (Element block : page.select("script.chart-data")) {
            assertFalse(block.data().contains("<") || block.data().contains(">"), block.data());
            assertFalse(block.data().contains("&"), "no & to be read as a character reference");
        }
        assertEquals(3, page.select("script.chart-data").size(), "no block was broken open");
    }
}
