package org.stackvault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
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
 * The contribution, members, affiliation-changes and cores reports through a real embedded
 * Jetty, read with jsoup: their figures computed here from the generated records (or, where
 * the report is a grouping of an endpoint's answer, from that answer), their HTML 400/404,
 * and hostile names as text in every table.
 */
class ReportPagesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String IMG = OverviewPageTest.IMG;
    private static final String SCRIPT = OverviewPageTest.SCRIPT;
    private static final String QUOTES = OverviewPageTest.QUOTES;
    private static final long DAY = 86_400L;
    /** A user id that must stay one path segment. */
    private static final String WEIRD_ID = "we/ird ?#%";

    private static TestServer server;
    private static Path dump;
    private static long now;
    /** The generated records: user, type, module, value, date. */
    private static final List<Object[]> RECORDS = new ArrayList<>();

    /** user id -> [name, current company]. */
    private static final Map<String, String[]> USERS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        now = System.currentTimeMillis() / 1000;
        TestStore store = new TestStore(DumpStorage.empty("report pages test")).referenceData();
        user(store, "core_a", "Core A", List.of(company("IBM", 0)), List.of(List.of("nova", "master")));
        user(store, "stable_b", "Stable B", List.of(company("Intel", 0)), List.of(List.of("nova", "stable/train")));
        user(
                store,
                "evil",
                IMG,
                List.of(company(SCRIPT, 0)),
                List.of(List.of("nova", "master"), List.of("glance", "master")));
        user(
                store,
                "quotes",
                QUOTES,
                List.of(company("Old'<Co>", now - 100 * DAY), company(QUOTES, 0)),
                List.of(List.of("glance", "master")));
        user(
                store,
                "mover",
                "Mover",
                List.of(company("IBM", now - 50 * DAY), company("Intel", now - 10 * DAY), company("Red Hat", 0)),
                List.of());
        user(store, "mover2", "Mover Two", List.of(company("IBM", now - 20 * DAY), company("Intel", 0)), List.of());
        user(store, "ancient", "Ancient", List.of(company("IBM", now - 800 * DAY), company("Intel", 0)), List.of());
        user(store, WEIRD_ID, "Weird Id", List.of(company("Intel", now - 5 * DAY), company(SCRIPT, 0)), List.of());

        Random random = new Random(42);
        List<String> authors = List.of("core_a", "stable_b", "evil", "quotes", "mover");
        List<TestRecords.Builder> builders = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String userId = authors.get(random.nextInt(authors.size()));
            String type = List.of("commit", "mark", "mark", "review", "patch", "email")
                    .get(random.nextInt(6));
            String module = random.nextInt(4) == 0 ? "glance" : "nova";
            long date = random.nextBoolean() ? now - 2 * DAY - i * 60L : now - 40 * DAY - i * 60L;
            long value = List.of(-2L, -1L, 1L, 2L).get(random.nextInt(4));
            if (userId.equals("mover") && type.equals("mark")) {
                type = "commit"; // a contributor without votes: the ratios are ∞
            }
            TestRecords.Builder b = switch (type) {
                case "commit" -> TestRecords.commit();
                case "mark" -> TestRecords.mark().set("value", value);
                case "review" -> TestRecords.review();
                case "patch" -> TestRecords.patch();
                default -> TestRecords.email();
            };
            builders.add(b.user(userId, USERS.get(userId)[0])
                    .company(USERS.get(userId)[1])
                    .module(module)
                    .release("train")
                    .primaryKey(type + "-" + i)
                    .date(date));
            RECORDS.add(new Object[] {userId, type, module, value, date});
        }
        builders.add(member("m1", "Member One", "IBM", "https://www.openstack.org/community/members/profile/123", 3));
        builders.add(member("m2", IMG, SCRIPT, "javascript:alert(1)", 4));
        builders.add(member("m3", QUOTES, QUOTES, "https://evil.example/profile/9", 5));
        builders.add(
                member("m4", "Old Member", "Intel", "https://www.openstack.org/community/members/profile/77", 100));
        store.load(builders.toArray(TestRecords.Builder[]::new));
        dump = store.writeDump(Files.createTempFile("report-pages-test", ".pickle"));
        server = TestServer.startReady(Map.of("dump", dump.toString(), "refresh-interval", "600"));
    }

    private static Map<String, Object> company(String name, long endDate) {
        return Map.of("company_name", name, "end_date", endDate);
    }

    private static void user(
            TestStore store, String id, String name, List<Map<String, Object>> companies, List<List<String>> core) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("user_id", id);
        user.put("user_name", name);
        user.put("launchpad_id", id);
        user.put("emails", List.of(id.replace('/', '_').replace(' ', '_') + "@example.com"));
        user.put("companies", companies);
        user.put("core", core);
        store.storeUser(user);
        USERS.put(id, new String[] {
            name, (String) companies.get(companies.size() - 1).get("company_name")
        });
    }

    private static TestRecords.Builder member(String id, String name, String company, String uri, int daysAgo) {
        return TestRecords.of("member")
                .user(id, name)
                .company(company)
                .set("member_uri", uri)
                .set("member_id", uri.replaceAll("\\D", ""))
                .primaryKey("member:" + id)
                .date(now - daysAgo * DAY);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Files.deleteIfExists(dump);
    }

    private static Document page(String pathAndQuery) throws Exception {
        HttpResponse<String> response = server.get(pathAndQuery);
        assertEquals(200, response.statusCode(), pathAndQuery + ": " + response.body());
        assertEquals(
                Pages.CONTENT_SECURITY_POLICY,
                response.headers().firstValue("Content-Security-Policy").orElseThrow());
        Document page = Jsoup.parse(response.body(), server.uri("/").toString());
        assertNoMarkupFromData(page, response.body());
        return page;
    }

    /** No element or attribute came from data: no image, no handler, no script but the JSON blocks. */
    private static void assertNoMarkupFromData(Document page, String body) {
        assertEquals(
                List.of(),
                page.select("img, iframe, object, embed, style, [style], [onerror]")
                        .eachAttr("outerHtml"));
        for (Element script : page.select("script")) {
            if (script.hasAttr("src")) { // the WAR's own files only
                assertTrue(script.attr("src").startsWith("/static/"), script.outerHtml());
                continue;
            }
            assertEquals("application/json", script.attr("type"), script.outerHtml());
        }
        assertFalse(body.contains("<img"), "no <img in the page");
        assertTrue(page.select("[src^=http], [src^=//], link[href^=http]").isEmpty(), "no request to another host");
    }

    private static JsonNode json(String pathAndQuery) throws Exception {
        HttpResponse<String> response = server.get(pathAndQuery);
        assertEquals(200, response.statusCode(), pathAndQuery + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        return MAPPER.readTree(response.body());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- /report/contribution/<module>/<days> ------------------------------------------------

    /** Per user of the module's records since the start: reviews, -2, -1, +1, +2, on review, patch sets, commits, emails. */
    private static Map<String, long[]> expectedContribution(String module, long start) {
        Map<String, long[]> byUser = new TreeMap<>();
        for (Object[] r : RECORDS) {
            if (!module.equals(r[2]) || (long) r[4] < start) {
                continue;
            }
            long[] c = byUser.computeIfAbsent((String) r[0], k -> new long[9]);
            switch ((String) r[1]) {
                case "mark" -> {
                    c[0]++;
                    c[
                            switch ((int) (long) (Long) r[3]) {
                                case -2 -> 1;
                                case -1 -> 2;
                                case 1 -> 3;
                                default -> 4;
                            }]++;
                }
                case "review" -> c[5]++;
                case "patch" -> c[6]++;
                case "commit" -> c[7]++;
                default -> c[8]++;
            }
        }
        return byUser;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"nova/30", "nova/90", "glance/30"})
    void contributionTable_countsEachEngineersRecordsOfThePeriod(String moduleAndDays) throws Exception {
        String module = moduleAndDays.split("/")[0];
        int days = Integer.parseInt(moduleAndDays.split("/")[1]);
        Document page = page("/report/contribution/" + moduleAndDays);
        long start = json("/report/contribution/" + moduleAndDays + "?format=json")
                .path("startDate")
                .asLong();
        assertTrue(Math.abs(start - (System.currentTimeMillis() / 1000 - days * DAY)) < 120, "start " + start);

        Map<String, long[]> expected = expectedContribution(module, start);
        assertEquals("Stackvault | Contribution into " + module + " for the last " + days + " days", page.title());
        assertEquals(15, page.select("table#review-stats thead th").size());
        Map<String, List<String>> shown = new TreeMap<>();
        for (Element tr : page.select("table#review-stats tbody tr")) {
            String userHref = tr.child(1).selectFirst("a").attr("href");
            String userId = java.net.URLDecoder.decode(
                    userHref.replaceFirst("^/\\?user_id=([^&]*)&metric=marks$", "$1"), StandardCharsets.UTF_8);
            List<String> cells = new ArrayList<>();
            for (int col : new int[] {2, 3, 4, 5, 6, 12, 13, 14}) {
                cells.add(tr.child(col).text());
            }
            shown.put(userId, cells);
        }
        Map<String, List<String>> wanted = new TreeMap<>();
        expected.forEach((user, c) -> wanted.put(
                user,
                List.of(
                        "" + c[0],
                        "" + c[1],
                        "" + c[2],
                        "" + c[3],
                        "" + c[4],
                        c[5] + " / " + c[6],
                        "" + c[7],
                        "" + c[8])));
        assertEquals(wanted, shown);

        // the + % column: (+1 and +2) of the votes, to one decimal; ∞ without votes, sorted above all
        for (Element tr : page.select("table#review-stats tbody tr")) {
            long[] c = expected.get(userOf(tr));
            long votes = c[1] + c[2] + c[3] + c[4];
            String ratio = votes == 0
                    ? "\u221E"
                    : String.format(java.util.Locale.ROOT, "%.1f%%", (c[3] + c[4]) * 100.0 / votes);
            assertEquals(ratio, tr.child(9).text());
            assertEquals(
                    votes == 0 ? 1e9 : (c[3] + c[4]) * 100.0 / votes,
                    Double.parseDouble(tr.child(9).attr("data-sort")),
                    0.06);
        }
    }

    private static String userOf(Element tr) {
        String href = tr.child(1).selectFirst("a").attr("href");
        return java.net.URLDecoder.decode(
                href.replaceFirst("^/\\?user_id=([^&]*)&metric=marks$", "$1"), StandardCharsets.UTF_8);
    }

    @Test
    void contributionTable_equalsEngineersExtended_ratiosDisagreementsAndCores() throws Exception {
        JsonNode report = json("/report/contribution/nova/30?format=json");
        JsonNode api = json(
                "/api/1.0/stats/engineers_extended?project_type=all&metric=marks&module=nova&release=all&start_date="
                        + report.path("startDate").asLong());
        Document page = page("/report/contribution/nova/30");

        List<String> expected = new ArrayList<>();
        for (JsonNode row : api.path("stats")) {
            String core = row.path("core").isNull() || row.path("core").isMissingNode()
                    ? ""
                    : row.path("core").asText().equals("master")
                            ? " \u273B"
                            : " \u272C " + row.path("core").asText();
            expected.add(row.path("index").asText() + "|" + row.path("name").asText() + " ("
                    + row.path("company").asText()
                    + ")" + core + "|" + row.path("disagreements").asInt() + "|"
                    + row.path("disagreement_ratio").asText().replace("&#x221E;", "\u221E"));
        }
        List<String> shown = new ArrayList<>();
        for (Element tr : page.select("table#review-stats tbody tr")) {
            shown.add(tr.child(0).text() + "|" + tr.child(1).text() + "|"
                    + tr.child(10).text() + "|" + tr.child(11).text());
        }
        assertEquals(expected, shown);
        assertTrue(shown.stream().anyMatch(s -> s.contains("Core A (IBM) \u273B")), shown.toString());
        assertTrue(shown.stream().anyMatch(s -> s.contains("Stable B (Intel) \u272C stable/train")), shown.toString());
    }

    @Test
    void contributionSummaries_sumTheTable_perDayAsTheOriginal() throws Exception {
        Document page = page("/report/contribution/nova/30");
        long start = json("/report/contribution/nova/30?format=json")
                .path("startDate")
                .asLong();
        Map<String, long[]> expected = expectedContribution("nova", start);
        long marks = 0, reviewers = 0, coreMarks = 0, coreSize = 0, review = 0, patch = 0, commits = 0, emails = 0;
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            long[] c = e.getValue();
            marks += c[0];
            reviewers += c[0] > 0 ? 1 : 0;
            boolean core = e.getKey().equals("core_a") || e.getKey().equals("evil"); // core in nova on master
            coreMarks += core ? c[0] : 0;
            coreSize += core ? 1 : 0;
            review += c[5];
            patch += c[6];
            commits += c[7];
            emails += c[8];
        }
        assertEquals(
                List.of(
                        "Total reviews: " + marks + " (" + perDay(marks / 30.0) + " per day)",
                        "Total reviewers: " + reviewers + " (" + perDay(marks / (double) reviewers / 30)
                                + " per reviewer per day)",
                        "Total reviews by core team: " + coreMarks + " (" + perDay(coreMarks / 30.0) + " per day)",
                        "Core team size: " + coreSize + " (" + perDay(coreMarks / (double) coreSize / 30)
                                + " per core per day)"),
                page.select("section#review-summary li").eachText());
        assertEquals(
                List.of(
                        "On review: " + review + " (" + perDay(review / 30.0) + " per day)",
                        "Patch sets: " + patch + " (" + perDay(patch / 30.0) + " per day)",
                        "Commits: " + commits + " (" + perDay(commits / 30.0) + " per day)",
                        "Emails: " + emails + " (" + perDay(emails / 30.0) + " per day)"),
                page.select("section#contribution-summary li").eachText());
    }

    private static String perDay(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    @Test
    void contributionOfAModuleWithoutRecords_hasNoTable_andRatesOfNoReviewerAreNotNumbers() throws Exception {
        Document page = page("/report/contribution/keystone/30");

        assertTrue(page.select("table#review-stats").isEmpty());
        assertEquals(
                "Total reviewers: 0 (n/a per reviewer per day)",
                page.select("section#review-summary li").get(1).text());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/report/contribution/nova/abc",
                "/report/contribution/nova/0",
                "/report/contribution/nova/-3",
                "/report/contribution/nova/99999999999",
                "/report/members?days=week",
                "/report/affiliation_changes?start_days=yesterday",
                "/report/affiliation_changes?end_days=2019-13-45",
                "/report/cores?format=xml"
            })
    void malformedParameters_areTheHtml400(String pathAndQuery) throws Exception {
        assertHtmlError(400, pathAndQuery);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/report/contribution/nosuch/30",
                "/report/contribution/nova",
                "/report/contribution/nova/30/x",
                "/report/members?company=nobody",
                "/report/cores?project_type=nosuch"
            })
    void unknownNames_areTheHtml404(String pathAndQuery) throws Exception {
        assertHtmlError(404, pathAndQuery);
    }

    private static void assertHtmlError(int status, String pathAndQuery) throws Exception {
        HttpResponse<String> response = server.get(pathAndQuery);

        assertEquals(status, response.statusCode(), pathAndQuery + ": " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertNotNull(response.headers().firstValue("Content-Security-Policy").orElse(null));
        Document page = Jsoup.parse(response.body());
        assertTrue(page.select("h1").text().contains(Integer.toString(status)), response.body());
        assertFalse(page.select("main a[href=/]").isEmpty(), response.body());
        assertFalse(response.body().contains("Exception"), response.body());
    }

    // ---- /report/cores --------------------------------------------------------------------

    @Test
    void coresMatrix_countsEachCompanysCoresPerModule_withTotals() throws Exception {
        JsonNode users = json("/api/1.0/users?project_type=all&release=all&core_in=master");
        // computed here from the users answer: company -> module -> names
        Map<String, Map<String, List<String>>> expected = new LinkedHashMap<>();
        TreeSet<String> modules = new TreeSet<>();
        for (JsonNode user : users.path("data")) {
            Map<String, List<String>> row =
                    expected.computeIfAbsent(user.path("company_name").asText(), k -> new TreeMap<>());
            for (JsonNode module : user.path("core")) {
                row.computeIfAbsent(module.asText(), k -> new ArrayList<>())
                        .add(user.path("text").asText());
                modules.add(module.asText());
            }
        }
        Document page = page("/report/cores?project_type=all");

        assertEquals("Stackvault | Cores in all", page.title());
        List<String> headers = page.select("table#cores-table thead th").eachText();
        List<String> wantedHeaders = new ArrayList<>(List.of("Company", "Total"));
        wantedHeaders.addAll(modules);
        assertEquals(wantedHeaders, headers);
        for (Element link : page.select("table#cores-table thead th a")) {
            assertEquals("/report/contribution/" + link.text() + "/30", link.attr("href"));
        }
        List<String> rows = new ArrayList<>();
        int total = 0;
        int[] columnTotals = new int[modules.size()];
        for (Map.Entry<String, Map<String, List<String>>> e : expected.entrySet()) {
            StringBuilder row = new StringBuilder(e.getKey());
            int sum = e.getValue().values().stream().mapToInt(List::size).sum();
            row.append('|').append(sum);
            int column = 0;
            for (String module : modules) {
                List<String> names = e.getValue().getOrDefault(module, List.of());
                row.append('|').append(names.size()).append(':').append(String.join(", ", names));
                columnTotals[column++] += names.size();
            }
            total += sum;
            rows.add(row.toString());
        }
        List<String> shown = new ArrayList<>();
        for (Element tr : page.select("table#cores-table tbody tr")) {
            StringBuilder row = new StringBuilder(tr.child(0).text())
                    .append('|')
                    .append(tr.child(1).text());
            for (int i = 2; i < tr.childrenSize(); i++) {
                Element td = tr.child(i);
                String count = td.selectFirst("summary") != null
                        ? td.selectFirst("summary").text()
                        : td.text();
                row.append('|').append(count).append(':').append(td.attr("title"));
                // the names are also text in the cell, one item each
                assertEquals(
                        td.attr("title").isEmpty()
                                ? List.of()
                                : List.of(td.attr("title").split(", ")),
                        td.select("li").eachText());
            }
            shown.add(row.toString());
        }
        assertEquals(rows, shown);
        List<String> footer = new ArrayList<>(List.of("Total", Integer.toString(total)));
        for (int t : columnTotals) {
            footer.add(Integer.toString(t));
        }
        assertEquals(footer, page.select("table#cores-table tfoot tr > *").eachText());
        assertTrue(page.select("table#cores-table tbody th").eachText().contains(SCRIPT));
        assertTrue(page.select("table#cores-table td[title]").eachAttr("title").stream()
                .anyMatch(t -> t.contains(IMG)));
        assertEquals(
                "all", page.select("select[name=project_type] option[selected]").attr("value"));
    }

    // ---- /report/affiliation_changes ------------------------------------------------------------

    @Test
    void affiliationChanges_groupTheLastYearsChangesByCompanies() throws Exception {
        Document page = page("/report/affiliation_changes");

        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("IBM|Intel", List.of("Mover", "Mover Two"));
        expected.put("Intel|Red Hat", List.of("Mover"));
        expected.put("Old'<Co>|" + QUOTES, List.of(QUOTES));
        expected.put("Intel|" + SCRIPT, List.of("Weird Id"));
        Map<String, List<String>> shown = new LinkedHashMap<>();
        for (Element tr : page.select("table#affiliation-table tbody tr")) {
            String key = tr.child(0).text() + "|" + tr.child(1).text();
            shown.put(key, tr.child(3).select("a").eachText());
            assertEquals(
                    Integer.toString(tr.child(3).select("a").size()),
                    tr.child(2).text());
        }
        assertEquals(new TreeMap<>(expected), new TreeMap<>(shown));
        assertEquals(
                "IBM|Intel",
                page.select("table#affiliation-table tbody tr").first().child(0).text() + "|"
                        + page.select("table#affiliation-table tbody tr")
                                .first()
                                .child(1)
                                .text(),
                "most users first");
        assertEquals(
                LocalDate.ofEpochDay(now / DAY - 365).toString(),
                page.select("input[name=start_days]").val());
        assertEquals("date", page.select("input[name=start_days]").attr("type"));
        assertEquals(
                LocalDate.ofEpochDay(now / DAY).toString(),
                page.select("input[name=end_days]").val());
        Element weird =
                page.select("table#affiliation-table a:containsOwn(Weird Id)").first();
        assertEquals("/report/users/" + enc(WEIRD_ID).replace("+", "%20"), weird.attr("href"));
        Element toQuotes = page.select("table#affiliation-table tbody tr").stream()
                .filter(tr -> tr.child(1).text().equals(QUOTES))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "/?company=" + enc(QUOTES.toLowerCase()),
                toQuotes.child(1).selectFirst("a").attr("href"));
    }

    @Test
    void affiliationChanges_ofDateInputDays_equalTheApisGrouping() throws Exception {
        String start = LocalDate.ofEpochDay(now / DAY - 30).toString();
        String end = LocalDate.ofEpochDay(now / DAY).toString();
        Document page = page("/report/affiliation_changes?start_days=" + start + "&end_days=" + end);
        JsonNode api = json(
                "/api/1.0/affiliation_changes?start_days=" + (now / DAY - 30) * DAY + "&end_days=" + (now / DAY) * DAY);

        Map<String, TreeSet<String>> expected = new TreeMap<>();
        for (JsonNode change : api.path("affiliation_changes")) {
            expected.computeIfAbsent(
                            change.path("old_company_name").asText() + "|"
                                    + change.path("new_company_name").asText(),
                            k -> new TreeSet<>())
                    .add(change.path("user_name").asText());
        }
        Map<String, TreeSet<String>> shown = new TreeMap<>();
        for (Element tr : page.select("table#affiliation-table tbody tr")) {
            shown.put(
                    tr.child(0).text() + "|" + tr.child(1).text(),
                    new TreeSet<>(tr.child(3).select("a").eachText()));
        }
        assertEquals(expected, shown);
        assertEquals(
                Map.of(
                        "IBM|Intel",
                        new TreeSet<>(List.of("Mover Two")),
                        "Intel|Red Hat",
                        new TreeSet<>(List.of("Mover")),
                        "Intel|" + SCRIPT,
                        new TreeSet<>(List.of("Weird Id"))),
                shown);
        assertEquals(start, page.select("input[name=start_days]").val());
    }

    // ---- /report/members -----------------------------------------------------------------

    @Test
    void members_ofTheWeek_equalTheMembersAnswer_withProfilesRebuiltFromTheirNumber() throws Exception {
        Document page = page("/report/members");
        JsonNode report = json("/report/members?format=json");
        long start = report.path("startDate").asLong();
        String filters = "metric=members&project_type=all&release=all&start_date=" + start;

        assertEquals("Stackvault | Member Directory", page.title());
        List<String> expected = new ArrayList<>();
        for (JsonNode m : json("/api/1.0/members?" + filters).path("members")) {
            expected.add(m.path("author_name").asText() + "|"
                    + m.path("date_str").asText() + "|" + m.path("company_name").asText());
        }
        List<String> shown = new ArrayList<>();
        for (Element tr : page.select("section#individual-members tbody tr")) {
            shown.add(tr.child(1).text() + "|" + tr.child(2).text() + "|"
                    + tr.child(3).text());
        }
        assertEquals(expected, shown);
        assertEquals(3, shown.size(), "the members of the last 7 days: " + shown);
        assertEquals(
                List.of("https://www.openstack.org/community/members/profile/123"),
                page.select("section#individual-members table a").eachAttr("href"),
                "only a profile address of openstack.org is a link, rebuilt from its number");
        assertEquals(
                "external noopener noreferrer",
                page.selectFirst("section#individual-members table a").attr("rel"));

        List<String> companies = new ArrayList<>();
        for (JsonNode row : json("/api/1.0/stats/companies?" + filters).path("stats")) {
            companies.add(row.path("name").asText() + "|" + row.path("metric").asLong());
        }
        List<String> shownCompanies = new ArrayList<>();
        for (Element tr : page.select("section#member-companies tbody tr")) {
            shownCompanies.add(tr.child(1).text() + "|" + tr.child(2).text());
        }
        assertEquals(companies, shownCompanies);
        assertTrue(shownCompanies.contains(SCRIPT + "|1"), shownCompanies.toString());

        JsonNode pie = MAPPER.readTree(
                page.selectFirst("script.chart-data[data-chart=pie]").data());
        List<String> slices = new ArrayList<>();
        for (JsonNode item : pie.path("items")) {
            slices.add(item.path("name").asText() + "|" + item.path("value").asLong());
        }
        assertEquals(companies, slices);

        List<String> newCompanies = new ArrayList<>();
        for (JsonNode row :
                json("/api/1.0/new_companies?" + filters + "&days=7").path("stats")) {
            newCompanies.add(
                    row.path("name").asText() + "|" + row.path("date_str").asText());
        }
        List<String> shownNew = new ArrayList<>();
        for (Element tr : page.select("section#new-companies tbody tr")) {
            shownNew.add(tr.child(1).text() + "|" + tr.child(2).text());
        }
        assertEquals(newCompanies, shownNew);

        JsonNode timeline = MAPPER.readTree(
                page.selectFirst("script.chart-data[data-chart=timeline]").data());
        assertEquals("members", timeline.path("metric").asText());
        assertEquals(json("/api/1.0/stats/timeline?" + filters).path("timeline"), timeline.path("timeline"));
    }

    @Test
    void members_ofACompany_hideTheCompanyTables() throws Exception {
        Document page = page("/report/members?days=365&company=intel");

        assertEquals(
                List.of("Old Member"),
                page.select("section#individual-members tbody td:eq(1)").eachText());
        assertTrue(page.select("section#member-companies, section#new-companies, script[data-chart=pie]")
                .isEmpty());
        assertEquals(
                "intel", page.select("select[name=company] option[selected]").val());
        assertEquals("365", page.select("select[name=days] option[selected]").val());

        Document week = page("/report/members?company=intel");
        assertTrue(week.select("section#individual-members tbody tr").isEmpty(), "Intel's member joined 100 days ago");
        assertEquals(
                "intel", week.select("select[name=company] option[selected]").val(), "the choice stays");
    }

    @Test
    void members_periodSelect_offersTheOriginalsPeriods() throws Exception {
        Document page = page("/report/members?days=31");
        long all =
                (System.currentTimeMillis() / 1000 - LocalDate.of(2012, 7, 18).toEpochDay() * DAY) / DAY + 1;

        assertEquals(
                List.of("7", "14", "31", "93", "183", "365", Long.toString(all)),
                page.select("select[name=days] option").eachAttr("value"));
        assertEquals("month", page.select("select[name=days] option[selected]").text());
    }

    // ---- hostile names and JSON --------------------------------------------------------------

    @Test
    void hostileNames_areText_inEveryReport() throws Exception {
        Document contribution = page("/report/contribution/nova/90");
        assertTrue(contribution
                .select("table#review-stats td.engineer a")
                .eachText()
                .contains(IMG));
        assertTrue(contribution
                .select("table#review-stats td.engineer a")
                .eachText()
                .contains("(" + SCRIPT + ")"));
        assertTrue(contribution
                .select("table#review-stats td.engineer a")
                .eachText()
                .contains(QUOTES));

        Document members = page("/report/members?days=365");
        assertTrue(members.select("section#individual-members td").eachText().contains(IMG));
        assertTrue(members.select("section#member-companies td a").eachText().contains(QUOTES));
        String pieJson =
                members.selectFirst("script.chart-data[data-chart=pie]").data();
        assertFalse(pieJson.contains("<") || pieJson.contains(">"), pieJson);
        List<String> sliceNames = new ArrayList<>();
        MAPPER.readTree(pieJson)
                .path("items")
                .forEach(item -> sliceNames.add(item.path("name").asText()));
        assertTrue(sliceNames.contains(SCRIPT) && sliceNames.contains(QUOTES), sliceNames.toString());

        Document changes = page("/report/affiliation_changes");
        assertTrue(changes.select("table#affiliation-table td a").eachText().contains(QUOTES));
        assertTrue(changes.select("table#affiliation-table td a").eachText().contains(SCRIPT));
    }

    @Test
    void json_ofEachReport_holdsItsTablesAsRecords() throws Exception {
        JsonNode contribution = json("/report/contribution/nova/30?format=json");
        assertEquals(
                page("/report/contribution/nova/30")
                        .select("table#review-stats tbody tr")
                        .size(),
                contribution.path("engineers").size());
        assertTrue(contribution.path("engineers").get(0).has("positiveRatio"));

        JsonNode cores = json("/report/cores?project_type=all&format=json");
        assertEquals("all", cores.path("projectType").asText());
        assertTrue(cores.path("rows").isArray() && cores.path("rows").size() > 0);

        JsonNode changes = json("/report/affiliation_changes?format=json");
        assertEquals(4, changes.path("changes").size());

        JsonNode members = json("/report/members?days=365&format=json");
        assertEquals(4, members.path("members").size());
    }
}
