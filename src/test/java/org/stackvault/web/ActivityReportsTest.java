package org.stackvault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stackvault.query.PercentEncoding;

/**
 * The report pages as HTML through a real embedded Jetty, read with jsoup: the shared layout
 * and its safety rules, hostile names and messages as text, the activity log's record types,
 * links and paging, names with {@code / % ; .. " < >} in the path, and the HTML 404s.
 */
class ActivityReportsTest extends ServedReports {
    private static final String IMG = ReportData.IMG;
    private static final String SCRIPT = ReportData.SCRIPT;
    private static final String QUOTES = ReportData.QUOTES;

    /** Every HTML report of the data set. */
    private static final List<String> REPORTS = List.of(
            "/report/activity?release=all&project_type=all&metric=all",
            "/report/activity?release=all&metric=commits&query_message=fixes",
            "/report/users/evil",
            "/report/users/quotes",
            "/report/users/" + PercentEncoding.encodeSegment(ReportData.ODD_ID),
            "/report/companies/" + PercentEncoding.encodeSegment(SCRIPT),
            "/report/companies/" + PercentEncoding.encodeSegment(QUOTES),
            "/report/companies/" + PercentEncoding.encodeSegment(ReportData.ODD_COMPANY),
            "/report/blueprint/nova/my-bp",
            "/report/reviews/nova/open?limit=-1",
            "/report/reviews/glance/open",
            "/?module=nova",
            "/?user_id=evil&release=all&metric=all");

    /** The markup a hostile string would make if it were not escaped, and inline style or script. */
    private static void assertNoPlantedMarkup(Document page, String where) {
        assertEquals(
                List.of(),
                page.select("img, iframe, object, embed, [style], [onerror]").eachAttr("outerHtml"),
                where);
        for (Element script : page.select("script")) {
            if (script.hasAttr("src")) { // the WAR's own files only
                assertTrue(script.attr("src").startsWith("/static/"), script.outerHtml());
                continue;
            }
            assertEquals("application/json", script.attr("type"), where + ": " + script.outerHtml());
            assertTrue(script.hasClass("chart-data"), where);
            assertFalse(script.data().contains("<"), where);
        }
        for (Element a : page.select("a[href]")) {
            String href = a.attr("href");
            assertFalse(href.toLowerCase().startsWith("javascript:"), where + ": " + href);
            URI uri = URI.create(a.absUrl("href"));
            boolean local = "127.0.0.1".equals(uri.getHost());
            boolean known = List.of(
                            "review.example.org",
                            "lists.example.org",
                            "bugs.launchpad.net",
                            "review.openstack.org",
                            "blueprints.launchpad.net",
                            "www.openstack.org")
                    .contains(uri.getHost());
            assertTrue(local || known, where + ": a link to " + href);
        }
    }

    @Test
    void everyReport_hasTheLayout_theCsp_andNoPlantedMarkup_orRequestToAnotherHost() throws Exception {
        for (String report : REPORTS) {
            Document page = page(report);
            assertTrue(page.title().startsWith("Stackvault | "), report + ": " + page.title());
            assertNotNull(page.selectFirst("header.site a.logo"), report);
            assertNotNull(page.selectFirst("link[rel=stylesheet][href^=/static/]"), report);
            // the footer names the data's generation, the same as the overview's (one vault here)
            assertEquals(
                    page("/").selectFirst("footer.site .generation").text(),
                    page.selectFirst("footer.site .generation").text(),
                    report);
            assertNotNull(page.selectFirst("header.site a.about[href=#about]"), report);
            assertNoPlantedMarkup(page, report);
        }
    }

    @Test
    void hostileNames_areText_inHeadingsAuthorsAndCompanies() throws Exception {
        Document user = page("/report/users/evil");
        assertEquals(IMG + " activity report", user.selectFirst("h1").text());
        assertEquals("Stackvault | " + IMG + " activity report", user.title());
        assertTrue(user.select("section#activity .header a").eachText().contains(IMG));
        Document company = page("/report/companies/" + PercentEncoding.encodeSegment(SCRIPT));
        assertEquals(SCRIPT + " activity report", company.selectFirst("h1").text());
        Document quotes = page("/report/users/quotes");
        assertEquals(QUOTES + " activity report", quotes.selectFirst("h1").text());
        assertTrue(quotes.select("section#profile dd a").eachText().contains(QUOTES));
    }

