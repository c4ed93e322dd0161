package org.stackvault.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.junit.jupiter.params.provider.ValueSource;
import org.stackvault.query.Endpoint;
import org.stackvault.source.DumpStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;

/**
 * {@code /export/...} through a real embedded Jetty: the CSV, read back by a strict RFC 4180
 * reader, and the JSON hold the API's rows for the same filters, field by field; every endpoint
 * of the table exports or is listed as not tabular; hostile names round-trip, formulas are
 * defused; the file's name, the generation and filter headers; the API's JSON errors; and the
 * overview's export links download the rows of their tables.
 */
class ExportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Excel's DDE payload, as a company name. */
    private static final String FORMULA = "=cmd|' /C calc'!A0";
    /** Quotes, a comma, a semicolon and line breaks, as an author name. */
    private static final String QUOTING = "Ann \"the, quoter\"; o'Neil\r\nsecond line\n";
    /** Characters file names must not hold, a right-to-left override and text beyond ASCII, as a company name. */
    private static final String FILE_HOSTILE = "Soci\u00e9t\u00e9 \"\u03a9\"/<x>?\\:*|\u202E";
    /** More engineers than the largest page the dashboard's tables show at once (50). */
    private static final int MANY = 60;

    private static TestServer server;
    private static Path dump;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        List<TestRecords.Builder> records = new ArrayList<>(List.of(
                TestRecords.commit(),
                TestRecords.commit().module("glance"),
                TestRecords.commit().company("Intel").user("jane", "Jane Roe"),
                TestRecords.commit().company(FORMULA).user("formula", FORMULA),
                TestRecords.commit().company(OverviewPageTest.QUOTES).user("quoting", QUOTING),
                TestRecords.commit().company(OverviewPageTest.SCRIPT).user("evil", OverviewPageTest.IMG),
                TestRecords.commit().company("*independent").user("solo", "Solo Dev"),
                TestRecords.commit().company(FILE_HOSTILE).user("solo", "Solo Dev"),
                TestRecords.mark().company("IBM").user("john_doe", "John Doe").primaryKey("m1"),
                TestRecords.mark().company(FORMULA).user("formula", FORMULA).primaryKey("m2"),
                TestRecords.email().company("IBM"),
                TestRecords.review().company("Red Hat").module("keystone"),
                TestRecords.commit().module("keystone").company("Red Hat")));
        for (int i = 0; i < MANY; i++) {
            records.add(TestRecords.commit().company("Many").user("many" + i, "Many " + i));
        }
        TestStore store = new TestStore(DumpStorage.empty("export test"))
                .referenceData()
                .projectTypes(List.of(
                        projectType("all", "OpenStack", false, "openstack-official", "unknown"),
                        projectType("openstack", "Official", true, "openstack-official"),
                        projectType("cncf-group", "CNCF", false, "glance")))
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .user("formula", FORMULA, FORMULA, "formula@example.com")
                .user("quoting", QUOTING, OverviewPageTest.QUOTES, "quoting@example.com")
                .load(records.toArray(TestRecords.Builder[]::new));
        dump = store.writeDump(Files.createTempFile("export-test", ".pickle"));
        server = TestServer.startReady(Map.of("dump", dump.toString(), "refresh-interval", "600"));
    }

    private static Map<String, Object> projectType(String id, String title, boolean child, String... modules) {
        return Map.of("id", id, "title", title, "child", child, "modules", List.of(modules));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Files.deleteIfExists(dump);
    }

    private static HttpResponse<byte[]> get(String pathAndQuery) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(server.uri(pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> ok(String pathAndQuery) throws Exception {
        HttpResponse<byte[]> response = get(pathAndQuery);
        assertEquals(200, response.statusCode(), pathAndQuery + ": " + text(response));
        return response;
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The CSV's records by a strict RFC 4180 reader, after checking the byte order mark and the CRLF endings. */
    private static List<List<String>> csv(HttpResponse<byte[]> response) throws Exception {
        byte[] body = response.body();
        assertArrayEquals(
                new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3), "UTF-8 byte order mark");
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\r\n"), "the last record ends in CRLF");
        List<List<String>> records = new ArrayList<>();
        for (CSVRecord record : CSVFormat.RFC4180.builder().get().parse(new StringReader(text))) {
            records.add(record.toList());
        }
        return records;
    }

    /** The rows of an API answer: its first array (or, for one object, that object; for an object of objects, its entries). */
    private static List<JsonNode> apiRows(JsonNode answer) {
        List<JsonNode> rows = new ArrayList<>();
        for (Iterator<JsonNode> it = answer.elements(); it.hasNext(); ) {
            JsonNode value = it.next();
            if (value.isArray()) {
                value.forEach(rows::add);
                return rows;
            }
        }
        JsonNode first = answer.elements().next();
        boolean entries = first.size() > 0 && first.elements().next().isObject();
        if (entries) {
            first.properties()
                    .forEach(e -> rows.add(((com.fasterxml.jackson.databind.node.ObjectNode)
                                    e.getValue().deepCopy())
                            .put("id", e.getKey())));
        } else {
            rows.add(first);
        }
        return rows;
    }

    /** A row's field by a column name: the key itself, else {@code a.b} as key {@code b} of object {@code a}. */
    private static JsonNode field(JsonNode row, String column) {
        if (row.has(column)) {
            return row.get(column);
        }
        int dot = column.indexOf('.');
        return dot < 0 ? null : field(row.path(column.substring(0, dot)), column.substring(dot + 1));
    }

    /** How the spec says a JSON value must read in a CSV cell. */
    private static String expectedCell(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isNumber()) {
            return value.asText();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.isValueNode() ? item.asText() : item.toString()));
            return defused(String.join(";", items));
        }
        return defused(value.asText());
    }

    /** A text a spreadsheet would read as a formula gets an apostrophe, a number does not. */
    private static String defused(String text) {
        boolean formula = !text.isEmpty() && "=+-@\t\r\n".indexOf(text.charAt(0)) >= 0;
        return formula && !text.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?") ? "'" + text : text;
    }

    @ParameterizedTest(name = "{0}?{1}")
    @CsvSource(
            delimiter = ' ',
            value = {
                "stats/companies release=all&metric=commits",
                "stats/companies release=all&metric=marks",
                "stats/modules release=all&metric=commits",
                "stats/engineers release=all&metric=commits",
                "stats/engineers release=all&metric=marks&module=glance",
                "stats/engineers_extended release=all",
                "stats/distinct_engineers release=all",
                "stats/bp release=all",
                "activity release=all&metric=commits&page_size=100",
                "contribution release=all&company=ibm",
                "companies release=all",
                "modules release=all",
                "users release=all&company=many",
                "users release=all&core_in=master",
                "releases release=all",
                "metrics release=all",
                "project_types release=all",
                "new_companies release=all&days=100000",
                "affiliation_changes start_days=0&end_days=100000"
            })
    void csvAndJsonRows_equalTheApisRows_fieldByField(String path, String query) throws Exception {
        JsonNode api = MAPPER.readTree(text(ok("/api/1.0/" + path + "?" + query)));
        List<JsonNode> expected = apiRows(api);
        List<List<String>> csv = csv(ok("/export/" + path + ".csv?" + query));
        JsonNode json = MAPPER.readTree(text(ok("/export/" + path + ".json?" + query)));

        List<String> columns = csv.get(0);
        assertEquals(expected.size(), csv.size() - 1, "every row, no page");
        assertEquals(expected.size(), json.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode row = expected.get(i);
            Set<String> seen = new HashSet<>();
            for (int c = 0; c < columns.size(); c++) {
                String column = columns.get(c);
                JsonNode value = field(row, column);
                assertEquals(expectedCell(value), csv.get(i + 1).get(c), path + " row " + i + " " + column);
                JsonNode exported = json.get(i).get(column);
                assertEquals(
                        value == null || value.isMissingNode() ? "null" : value.toString(),
                        exported.toString(),
                        path + " JSON row " + i + " " + column);
                seen.add(column.contains(".") ? column.substring(0, column.indexOf('.')) : column);
            }
            for (Iterator<String> names = row.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (row.get(name).isObject() && row.get(name).isEmpty()) {
                    continue; // an empty map has no entry to make a column of
                }
                assertTrue(seen.contains(name), path + ": the API's field " + name + " is a column");
            }
        }
    }

    @Test
    void timeline_isARowPerWeek_withTheApisThreeSeries() throws Exception {
        String query = "release=all&metric=commits";
        JsonNode series =
                MAPPER.readTree(text(ok("/api/1.0/stats/timeline?" + query))).path("timeline");
        List<List<String>> csv = csv(ok("/export/stats/timeline.csv?" + query));

        assertEquals(List.of("week", "records", "highlighted", "loc"), csv.get(0));
        assertEquals(series.get(0).size(), csv.size() - 1);
        for (int week = 0; week < series.get(0).size(); week++) {
            List<String> row = csv.get(week + 1);
            assertEquals(series.get(0).get(week).get(0).asText(), row.get(0));
            for (int s = 0; s < 3; s++) {
                assertEquals(series.get(s).get(week).get(0).asText(), row.get(0), "the same weeks");
                assertEquals(series.get(s).get(week).get(1).asText(), row.get(s + 1));
            }
        }
    }

    @Test
    void everyEndpoint_exports_orIsListedAsNotTabular() throws Exception {
        Set<Endpoint<?>> covered = new HashSet<>(Exports.exported());
        covered.addAll(Exports.NOT_TABULAR.keySet());
        assertEquals(Set.copyOf(Endpoint.ALL), covered);
        for (Endpoint<?> endpoint : Endpoint.ALL) {
            String path = endpoint.path().replace("{id}", "ibm");
            if (Exports.NOT_TABULAR.containsKey(endpoint)) {
                assertEquals(404, get("/export/" + path + ".csv").statusCode(), path);
                assertFalse(Exports.exported().contains(endpoint));
                continue;
            }
            String query = endpoint == Endpoint.MEMBERS ? "" : "?release=all";
            List<List<String>> csv = csv(ok("/export/" + path + ".csv" + query));
            assertFalse(csv.get(0).isEmpty(), path + " names its columns");
            assertTrue(
                    MAPPER.readTree(text(ok("/export/" + path + ".json" + query)))
                            .isArray(),
                    path);
        }
    }

    @Test
    void hostileNames_roundTrip_andFormulasAreDefused() throws Exception {
        String query = "?release=all&metric=commits";
        List<List<String>> companies = csv(ok("/export/stats/companies.csv" + query));
        List<List<String>> engineers = csv(ok("/export/stats/engineers.csv" + query));
        JsonNode json = MAPPER.readTree(text(ok("/export/stats/companies.json" + query)));

        int name = companies.get(0).indexOf("name");
        List<String> names = companies.stream().skip(1).map(r -> r.get(name)).toList();
        assertTrue(names.contains("'" + FORMULA), names.toString());
        assertFalse(names.contains(FORMULA), "never a bare formula");
        assertTrue(names.contains(OverviewPageTest.QUOTES), names.toString());
        assertTrue(names.contains(OverviewPageTest.SCRIPT), names.toString());
        List<String> engineerNames = engineers.stream()
                .skip(1)
                .map(r -> r.get(engineers.get(0).indexOf("name")))
                .toList();
        assertTrue(engineerNames.contains(QUOTING), "quotes, commas and line breaks survive: " + engineerNames);
        List<String> jsonNames = new ArrayList<>();
        json.forEach(row -> jsonNames.add(row.path("name").asText()));
        assertTrue(jsonNames.contains(FORMULA), "JSON holds the name as it is");
        int metric = companies.get(0).indexOf("metric");
        companies.stream().skip(1).forEach(r -> assertTrue(r.get(metric).matches("\\d+"), "a number: " + r));
    }

    @Test
    void fileName_namesTheViewFiltersAndDay_safely() throws Exception {
        String company = FILE_HOSTILE;
        HttpResponse<byte[]> response = ok("/export/stats/engineers.csv?release=all&metric=commits&company="
                + URLEncoder.encode(company, StandardCharsets.UTF_8) + "&callback=x");
        String disposition =
                response.headers().firstValue("Content-Disposition").orElseThrow();

        Matcher plain = Pattern.compile("^attachment; filename=([^;]*); filename\\*=UTF-8''(\\S+)$")
                .matcher(disposition);
        assertTrue(plain.matches(), disposition);
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        assertTrue(plain.group(1).matches("[A-Za-z0-9._-]+"), "letters, digits, . _ - only: " + plain.group(1));
        assertTrue(plain.group(1).startsWith("stackvault_stats-engineers_release-all_company-"), plain.group(1));
        assertTrue(plain.group(1).endsWith("_metric-commits_" + day + ".csv"), plain.group(1));
        assertTrue(plain.group(2).matches("[A-Za-z0-9%._*-]+"), "percent-encoded: " + plain.group(2));
        String utf8 = URLDecoder.decode(plain.group(2), StandardCharsets.UTF_8);
        assertTrue(utf8.contains("_company-Soci\u00e9t\u00e9 _\u03a9___x_______" + "_metric-commits_" + day), utf8);
        for (String bad : List.of("/", "\\", "\"", "\r", "\n")) {
            assertFalse(utf8.contains(bad), "no " + bad + " in " + utf8);
        }
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv; charset=utf-8"));
    }

    @Test
    void headers_nameTheGeneration_andTheFilters() throws Exception {
        HttpResponse<byte[]> response = ok("/export/stats/modules.json?metric=commits&release=all&user_id=jane&x=1");
        String generation =
                Jsoup.parse(text(ok("/"))).select("footer .generation").text();

        assertEquals(
                generation, response.headers().firstValue(Exports.GENERATION).orElseThrow());
        assertEquals(
                "release=all&user_id=jane&metric=commits",
                response.headers().firstValue(Exports.FILTERS).orElseThrow(),
                "the filters the rows depend on, in the API's order");
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertTrue(response.headers()
                .firstValue("Content-Disposition")
                .orElseThrow()
                .contains("stackvault_stats-modules_release-all_user_id-jane_metric-commits_"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"?release=nope", "?module=nope&release=all", "?start_date=notadate", "?metric=nope"})
    void badFilters_answerTheApisJsonError(String query) throws Exception {
        HttpResponse<byte[]> export = get("/export/stats/companies.csv" + query);
        HttpResponse<byte[]> api = get("/api/1.0/stats/companies" + query);

        assertEquals(api.statusCode(), export.statusCode());
        assertTrue(export.statusCode() == 400 || export.statusCode() == 404, query);
        assertEquals(MAPPER.readTree(api.body()), MAPPER.readTree(export.body()));
        assertTrue(export.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertFalse(text(export).contains("Exception"), "no stack trace");
    }

    @Test
    void badDate_isA400_inJson() throws Exception {
        HttpResponse<byte[]> response = get("/export/stats/companies.csv?date=x");

        assertEquals(400, response.statusCode());
        assertEquals(
                "date",
                MAPPER.readTree(response.body()).path("error").path("parameter").asText());
    }

    @Test
    void unreadableQueries_areRefused_inJson() throws Exception {
        HttpResponse<byte[]> tooLong = get("/export/stats/companies.csv?module=" + "a".repeat(5000));
        HttpResponse<byte[]> notUtf8 = get("/export/stats/companies.csv?module=%C3");

        assertEquals(414, tooLong.statusCode());
        assertEquals(
                414,
                MAPPER.readTree(tooLong.body()).path("error").path("status").asInt());
        assertEquals(400, notUtf8.statusCode());
        assertEquals(
                400,
                MAPPER.readTree(notUtf8.body()).path("error").path("status").asInt());
    }

    @Test
    void head_sendsTheHeaders_withoutABody() throws Exception {
        HttpResponse<byte[]> head = CLIENT.send(
                HttpRequest.newBuilder(server.uri("/export/stats/companies.csv?release=all"))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertTrue(
                head.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment; "));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/export/nope.csv",
                "/export/stats/companies.xml",
                "/export/stats/companies",
                "/export/stats/companies.csv.csv",
                "/export/.csv",
                "/export/",
                "/export/companies/ibm.csv",
                "/export/STATS/companies.csv"
            })
    void unknownExports_are404_inJson(String path) throws Exception {
        HttpResponse<byte[]> response = get(path);

        assertEquals(404, response.statusCode(), path);
        assertEquals(
                404,
                MAPPER.readTree(response.body()).path("error").path("status").asInt());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/?release=all&metric=commits", "/?release=all&metric=marks", "/cncf", "/?date=3000"})
    void overviewExportLinks_downloadTheRowsOfTheirTables(String pagePath) throws Exception {
        Document page = Jsoup.parse(text(ok(pagePath)), server.uri("/").toString());
        List<Element> sections = page.select("section.top");
        assertFalse(sections.isEmpty(), pagePath);

        for (Element section : sections) {
            Element csvLink = section.selectFirst("a.export[data-format=csv]");
            Element jsonLink = section.selectFirst("a.export[data-format=json]");
            assertNotNull(csvLink, section.id());
            assertNotNull(jsonLink, section.id());
            List<String> shown = new ArrayList<>();
            for (Element tr : section.select("tbody tr")) {
                shown.add(tr.child(0).text() + "|" + tr.child(1).text() + "|"
                        + tr.child(tr.childrenSize() - 1).text()); // the metric is the last column
            }
            List<List<String>> csv = csv(ok(csvLink.attr("href")));
            List<String> header = csv.get(0);
            List<String> downloaded = new ArrayList<>();
            for (List<String> row : csv.subList(1, csv.size())) {
                String name = row.get(header.indexOf("name"));
                String id = row.get(header.indexOf("id"));
                String shownName = undefused(name.isEmpty() ? id : name)
                        .replaceAll("\\s+", " ")
                        .trim();
                downloaded.add(
                        row.get(header.indexOf("index")) + "|" + shownName + "|" + row.get(header.indexOf("metric")));
            }
            assertEquals(shown, downloaded, pagePath + " " + section.id());
            assertEquals(
                    shown.size(),
                    MAPPER.readTree(text(ok(jsonLink.attr("href")))).size());
        }
    }

    private static String undefused(String cell) {
        return cell.startsWith("'") && !defused(cell.substring(1)).equals(cell.substring(1)) ? cell.substring(1) : cell;
    }

    @Test
    void overviewExportLinks_keepEveryFilter_percentEncoded() throws Exception {
        String company = URLEncoder.encode(OverviewPageTest.QUOTES, StandardCharsets.UTF_8);
        Document page = Jsoup.parse(text(ok("/?release=all&metric=commits&company=" + company)));

        String href =
                page.selectFirst("section#engineers a.export[data-format=csv]").attr("href");
        assertEquals("/export/stats/engineers.csv?release=all&company=" + company + "&metric=commits", href);
        Element summary = page.selectFirst("section#contribution a.export[data-format=json]");
        assertNotNull(summary, "the contribution summary exports");
        JsonNode rows = MAPPER.readTree(text(ok(summary.attr("href"))));
        JsonNode api = MAPPER.readTree(text(ok("/api/1.0/contribution?release=all&company=" + company)))
                .path("contribution");
        assertEquals(1, rows.size());
        assertEquals(api.path("commit_count"), rows.get(0).path("commit_count"));
        assertEquals(api.path("marks").path("2"), rows.get(0).path("marks.2"));
    }
}
