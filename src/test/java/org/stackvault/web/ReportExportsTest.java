package org.stackvault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.stackvault.source.DumpStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;

/**
 * The report tables' CSV and JSON downloads ({@code ?format=csv&table=…}) through a real
 * embedded Jetty: each download linked from a table's section holds exactly that table's
 * rows (every non-empty cell a field of its line), hostile names round-trip, formula text is
 * defused, and an unknown table is the HTML 404 page.
 */
class ReportExportsTest {
    private static final String FORMULA = "=HYPERLINK(\"http://evil.example\")";
    private static final long DAY = 86_400L;
    private static TestServer server;
    private static Path dump;

    @BeforeAll
    static void start() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        TestStore store = new TestStore(DumpStorage.empty("report exports test")).referenceData();
        storeUser(store, "evil", OverviewPageTest.IMG, OverviewPageTest.SCRIPT);
        storeUser(store, "formula", FORMULA, "@SUM(A1)");
        storeUser(store, "quotes", OverviewPageTest.QUOTES, OverviewPageTest.QUOTES);
        store.load(
                TestRecords.commit()
                        .user("evil", OverviewPageTest.IMG)
                        .company(OverviewPageTest.SCRIPT)
                        .module("nova")
                        .primaryKey("c1")
                        .date(now - DAY),
                TestRecords.review()
                        .user("formula", FORMULA)
                        .company("@SUM(A1)")
                        .module("nova")
                        .primaryKey("r1")
                        .date(now - DAY),
                TestRecords.commit()
                        .user("quotes", OverviewPageTest.QUOTES)
                        .company(OverviewPageTest.QUOTES)
                        .module("nova")
                        .primaryKey("c2")
                        .date(now - 2 * DAY),
                // a mark for the punch card, an open change request waiting on its reviewers
                TestRecords.mark()
                        .user("evil", OverviewPageTest.IMG)
                        .company(OverviewPageTest.SCRIPT)
                        .module("nova")
                        .primaryKey("mk1")
                        .date(now - DAY),
                TestRecords.review()
                        .user("quotes", OverviewPageTest.QUOTES)
                        .company(OverviewPageTest.QUOTES)
                        .module("nova")
                        .primaryKey("r2")
                        .set("status", "NEW")
                        .set("value", 1L)
                        .set("subject", FORMULA)
                        .set("updated_on", now - 3 * DAY)
                        .date(now - 5 * DAY),
                member(now, "m1", "Member One", "IBM", 1),
                member(now, "m2", OverviewPageTest.IMG, OverviewPageTest.SCRIPT, 2),
                member(now, "m3", OverviewPageTest.QUOTES, OverviewPageTest.QUOTES, 3),
                member(now, "m4", FORMULA, "@SUM(A1)", 4),
                member(now, "m5", "Old Member", "Intel", 100));
        dump = store.writeDump(Files.createTempFile("report-exports-test", ".pickle"));
        server = TestServer.startReady(Map.of("dump", dump.toString(), "refresh-interval", "600"));
    }

    private static TestRecords.Builder member(long now, String id, String name, String company, int daysAgo) {
        String uri = "https://www.openstack.org/community/members/profile/" + (100 + daysAgo);
        return TestRecords.of("member")
                .user(id, name)
                .company(company)
                .set("member_uri", uri)
                .set("member_id", Integer.toString(100 + daysAgo))
                .primaryKey("member:" + id)
                .date(now - daysAgo * DAY);
    }

    /** A user with a company change 10 days ago and core in nova. */
    private static void storeUser(TestStore store, String id, String name, String company) {
        long now = System.currentTimeMillis() / 1000;
        store.storeUser(Map.of(
                "user_id",
                id,
                "user_name",
                name,
                "launchpad_id",
                id,
                "emails",
                List.of(id + "@example.com"),
                "companies",
                List.of(
                        Map.of("company_name", "Old Co", "end_date", now - 10 * DAY),
                        Map.of("company_name", company, "end_date", 0)),
                "core",
                List.of(List.of("nova", "master"))));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Files.deleteIfExists(dump);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/report/members?days=30, 3",
        "/report/contribution/nova/30, 1",
        "/report/affiliation_changes?start_days=" + "2000-01-01, 1"
    })
    void everyTable_downloadsItsRows_asCsvAndJson(String pathAndQuery, int tables) throws Exception {
        HttpResponse<String> html = server.get(pathAndQuery);
        assertEquals(200, html.statusCode(), html.body());
        Document page = Jsoup.parse(html.body(), server.uri("/").toString());
        List<Element> links = page.select("section a.export[data-format=csv]");
        assertEquals(tables, links.size(), "a download per table");
        for (Element link : links) {
            Element section = link.closest("section");
            List<List<String>> rows = new ArrayList<>();
            for (Element tr : section.select("table > tbody > tr")) {
                rows.add(tr.select("td").eachText());
            }
            List<CSVRecord> lines = csv(link.attr("href"));
            assertEquals(rows.size(), lines.size(), section.id() + ": one line per table row");
            assertFalse(rows.isEmpty(), section.id());
            for (int r = 0; r < rows.size(); r++) {
                List<String> fields = lines.get(r).toList();
                for (String cell : rows.get(r)) {
                    if (!cell.isEmpty()) {
                        assertTrue(holds(fields, cell), section.id() + " row " + r + ": " + cell + " not in " + fields);
                    }
                }
            }
            JsonNode json = new ObjectMapper()
                    .readTree(get(
                            link.parent()
                                    .selectFirst("a.export[data-format=json]")
                                    .attr("href"),
                            "application/json"));
            assertEquals(rows.size(), json.size(), section.id() + ": the JSON rows");
        }
    }

    @Test
    void hostileNames_roundTrip_andFormulasAreDefused() throws Exception {
        List<CSVRecord> lines = csv("/report/members?days=30&format=csv&table=members");
        List<String> names = lines.stream().map(l -> l.get("name")).toList();
        assertTrue(names.contains(OverviewPageTest.IMG), names.toString());
        assertTrue(names.contains(OverviewPageTest.QUOTES), names.toString());
        assertTrue(names.contains("'" + FORMULA), "a formula starts with an apostrophe: " + names);
        List<String> companies = lines.stream().map(l -> l.get("company")).toList();
        assertTrue(companies.contains(OverviewPageTest.SCRIPT), companies.toString());
        assertTrue(companies.contains("'@SUM(A1)"), companies.toString());
        assertFalse(names.contains("Old Member"), "the period's members only");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/report/cores?project_type=all&format=csv&table=rows",
        "/kpi/example?format=csv&table=rows",
        "/report/contribution/nova/30?format=csv&table=review"
    })
    void coresGoalsAndSummaries_download_withTheirColumnNames(String pathAndQuery) throws Exception {
        List<CSVRecord> lines = csv(pathAndQuery);
        assertFalse(lines.isEmpty() && csvHeader(pathAndQuery).isEmpty(), pathAndQuery + ": a header at least");
    }

    @Test
    void unknownTable_isTheHtml404_namingTheTables() throws Exception {
        HttpResponse<String> response = server.get("/report/members?format=csv&table=nosuch");
        assertEquals(404, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(Jsoup.parse(response.body()).text().contains("member-companies"), response.body());
    }

    @Test
    void csvWithoutTable_isTheHtml400() throws Exception {
        assertEquals(400, server.get("/report/members?format=csv").statusCode());
    }

    /**
     * Whether a table cell is in its CSV line: a field (a defused formula with its apostrophe);
     * or a composite cell ("name (company)") holding a field; or a list cell ("a, b") whose
     * names are each in a field holding the list as JSON.
     */
    @Test
    void personReport_punchCardAndSummary_downloadTheirCells() throws Exception {
        Document page = Jsoup.parse(
                server.get("/report/users/evil").body(), server.uri("/").toString());
        // the punch card's grid, cell by cell where it counts: hour, weekday (0 = Monday), count
        Set<String> shown = new HashSet<>();
        for (Element tr : page.select("section#punch-card table tbody tr")) {
            List<String> counts = tr.select("td").eachText();
            for (int weekday = 0; weekday < counts.size(); weekday++) {
                if (!counts.get(weekday).equals("0")) {
                    int hour = Integer.parseInt(tr.selectFirst("th").text().split(":")[0]); // "06:00"
                    shown.add(hour + "," + weekday + "," + counts.get(weekday));
                }
            }
        }
        assertFalse(shown.isEmpty(), "evil's mark is in the punch card");
        Set<String> downloaded = new HashSet<>();
        for (CSVRecord line : csv(
                page.selectFirst("section#punch-card a.export[data-format=csv]").attr("href"))) {
            downloaded.add(line.get("hour") + "," + line.get("weekday") + "," + line.get("count"));
        }
        assertEquals(shown, downloaded);

        List<String> figures = new ArrayList<>();
        for (Element figure : page.select("section#contribution dl > div")) {
            figures.add(figure.selectFirst("dt").text() + "="
                    + figure.selectFirst("dd").text());
        }
        List<String> rows = new ArrayList<>();
        for (CSVRecord line : csv(page.selectFirst("section#contribution a.export[data-format=csv]")
                .attr("href"))) {
            rows.add(line.get("label") + "=" + line.get("value"));
        }
        assertEquals(figures, rows);
    }

    @Test
    void openReviews_agesAndOldest_downloadTheirRows() throws Exception {
        Document page = Jsoup.parse(
                server.get("/report/reviews/nova/open").body(), server.uri("/").toString());
        List<Element> sections = page.select("section.wait:has(a.export)");
        assertEquals(2, sections.size(), "r2 waits on its reviewers since its last vote and since its creation");
        for (Element section : sections) {
            List<String> ages = new ArrayList<>();
            for (Element tr : section.select("table.ages tbody tr")) {
                ages.add(String.join(",", tr.select("td").eachText()));
            }
            List<String> downloaded = new ArrayList<>();
            for (CSVRecord line :
                    csv(section.select("a.export[data-format=csv]").get(0).attr("href"))) {
                downloaded.add(line.get("day") + "," + line.get("changeRequests"));
            }
            assertEquals(ages, downloaded, section.id());
            List<String> oldest = section.select("ol.oldest .subject").eachText();
            List<String> subjects = new ArrayList<>();
            for (CSVRecord line :
                    csv(section.select("a.export[data-format=csv]").get(1).attr("href"))) {
                subjects.add(line.get("subject").replaceFirst("^'", "")); // a formula defused
            }
            assertEquals(oldest, subjects, section.id());
        }
    }

    private static boolean holds(List<String> fields, String cell) throws Exception {
        if (fields.contains(cell) || fields.contains("'" + cell)) {
            return true;
        }
        if (fields.stream()
                .anyMatch(f ->
                        f.length() > 1 && !f.matches("\\d+") && cell.contains(f.replaceFirst("^'([=+@-])", "$1")))) {
            return true;
        }
        if (cell.contains(" / ")) {
            return List.of(cell.split(" / ")).stream().allMatch(fields::contains);
        }
        for (String name : cell.split(", ")) {
            String quoted = new ObjectMapper().writeValueAsString(name);
            if (fields.stream().noneMatch(f -> f.contains(quoted))) {
                return false;
            }
        }
        return true;
    }

    private static String get(String href, String type) throws Exception {
        HttpResponse<String> response = server.get(href);
        assertEquals(200, response.statusCode(), href + ": " + response.body());
        assertTrue(
                response.headers().firstValue("Content-Type").orElseThrow().startsWith(type),
                href + " " + response.headers().map());
        assertTrue(response.headers().firstValue(Exports.GENERATION).isPresent(), href);
        return response.body();
    }

    private static List<String> csvHeader(String href) throws Exception {
        String body = get(href, "text/csv");
        return List.of(body.substring(1, body.indexOf("\r\n")).split(","));
    }

    /** The records of a CSV download, read strictly, its header named (the byte order mark dropped). */
    private static List<CSVRecord> csv(String href) throws Exception {
        String body = get(href, "text/csv");
        assertTrue(body.startsWith("\uFEFF"), "a byte order mark for spreadsheets");
        CSVFormat strict = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(false)
                .get();
        return strict.parse(new StringReader(body.substring(1))).getRecords();
    }
}