    @Test
    void userReport_showsTheProfile_summaryOverEverything_punchCard_andLog() throws Exception {
        Document page = page("/report/users/john_doe");
        assertEquals("John Doe activity report", page.selectFirst("h1").text());
        assertTrue(page.select("section#profile").text().contains("Launchpad john_doe"));
        assertTrue(page.select("section#profile").text().contains("Core in nova"));
        JsonNode api = json("/api/1.0/contribution?release=all&project_type=all&user_id=john_doe");
        List<String> figures = page.select("section#contribution dl div").eachText();
        assertTrue(
                figures.contains("Commits "
                        + api.path("contribution").path("commit_count").asLong()),
                figures.toString());
        assertTrue(
                figures.contains(
                        "Emails " + api.path("contribution").path("email_count").asLong()),
                figures.toString());
        assertNotNull(page.selectFirst("table.punch-card"));
        assertEquals(
                ActivityLog.PAGE_SIZE,
                page.select("section#activity ol.activity > li").size());
    }

    @Test
    void activityLog_isTheApisActivity_newestFirst_tenPerPage() throws Exception {
        String filters = "release=all&project_type=all&metric=all&user_id=john_doe";
        JsonNode api = json("/api/1.0/activity?" + filters + "&page_size=10");
        Document page = page("/report/activity?" + filters);
        List<String> expected = new ArrayList<>();
        api.path("activity").forEach(r -> expected.add(r.path("date_str").asText()));
        assertEquals(expected, page.select("ol.activity > li time").eachText());
        assertEquals(10, expected.size());
        // newest first, dated as the original ("d Mon YYYY HH:MM:SS UTC")
        assertTrue(expected.get(0).matches("\\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} UTC"), expected.get(0));
    }

    @Test
    void more_raisesStartRecord_andItsFragmentIsTheNextItemsOnly() throws Exception {
        String filters = "/report/activity?release=all&project_type=all&metric=all";
        Document first = page(filters);
        Element more = first.selectFirst("section#activity > a.more[data-more]");
        assertNotNull(more);
        assertTrue(more.attr("href").contains("start_record=10"), more.attr("href"));
        JsonNode api = json("/api/1.0/activity?release=all&project_type=all&metric=all&page_size=10&start_record=10");
        List<String> expected = new ArrayList<>();
        api.path("activity").forEach(r -> expected.add(r.path("date_str").asText()));
        // as a plain link: the next page
        Document second = page(more.attr("href"));
        assertEquals(expected, second.select("ol.activity > li time").eachText());
        // as the script asks for it: the items and the next More link, no page around them
        HttpResponse<String> fragment = server.get(more.attr("href") + "&fragment=1");
        assertEquals(200, fragment.statusCode());
        Document items = Jsoup.parseBodyFragment(fragment.body());
        assertNull(items.selectFirst("header, h1, h2, ol, section"));
        assertEquals(expected, items.select("body > li time").eachText());
        assertTrue(items.selectFirst("body > a.more[data-more]").attr("href").contains("start_record=20"));
        // the last page has no More
        long total = DATA.stored.size();
        Document last = page(filters + "&start_record=" + (total - 3));
        assertNull(last.selectFirst("a.more"));
    }

    @Test
    void overview_showsTheModulesLog_orTheUsersLog_withMorePaging() throws Exception {
        Document module = page("/?module=nova&release=all&metric=all");
        assertEquals(
                ActivityLog.PAGE_SIZE,
                module.select("section#activity ol.activity > li").size());
        for (String text :
                module.select("section#activity .header:contains( in ) a").eachText()) {
            assertFalse(text.equals("glance"), "only nova's records");
        }
        Element more = module.selectFirst("section#activity a.more[data-more]");
        assertTrue(more.attr("href").startsWith("/?") && more.attr("href").contains("module=nova"), more.attr("href"));
        HttpResponse<String> fragment = server.get(more.attr("href") + "&fragment=1");
        assertEquals(
                ActivityLog.PAGE_SIZE,
                Jsoup.parseBodyFragment(fragment.body()).select("body > li").size());
        assertNull(page("/").selectFirst("section#activity"), "no log without module or user");
        Document user = page("/?user_id=john_doe&release=all&metric=all");
        for (Element author : user.select("section#activity ol.activity > li .header:first-child > a:first-child")) {
            assertEquals("John Doe", author.text());
        }
    }

    @Test
    void commitMessage_isEscapedThenLinked_bugBlueprintAndChangeId() throws Exception {
        Document page = page("/report/activity?release=all&project_type=all&metric=commits&query_message=fixes");
        Element message = page.selectFirst("li .record-commit .message");
        assertNotNull(message);
        String text = message.text();
        assertTrue(text.contains(IMG) && text.contains(SCRIPT) && text.contains(QUOTES), text);
        assertEquals(
                List.of(
                        "https://bugs.launchpad.net/bugs/1234567",
                        "/report/blueprint/nova/my-bp",
                        "http://review.openstack.org/#/q/I0123456789abcdef0123456789abcdef01234567"),
                message.select("a").eachAttr("href").stream()
                        .map(h -> h.replaceFirst("^/report/blueprint/glance/", "/report/blueprint/nova/"))
                        .toList());
        assertEquals(
                List.of("1234567", "my-bp", "I0123456789abcdef0123456789abcdef01234567"),
                message.select("a").eachText());
    }

