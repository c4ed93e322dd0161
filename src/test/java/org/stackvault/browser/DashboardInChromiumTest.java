package org.stackvault.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.stackvault.source.DumpStorage;
import org.stackvault.testing.TestRecords;
import org.stackvault.testing.TestServer;
import org.stackvault.testing.TestStore;

/**
 * The dashboard's pages in a real headless Chromium (ui-spec §7), served by one embedded
 * Jetty over a generated data set whose authors, companies, subjects and messages carry
 * markup: no console error and no request to another host, the API's numbers in the tables,
 * a company choice that changes the URL and comes back with Back, hostile strings as text,
 * and CSV exports equal to their tables.
 *
 * <p>To cover a new page, add its path to {@link #PAGES}. Paths that show a hostile string go
 * into {@link #SHOWS}.
 */
class DashboardInChromiumTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Breaks out of an attribute and adds an element with a handler. */
    static final String IMG = "\"><img src=x onerror=alert(1)>";
    /** Ends a script block and starts one. */
    static final String SCRIPT = "</script><script>alert(1)</script>";
    /** Every character HTML, attributes and URLs treat specially. */
    static final String QUOTES = "'&\"<>/%;.. #?=";
    /** A commit subject with markup. */
    static final String SUBJECT = "Fix <img src=x onerror=alert('subject')> in the parser";
    /** A line of a commit message with markup (a whole line: a page may turn line breaks into elements). */
    static final String MESSAGE_LINE = "Breaks out: </pre><img src=x onerror=alert(2)><script>alert(3)</script>";

    static final String HOSTILE_COMMIT = "hostile-commit-1";
    /**
     * How long a page is left after it is ready before its logs are read: errors of work that
     * ends later (a fetch, the favicon) count for that page, not for the next one.
     */
    private static final long SETTLE_MILLIS = 250;

    private static final int EXTRA_COMPANIES = 14; // more rows than a pager's first page of 10

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Every page the browser checks: the overview pages, the widget, every report and the goals. */
    static final List<String> PAGES = List.of(
            "/",
            "/?metric=commits",
            "/?release=all&metric=commits",
            "/?release=all&metric=commits&company=" + enc(SCRIPT.toLowerCase()),
            "/?release=all&metric=commits&company=ibm",
            "/?release=all&metric=loc&module=glance",
            "/?release=all&metric=commits&user_id=evil",
            "/cncf",
            "/unaffiliated",
            "/widget",
            "/widget?tab=modules",
            "/report/activity?release=all&metric=commits",
            "/report/users/evil",
            "/report/companies/" + enc(SCRIPT.toLowerCase()),
            "/report/record/" + HOSTILE_COMMIT,
            "/report/blueprint/nova/hostile-bp",
            "/report/reviews/nova/open",
            "/report/contribution/nova/30",
            "/report/members",
            "/report/affiliation_changes",
            "/report/cores",
            "/kpi/example",
            "/kpi/script");

    /** Pages whose answer is the HTML 404 page by design (an external service of the original). */
    static final List<String> NOT_FOUND_PAGES = List.of("/report/driverlog");

    /** Hostile strings a page must show as text (in its visible text or its title). */
    static final Map<String, List<String>> SHOWS = Map.of(
            "/?release=all&metric=commits",
            List.of(IMG, SCRIPT, QUOTES),
            "/?release=all&metric=commits&company=" + enc(SCRIPT.toLowerCase()),
            List.of(SCRIPT, IMG),
            "/?release=all&metric=commits&user_id=evil",
            List.of(IMG),
            "/cncf", // glance: evil's second commit
            List.of(IMG, SCRIPT),
            "/report/activity?release=all&metric=commits",
            List.of(IMG, SCRIPT, SUBJECT, MESSAGE_LINE),
            "/report/users/evil",
            List.of(IMG),
            "/report/companies/" + enc(SCRIPT.toLowerCase()),
            List.of(SCRIPT),
            "/report/record/" + HOSTILE_COMMIT,
            List.of(SUBJECT, IMG),
            "/report/blueprint/nova/hostile-bp",
            List.of(SUBJECT, MESSAGE_LINE, QUOTES));

    private static TestServer server;
    private static Path dump;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws Exception {
        chromium = Chromium.start();
        List<TestRecords.Builder> records = new ArrayList<>(List.of(
                TestRecords.commit(),
                TestRecords.commit().module("glance"),
                TestRecords.commit().company("Intel").user("jane", "Jane Roe"),
                // a blueprint whose title, summary and whiteboard carry markup
                TestRecords.of("bpd")
                        .company(SCRIPT)
                        .user("evil", IMG)
                        .module("nova")
                        .primaryKey("bpd:nova:hostile-bp")
                        .set("id", "nova:hostile-bp")
                        .set("name", "hostile-bp")
                        .set("title", SUBJECT)
                        .set("summary", MESSAGE_LINE)
                        .set("whiteboard", QUOTES)
                        .set("lifecycle_status", "Started")
                        .set("priority", "High")
                        .set("definition_status", "Approved")
                        .set("implementation_status", "Started")
                        .set("mention_count", 1L)
                        .set("web_link", "https://blueprints.launchpad.net/nova/+spec/hostile-bp"),
                TestRecords.commit()
                        .company(SCRIPT)
                        .user("evil", IMG)
                        .primaryKey(HOSTILE_COMMIT)
                        .set("subject", SUBJECT)
                        .set(
                                "message",
                                SUBJECT + "\n\n" + MESSAGE_LINE
                                        + "\n\nChange-Id: I33f0f37b6460dc494abf2520dc109c9893ace9e6\n"),
                TestRecords.commit()
                        .company(SCRIPT)
                        .user("evil", IMG)
                        .module("glance")
                        .set("subject", SUBJECT),
                TestRecords.commit().company(QUOTES).user("quotes", QUOTES).set("subject", QUOTES),
                TestRecords.commit().company("*independent").user("solo", "Solo Dev"),
                TestRecords.commit().module("keystone").company("Red Hat").user("rh", "Ruth Hat"),
                TestRecords.mark().company(IMG).user("evil", IMG),
                TestRecords.mark(),
                TestRecords.mark().company("Intel").user("jane", "Jane Roe"),
                TestRecords.review().company(SCRIPT).user("evil", IMG).set("subject", SUBJECT),
                TestRecords.email().company("IBM").set("subject", SUBJECT)));
        TestStore store = new TestStore(DumpStorage.empty("browser test"))
                .referenceData()
                .projectTypes(List.of(
                        projectType("all", "OpenStack", false, "openstack-official", "unknown"),
                        projectType("openstack", "Official", true, "openstack-official"),
                        projectType("cncf-group", "CNCF", false, "glance"), // for /cncf
                        projectType("unaffiliated", "Unaffiliated", false, "keystone"))) // for /unaffiliated
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .user("evil", IMG, SCRIPT, "evil@example.com")
                .user("quotes", QUOTES, QUOTES, "quotes@example.com")
                .user("jane", "Jane Roe", "Intel", "jane@intel.com")
                .user("solo", "Solo Dev", "*independent", "solo@example.com")
                .user("rh", "Ruth Hat", "Red Hat", "rh@redhat.com");
        for (int i = 1; i <= EXTRA_COMPANIES; i++) {
            String id = String.format("dev%02d", i);
            store.user(id, "Developer " + i, "Company " + i, id + "@example.com");
            for (int c = 0; c < i; c++) { // i commits: distinct numbers, so a stable order
                records.add(TestRecords.commit()
                        .company("Company " + i)
                        .user(id, "Developer " + i)
                        .module(List.of("nova", "glance", "keystone").get(i % 3)));
            }
        }
        store.load(records.toArray(TestRecords.Builder[]::new));
        dump = store.writeDump(Files.createTempFile("browser-test", ".pickle"));
        server = TestServer.startReady(Map.of("dump", dump.toString(), "refresh-interval", "600"));
    }

    private static Map<String, Object> projectType(String id, String title, boolean child, String... modules) {
        return Map.of("id", id, "title", title, "child", child, "modules", List.of(modules));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (dump != null) {
                Files.deleteIfExists(dump);
            }
        }
    }

    private static String url(String pathAndQuery) {
        return server.uri(pathAndQuery).toString();
    }

    /** Opens a page of {@link #PAGES} (or {@link #NOT_FOUND_PAGES}) in the browser after checking its status. */
    private static void openPage(String path) throws Exception {
        int status = server.get(path).statusCode();
        assertEquals(NOT_FOUND_PAGES.contains(path) ? 404 : 200, status, path);
        chromium.open(url(path));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pagesList")
    void page_loadsWithoutConsoleErrors_andRequestsNothingBeyondTheServer(String path) throws Exception {
        openPage(path);
        Thread.sleep(SETTLE_MILLIS);

        List<String> severe = chromium.severe().stream()
                .map(LogEntry::getMessage)
                // a page answered 404 by design logs its own status; nothing else may fail
                .filter(m -> !(NOT_FOUND_PAGES.contains(path) && m.startsWith(url(path) + " ")))
                .toList();
        assertEquals(List.of(), severe, path + ": console errors (CSP violations show here too)");
        String origin = "http://127.0.0.1:" + server.port() + "/";
        List<String> elsewhere = requestedUrls().stream()
                .filter(u -> !u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:"))
                .toList();
        assertEquals(List.of(), elsewhere, path + ": requests leaving 127.0.0.1");
    }

    static List<String> pagesList() {
        List<String> all = new ArrayList<>(PAGES);
        all.addAll(NOT_FOUND_PAGES);
        return all;
    }

    @Test
    void logChecks_seeAConsoleErrorAndARequestElsewhere() throws Exception {
        // what the checks above read, from a page that does both wrongs (192.0.2.1: TEST-NET-1, never routed)
        chromium.open("data:text/html;charset=utf-8,"
                + enc("<link rel=stylesheet href='http://192.0.2.1/x.css'><script>console.error('planted')</script>"));

        assertTrue(
                chromium.severe().stream().anyMatch(e -> e.getMessage().contains("planted")),
                "the console error is read");
        assertTrue(requestedUrls().contains("http://192.0.2.1/x.css"), "the request elsewhere is seen");
    }

    /** The URLs of every request since the last read of the performance log. */
    private static List<String> requestedUrls() throws Exception {
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : chromium.performanceLog()) {
            JsonNode message = MAPPER.readTree(entry.getMessage()).path("message");
            if ("Network.requestWillBeSent".equals(message.path("method").asText())) {
                urls.add(message.path("params").path("request").path("url").asText());
            }
        }
        return urls;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pagesList")
    void hostileStrings_areText_neverMarkup(String path) throws Exception {
        openPage(path);

        assertEquals(List.of(), injectedMarkup(), path + ": elements or handlers made from data");
        assertThrows(
                NoAlertPresentException.class,
                () -> chromium.driver().switchTo().alert(),
                path);
        String text = (String) chromium.script("return document.documentElement.textContent;");
        for (String hostile : SHOWS.getOrDefault(path, List.of())) {
            assertTrue(text.contains(hostile), path + " shows " + hostile + " as text: " + text);
        }
    }

    /**
     * Elements data could have made: an image whose source is not a path from the root or a
     * data: URL (the planted ones say {@code src=x}), a script that is neither a file named by
     * a path from the root (the WAR's assets, wherever they are served) nor a JSON block, a
     * frame, any on* handler attribute.
     */
    @SuppressWarnings("unchecked")
    private static List<String> injectedMarkup() {
        return (List<String>) chromium.script("""
                const bad = [];
                for (const e of document.querySelectorAll('*')) {
                  const tag = e.tagName.toLowerCase();
                  const rooted = /^\\/(?!\\/)/.test(e.getAttribute('src') || ''); // "/path", not "//host"
                  if (tag === 'img' && !rooted && !(e.getAttribute('src') || '').startsWith('data:')) bad.push(e.outerHTML);
                  if (tag === 'script' && e.type !== 'application/json' && !rooted) bad.push(e.outerHTML);
                  if (tag === 'iframe' || tag === 'object' || tag === 'embed') bad.push(e.outerHTML);
                  for (const a of e.attributes) if (a.name.startsWith('on')) bad.push(e.outerHTML.slice(0, 300));
                }
                return bad;""");
    }

    @Test
    void markupChecks_catchAnInjectedImageAndItsAlert() {
        // what the checks above would see if a page pasted IMG unescaped (no CSP on a data: URL)
        try {
            chromium.driver().get("data:text/html;charset=utf-8," + enc("<p>" + IMG + "</p>"));
        } catch (UnhandledAlertException e) {
            // the alert opened before the load ended: what this test waits for below
        }
        new WebDriverWait(chromium.driver(), Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
        chromium.driver().switchTo().alert().dismiss();
        List<String> injected = injectedMarkup();
        assertFalse(injected.isEmpty());
        assertTrue(injected.get(0).startsWith("<img src=\"x\""), injected.toString());
    }

    /** The rows of a table as the browser has them, hidden rows included: "rank|name|metric". */
    @SuppressWarnings("unchecked")
    private static List<String> browserRows(String section) {
        return (List<String>) chromium.script("""
                const rows = document.querySelectorAll('section#' + arguments[0] + ' table tbody tr');
                // rank, the name's link (not a core marker beside it), and the metric, the last column
                return Array.from(rows, r => {
                  const c = r.cells, metric = c[c.length - 1];
                  const name = c[1].querySelector('a') ?? c[1];
                  return [c[0].textContent.trim(), name.textContent.trim(), (metric.dataset.sort ?? metric.textContent).trim()].join('|');
                });""", section);
    }

    private static List<String> apiRows(String endpoint, String query) throws Exception {
        HttpResponse<String> response = server.get("/api/1.0/stats/" + endpoint + query);
        assertEquals(200, response.statusCode(), endpoint + query);
        List<String> rows = new ArrayList<>();
        for (JsonNode row : MAPPER.readTree(response.body()).path("stats")) {
            rows.add(row.path("index").asText() + "|" + row.path("name").asText() + "|"
                    + row.path("metric").asLong());
        }
        return rows;
    }

    @ParameterizedTest(name = "/{0}")
    @ValueSource(
            strings = {
                "?release=all&metric=commits",
                "?release=all&metric=loc&module=glance",
                "",
                "?release=all&metric=commits&company=ibm",
                "?release=all&metric=commits&user_id=evil"
            })
    void topLists_showTheApisNumbers(String query) throws Exception {
        chromium.open(url("/" + query));

        int compared = 0;
        for (String[] list :
                new String[][] {{"companies", "companies"}, {"modules", "modules"}, {"engineers", "engineers"}}) {
            List<String> shown = browserRows(list[0]);
            if (chromium.driver()
                    .findElements(By.cssSelector("section#" + list[0]))
                    .isEmpty()) {
                continue; // a section the filters leave out (by Company once a company is chosen)
            }
            assertEquals(apiRows(list[1], query), shown, list[0] + " of /" + query);
            compared++;
        }
        assertTrue(compared > 0, "/" + query + " shows no top list");
    }

    @Test
    void choosingACompany_changesTheUrlAndSections_andBackRestoresThem() {
        String start = url("/?release=all&metric=commits");
        chromium.open(start);
        WebDriverWait wait = new WebDriverWait(chromium.driver(), Duration.ofSeconds(10));
        assertTrue(companiesShown());
        assertTrue(chromium.driver()
                .findElements(By.cssSelector("section#contribution"))
                .isEmpty());

        // the top company: on the first page of any pager
        WebElement top = chromium.driver().findElement(By.cssSelector("section#companies tbody tr a"));
        String company = top.getText();
        assertTrue(company.startsWith("Company "), company);
        top.click();
        wait.until(d -> company.toLowerCase().equals(parameter(d.getCurrentUrl(), "company")));
        chromium.awaitReady();
        wait.until(d -> !companiesShown());
        wait.until(d -> !d.findElements(By.cssSelector("section#contribution")).isEmpty());
        assertTrue(chromium.driver().getCurrentUrl().contains("metric=commits"), "the other filters stay");

        chromium.driver().navigate().back();
        wait.until(ExpectedConditions.urlToBe(start));
        chromium.awaitReady();
        wait.until(d -> companiesShown());
        assertFalse(chromium.driver().getCurrentUrl().contains("company="));
    }

    /** The decoded value of a query parameter of {@code url}, null without one. */
    private static String parameter(String url, String name) {
        String query = URI.create(url).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static boolean companiesShown() {
        return chromium.driver().findElements(By.cssSelector("section#companies")).stream()
                .anyMatch(WebElement::isDisplayed);
    }

    /** Pages with tables to export; each CSV link of each is checked. */
    static final List<String> EXPORT_PAGES = List.of(
            "/?release=all&metric=commits",
            "/?release=all&metric=commits&user_id=evil",
            "/?release=all&metric=marks",
            "/report/members?days=all",
            "/report/affiliation_changes?start_days=2000-01-01");

    @Test
    void csvExport_equalsAllRowsOfItsTable() throws Exception {
        int checked = 0;
        for (String path : EXPORT_PAGES) {
            chromium.open(url(path));
            List<WebElement> links = chromium.driver().findElements(By.cssSelector("a.export[data-format=csv]"));
            for (int i = 0; i < links.size(); i++) {
                checkCsv(path, i);
                checked++;
            }
        }
        // the export branch adds the links; until it is merged there is nothing to compare
        assumeFalse(checked == 0, "no a.export[data-format=csv] on " + EXPORT_PAGES + " yet");
    }

    /** Compares the CSV of the {@code index}th export link of the open page with its section's table. */
    @SuppressWarnings("unchecked")
    private static void checkCsv(String path, int index) {
        Map<String, Object> found = (Map<String, Object>) chromium.script("""
                const link = document.querySelectorAll('a.export[data-format=csv]')[arguments[0]];
                const section = link.closest('section');
                const table = section.querySelector('table');
                if (!table) {
                  // a summary of figures: one CSV row holding every figure shown (its number, not its note)
                  const figures = Array.from(section.querySelectorAll('dd'), d => d.textContent.trim().split(' ')[0]);
                  return {href: link.href, figures: true, rows: [figures]};
                }
                // a number's cell as shown, without a sign beside it ("40.0% ▼ low"); other cells as text
                const cells = r => Array.from(r.cells, c => c.dataset.sort !== undefined
                  ? c.textContent.trim().split(/\s+/)[0] : c.textContent.trim());
                return {
                  href: link.href,
                  figures: false,
                  rows: Array.from(table.tBodies).flatMap(b => Array.from(b.rows)).map(cells)
                };""", index);
        String href = (String) found.get("href");
        List<List<String>> rows = (List<List<String>>) found.get("rows");
        String csv = (String) chromium.driver().executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        fetch(arguments[0]).then(r => r.ok ? r.text() : 'HTTP ' + r.status).then(done, e => done(String(e)));""", href);
        List<List<String>> parsed = Csv.parse(csv);
        String where = path + " " + href;
        assertEquals(rows.size() + 1, parsed.size(), where + ": a header line, then one line per table row:\n" + csv);
        for (int r = 0; r < rows.size(); r++) {
            List<String> expected =
                    rows.get(r).stream().filter(v -> !v.isEmpty()).toList();
            List<String> line = parsed.get(r + 1);
            if (Boolean.TRUE.equals(found.get("figures"))) {
                // the figures are labelled in the page's order, the CSV has the answer's columns
                List<String> fields = line.stream().map(String::trim).toList();
                assertTrue(fields.containsAll(expected), where + ": figures " + expected + ", CSV " + line);
                continue;
            }
            assertTrue(holdsEvery(expected, line), where + " row " + (r + 1) + ": table " + expected + ", CSV " + line);
        }
    }

    /**
     * Whether every table cell is a field of the CSV line, as many times as the row shows it:
     * a CSV may add columns (an id beside a name) and orders them as the answer's record (the
     * metric before the vote columns), but never drops or changes a cell; blank cells (an
     * unranked row) are skipped.
     */
    static boolean holdsEvery(List<String> cells, List<String> fields) {
        List<String> left = new ArrayList<>(fields.stream().map(String::trim).toList());
        for (String cell : cells) {
            if (!left.remove(cell)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void csvComparison_catchesAChangedOrMissingCell() {
        // the comparison itself must be able to fail, or the export test proves nothing
        assertTrue(holdsEvery(List.of("1", "IBM", "12"), List.of("1", "ibm", "12", "IBM")));
        assertFalse(holdsEvery(List.of("1", "IBM", "12"), List.of("1", "IBM", "13")));
        assertFalse(holdsEvery(List.of("1", "0", "0"), List.of("1", "0", "IBM")));
        assertEquals(List.of(List.of("a,b", "c\"d", ""), List.of("x")), Csv.parse("\uFEFF\"a,b\",\"c\"\"d\",\r\nx"));
    }
}