    @Test
    void authorLinks_setTheUser_andClearTheCompany_moduleLinksSetTheModule() throws Exception {
        Document page = page("/report/users/evil");
        Element header = page.selectFirst("section#activity li .header");
        List<Element> links = header.select("a");
        assertTrue(
                links.get(0).attr("href").contains("user_id=evil"), links.get(0).attr("href"));
        assertTrue(links.get(0).attr("href").contains("company=&")
                || links.get(0).attr("href").endsWith("company="));
        assertEquals("/", URI.create(links.get(0).attr("href")).getPath());
        assertTrue(
                links.get(1).attr("href").contains("company=%3C/script%3E%3Cscript%3E"),
                links.get(1).attr("href"));
        Element module = page.selectFirst("section#activity li .header time + a");
        assertTrue(module.attr("href").contains("module=" + module.text()), module.attr("href"));
        assertTrue(module.attr("href").contains("user_id=&"), module.attr("href"));
        Document followed = page(links.get(1).attr("href"));
        assertNotNull(followed.selectFirst("section#contribution"));
    }

    @Test
    void marks_carryTheVoteSignedAndColoured_emailsTheirBodyInDetails_noUnsafeLinks() throws Exception {
        Document page = page("/report/activity?release=all&project_type=all&metric=marks");
        Elements votes = page.select(".record-mark .vote");
        assertFalse(votes.isEmpty());
        for (Element vote : votes) {
            String v = vote.text();
            assertTrue(
                    (vote.hasClass("vote-positive") && v.contains("+"))
                            || (vote.hasClass("vote-negative") && v.contains("\u2212")),
                    vote.outerHtml());
        }
        Document emails = page("/report/activity?release=all&project_type=all&metric=emails");
        assertFalse(emails.select(".record-email details > summary").isEmpty());
        assertTrue(emails.select(".record-email details .message").eachText().contains(IMG));
        assertNoPlantedMarkup(emails, "emails");
    }

    @Test
    void recordReport_showsOneRecord_likeTheLog() throws Exception {
        Map<String, Object> commit = DATA.stored.stream()
                .filter(r -> "commit".equals(r.get("record_type")) && IMG.equals(r.get("subject")))
                .findFirst()
                .orElseThrow();
        Document page = page("/report/record/" + PercentEncoding.encodeSegment((String) commit.get("primary_key")));
        assertEquals("Stackvault | Contribution Record", page.title());
        assertEquals(1, page.select("ol.activity > li").size());
        assertEquals(
                "Commit \u201C" + IMG + "\u201D",
                page.selectFirst(".record-commit .header:nth-of-type(3)").text());
        assertNoPlantedMarkup(page, "record");
    }

    @ParameterizedTest
    @ValueSource(strings = {"commit", "mark", "review", "patch", "email", "bpd", "bpc", "bugf", "bugr", "member", "tr"})
    void everyRecordType_isRenderedAsTheOriginalWordsIt(String type) throws Exception {
        Map<String, Object> record = DATA.stored.stream()
                .filter(r -> type.equals(r.get("record_type")))
                .filter(r -> !"mark".equals(type) || Long.valueOf(-1).equals(r.get("value")))
                .findFirst()
                .orElseThrow();
        String key = (String) record.get("primary_key");
        Document page = page("/report/record/" + PercentEncoding.encodeSegment(key));
        Element body = page.selectFirst("article.record-" + type + " .record-body");
        assertNotNull(body, type);
        String expected = switch (type) {
            case "commit" -> "Commit \u201C" + record.get("subject") + "\u201D";
            case "mark" -> "Code-Review: \u22121";
            case "review" -> "Change request \u201C" + record.get("subject") + "\u201D";
            case "patch" -> "Patch #1";
            case "email" -> "Email \u201C" + record.get("subject") + "\u201D";
            case "bpd", "bpc" -> "Blueprint \u201C" + record.get("title") + "\u201D";
            case "bugf", "bugr" -> "Bug \u201C" + SCRIPT + "\u201D (1234567)";
            case "member" -> "Registered in OpenStack Foundation";
            default -> "Translated 42 words into German";
        };
        assertTrue(body.text().contains(expected), type + ": " + body.text());
        assertNoPlantedMarkup(page, type);
    }

    @Test
    void recordKeys_mayHoldALiteralSlash() throws Exception {
        Document page = page("/report/record/bugf:nova/1234567");
        assertNotNull(page.selectFirst("article.record-bugf"));
    }

    @Test
    void blueprintReport_showsItsCard_andHostileTextAsText() throws Exception {
        Document page = page("/report/blueprint/nova/my-bp");
        assertEquals("Blueprint \u201C" + IMG + "\u201D", page.selectFirst("h1").text());
        assertEquals(SCRIPT, page.select("section#blueprint .message").first().text());
        assertEquals(QUOTES, page.select("section#blueprint .message").get(1).text());
        assertTrue(page.select("section#blueprint dd a")
                .eachAttr("href")
                .contains("https://blueprints.launchpad.net/nova/+spec/my-bp"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/report/users/nobody",
                "/report/companies/no-such-company",
                "/report/blueprint/nova/no-such-bp",
                "/report/blueprint/nomodule/my-bp",
                "/report/record/no-such-record",
                "/report/reviews/nomodule/open",
                "/report/activity?module=nomodule",
                "/report/nothing",
                "/report/",
                "/report/users",
                "/report/reviews/nova/closed",
                "/report/driverlog"
            })
    void unknownNamesAndReports_areTheHtml404_withALinkHome(String path) throws Exception {
        HttpResponse<String> response = server.get(path);
        assertEquals(404, response.statusCode(), path);
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), path);
        Document page = Jsoup.parse(response.body());
        assertEquals("404 Not Found", page.selectFirst("h1").text());
        assertNotNull(page.selectFirst("a[href=/]"));
    }

    @Test
    void driverlog_saysItIsNotPartOfStackvault() throws Exception {
        HttpResponse<String> response = server.get("/report/driverlog");
        assertEquals(404, response.statusCode());
        assertTrue(Jsoup.parse(response.body()).text().contains("not part of Stackvault"));
    }

    @Test
    void namesWithSlashPercentSemicolonDotsQuotesAndBrackets_work_asPathSegments() throws Exception {
        Document user = page("/report/users/" + PercentEncoding.encodeSegment(ReportData.ODD_ID));
        assertEquals("Odd Name activity report", user.selectFirst("h1").text());
        Document company = page("/report/companies/" + PercentEncoding.encodeSegment(ReportData.ODD_COMPANY));
        assertEquals(
                ReportData.ODD_COMPANY + " activity report",
                company.selectFirst("h1").text());
        // More keeps the name as one segment
        Element more = company.selectFirst("a.more[data-more]");
        assertNotNull(more);
        assertTrue(
                more.attr("href").startsWith("/report/companies/Slash%2FCo%20%25%3B..%22%3C%3E?"), more.attr("href"));
        assertEquals(200, server.get(more.attr("href")).statusCode());
        // elsewhere an escaped / stays a 400
        assertEquals(400, server.get("/api/1.0/users/a%2Fb").statusCode());
        assertEquals(400, server.get("/x%2Fy").statusCode());
    }

    @Test
    void formatJson_givesEachReportsFigures() throws Exception {
        JsonNode open = json("/report/reviews/nova/open?format=json");
        for (String field : List.of(
                "total_open",
                "waiting_on_submitter",
                "waiting_on_reviewer",
                "waiting_on_ci",
                "reviewer_since_last_vote",
                "reviewer_since_creation",
                "submitter_since_last_vote",
                "submitter_since_creation")) {
            assertTrue(open.has(field), field);
        }
        JsonNode user = json("/report/users/john_doe?format=json");
        for (String field : List.of("user_id", "name", "profile", "contribution", "punch_card", "activity")) {
            assertTrue(user.has(field), field);
        }
        assertTrue(user.path("punch_card").get(0).isArray());
        assertEquals(3, user.path("punch_card").get(0).size());
        assertTrue(json("/report/companies/ibm?format=json").has("punch_card"));
        assertTrue(json("/report/activity?format=json&release=all")
                .path("activity")
                .path("entries")
                .isArray());
        assertTrue(json("/report/blueprint/nova/my-bp?format=json").has("fields"));
        JsonNode entries = json("/report/activity?format=json&release=all&project_type=all&metric=all")
                .path("activity")
                .path("entries");
        assertEquals(ActivityLog.PAGE_SIZE, entries.size());
        entries.forEach(e -> assertTrue(e.has("record_type") && e.has("author") && e.has("body"), e.toString()));
        assertTrue(json("/report/large_commits?metric=commits&release=all")
                .path("commits")
                .isArray());
        assertTrue(
                json("/report/single_plus_two_reviews?release=all").path("data").isArray());
    }
}
