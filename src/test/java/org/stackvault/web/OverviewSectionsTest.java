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
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The overview's sections beyond the top lists (module details, user profile, blueprint and
 * language lists, report links, review columns and core markers, pies), the head, the banner
 * and the filter bar, through a real embedded Jetty read with jsoup; every figure compared
 * with {@code /api/1.0} for the same filters, and names written by hostile authors.
 */
class OverviewSectionsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ENC_SCRIPT = URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8);

    private static TestServer server;
    private static Path dump;

    /** A module group id with every character a path and a query treat specially. */
    private static final String HOSTILE_GROUP = QUOTES.toLowerCase(java.util.Locale.ROOT);

    @SuppressWarnings("unchecked")
    static TestStore store() {
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("user_id", "hist");
        history.put("user_name", IMG);
        history.put("launchpad_id", "hist");
        history.put("gerrit_id", QUOTES);
        history.put("github_id", SCRIPT);
        history.put("emails", List.of("hist@example.com"));
        history.put(
                "companies",
                List.of(
                        Map.of("company_name", "Intel", "end_date", TestStore.STEIN_END),
                        Map.of("company_name", SCRIPT, "end_date", 0L)));
        history.put("core", List.of(List.of("nova", "stable/stein")));
        TestStore store = new TestStore(DumpStorage.empty("sections test"))
                .referenceData()
                .projectTypes(OverviewPageTest.PROJECT_TYPES);
        // a group named by a hostile author, holding a hostile module, under a hostile id
        Map<String, Object> groups =
                new LinkedHashMap<>((Map<String, Object>) store.storage().get("module_groups"));
        groups.put(
                HOSTILE_GROUP,
                Map.of(
                        "id",
                        HOSTILE_GROUP,
                        "module_group_name",
                        IMG,
                        "modules",
                        List.of(SCRIPT, "nova"),
                        "tag",
                        "group"));
        return store.moduleGroups(groups)
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com")
                .user("jane", "Jane Roe", "Intel", "jane@intel.com")
                .storeUser(history)
                .load(
                        TestRecords.commit(),
                        TestRecords.commit().module("glance").company("Intel").user("jane", "Jane Roe"),
                        TestRecords.commit().company(SCRIPT).user("hist", IMG),
                        TestRecords.commit().company(QUOTES).user("quotes", QUOTES),
                        TestRecords.commit().company("*independent").user("solo", "Solo Dev"),
                        TestRecords.mark().primaryKey("m1"),
                        TestRecords.mark().primaryKey("m2").set("value", 1L),
                        TestRecords.mark().primaryKey("m3").set("value", -1L),
                        TestRecords.mark()
                                .primaryKey("m4")
                                .set("type", "Workflow")
                                .set("value", 1L),
                        TestRecords.mark()
                                .primaryKey("m5")
                                .set("value", -2L)
                                .company("Intel")
                                .user("jane", "Jane Roe"),
                        TestRecords.mark()
                                .primaryKey("m6")
                                .set("value", -1L)
                                .company("Intel")
                                .user("jane", "Jane Roe"),
                        TestRecords.mark()
                                .primaryKey("m7")
                                .set("value", 1L)
                                .company(SCRIPT)
                                .user("hist", IMG),
                        TestRecords.of("bpd")
                                .set("name", IMG)
                                .set("lifecycle_status", SCRIPT)
                                .set("mention_count", 3L)
                                .set("mention_date", TestRecords.DEFAULT_DATE),
                        TestRecords.of("bpd")
                                .set("name", "fast-boot")
                                .set("lifecycle_status", "Not started")
                                .set("mention_count", 0L),
                        TestRecords.of("tr")
                                .set("value", QUOTES)
                                .set("loc", 120L)
                                .set("language", QUOTES),
                        TestRecords.of("tr")
                                .set("value", "German")
                                .set("loc", 20L)
                                .set("language", "German"));
    }

    @BeforeAll
    static void start() throws Exception {
        dump = store().writeDump(Files.createTempFile("sections-test", ".pickle"));
        server = TestServer.startReady(Map.of("dump", dump.toString(), "refresh-interval", "600"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Files.deleteIfExists(dump);
    }

    static Document page(TestServer server, String pathAndQuery) throws Exception {
        HttpResponse<String> response = server.get(pathAndQuery);
        assertEquals(200, response.statusCode(), pathAndQuery + ": " + response.body());
        assertTrue(
                Jsoup.parse(response.body())
                        .select("img, [onerror], " + OverviewPageTest.NOT_OURS)
                        .isEmpty(),
                pathAndQuery);
        return Jsoup.parse(response.body(), server.uri("/").toString());
    }

    private static Document page(String pathAndQuery) throws Exception {
        return page(server, pathAndQuery);
    }

    private static JsonNode api(String pathAndQuery) throws Exception {
        HttpResponse<String> response = server.get(pathAndQuery);
        assertEquals(200, response.statusCode(), pathAndQuery + ": " + response.body());
        return MAPPER.readTree(response.body());
    }

    // ---- module details

    @Test
    void moduleDetails_ofAGroup_listItsModules_linkingVisibleOnes_greyingHiddenOnes() throws Exception {
        String query = "?module=core-group&project_type=ansible&release=all";
        Element section = page("/" + query).selectFirst("section#module-details");
        JsonNode api = api("/api/1.0/modules/core-group" + query).path("module");

        assertNotNull(section);
        assertEquals(api.path("name").asText(), section.selectFirst("h2").text());
        assertTrue(section.text().contains("default_data.json"), section.text());
        Set<String> visible = new LinkedHashSet<>();
        Set<String> hidden = new LinkedHashSet<>();
        for (JsonNode m : api.path("modules")) {
            (m.path("visible").asBoolean() ? visible : hidden)
                    .add(m.path("module_name").asText());
        }
        assertEquals(List.copyOf(visible), section.select("ul.sub-modules a").eachText());
        assertEquals(
                List.copyOf(hidden),
                section.select("ul.sub-modules span.disabled").eachText());
        assertFalse(hidden.isEmpty(), "the test needs a hidden module");
        for (Element greyed : section.select("span.disabled")) {
            assertEquals("Not available in current project type and release", greyed.attr("title"));
        }
        for (Element link : section.select("ul.sub-modules a")) {
            assertTrue(link.attr("href").contains("module=" + link.text()), link.attr("href"));
        }
    }

    @Test
    void moduleDetails_ofAModule_showItsRepo() throws Exception {
        Element section = page("/?module=nova&release=all").selectFirst("section#module-details");
        JsonNode api = api("/api/1.0/modules/nova?release=all").path("module");

        assertEquals(api.path("name").asText(), section.selectFirst("h2").text());
        assertEquals(
                api.path("modules").get(0).path("repo_uri").asText(),
                section.selectFirst(".repo").text());
        assertTrue(section.select("a").isEmpty(), "a repo address is text, not a link");
    }

    @Test
    void moduleDetails_andReportLinks_ofAHostileGroup_areTextAndEncodedSegments() throws Exception {
        String id = URLEncoder.encode(HOSTILE_GROUP, StandardCharsets.UTF_8);
        Document page = page("/?release=all&project_type=all&module=" + id);
        Element section = page.selectFirst("section#module-details");

        assertEquals(IMG, section.selectFirst("h2").text());
        List<String> modules = section.select("ul.sub-modules li").eachText();
        assertEquals(List.of(SCRIPT, "nova"), modules.stream().sorted().toList());
        List<String> links = reportLinks(page);
        assertEquals(4, links.size(), links.toString());
        assertEquals(
                "Show open reviews for " + IMG,
                page.selectFirst("ul.report-links a").text());
        String segment =
                links.get(0).substring("/report/reviews/".length(), links.get(0).length() - "/open".length());
        assertFalse(segment.matches(".*[/<>\"' ;#?].*"), segment);
        assertEquals(HOSTILE_GROUP, URLDecoder.decode(segment, StandardCharsets.UTF_8));
        String activity = links.get(3);
        assertTrue(activity.startsWith("/report/activity?module=" + id + "&"), activity);
    }

    @Test
    void moduleDetails_onlyWithAModule() throws Exception {
        assertNull(page("/?release=all").selectFirst("section#module-details"));
        assertNull(page("/?release=all&company=ibm").selectFirst("section#module-details"));
    }

    // ---- user profile

    @Test
    void userProfile_showsNameHistoryIdsAndCores_asText() throws Exception {
        Document page = page("/?release=all&user_id=hist");
        Element profile = page.selectFirst("section#user-profile");
        JsonNode api = api("/api/1.0/users/hist").path("user");

        assertNotNull(profile);
        assertEquals(IMG, profile.selectFirst("h2").text());
        assertEquals(api.path("user_name").asText(), profile.selectFirst("h2").text());
        String steinEnd = LocalDate.ofInstant(Instant.ofEpochSecond(TestStore.STEIN_END), ZoneOffset.UTC)
                .toString();
        assertEquals(
                List.of("Intel until " + steinEnd, SCRIPT + " from " + steinEnd + " to now"),
                profile.select("ul.affiliations li").eachText());
        Element company = profile.select("ul.affiliations a").stream()
                .filter(a -> a.text().equals(SCRIPT))
                .findFirst()
                .orElseThrow();
        assertTrue(company.attr("href").contains("company=" + URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8)));
        assertFalse(company.attr("href").contains("user_id"), company.attr("href"));
        Map<String, String> ids = new LinkedHashMap<>();
        for (Element div : profile.select("dl.identities div")) {
            ids.put(div.selectFirst("dt").text(), div.selectFirst("dd").text());
        }
        assertEquals(Map.of("Launchpad", "hist", "Gerrit", QUOTES, "GitHub", SCRIPT), ids);
        assertEquals(
                List.of("nova (stable/stein)"), profile.select("ul.core-in li").eachText());
        assertEquals("/?module=nova", profile.selectFirst("ul.core-in a").attr("href"));
        assertEquals(
                List.of("/report/affiliation_changes", "/report/users/hist"),
                profile.select("> p > a").eachAttr("href"));
        assertTrue(profile.select("img").isEmpty(), "no gravatar");
        assertEquals("IS", profile.selectFirst(".initials").text()); // the first letters of the first two words
    }

    @Test
    void userProfile_onlyWithAUser() throws Exception {
        assertNull(page("/?release=all").selectFirst("section#user-profile"));
        assertNotNull(page("/?release=all&user_id=john_doe").selectFirst("section#user-profile"));
    }

    // ---- report links

    private static List<String> reportLinks(Document page) {
        return page.select("ul.report-links a").eachAttr("href");
    }

    @Test
    void reportLinks_ofAModule_companyAndUser() throws Exception {
        Document module = page("/?module=core-group&release=all&project_type=all");
        assertEquals(
                List.of(
                        "/report/reviews/core-group/open",
                        "/report/contribution/core-group/30",
                        "/report/contribution/core-group/90",
                        "/report/activity?module=core-group&project_type=all&release=all"),
                reportLinks(module));
        assertEquals(
                List.of(
                        "Show open reviews for Core group",
                        "Contribution for the last 30 days in Core group",
                        "Contribution for the last 90 days in Core group",
                        "Show activity report for core-group"),
                module.select("ul.report-links a").eachText());
        for (Element link : module.select("ul.report-links a")) {
            assertEquals("_blank", link.attr("target"));
            assertEquals("noopener", link.attr("rel"));
        }

        assertEquals(List.of("/report/companies/ibm"), reportLinks(page("/?release=all&company=ibm")));
        assertEquals(List.of("/report/users/john_doe"), reportLinks(page("/?release=all&user_id=john_doe")));
    }

    @Test
    void reportLinks_carryHostileNames_asOneEncodedPathSegment() throws Exception {
        Document page = page("/?release=all&company=" + ENC_SCRIPT);
        String href = reportLinks(page).get(0);

        assertTrue(href.startsWith("/report/companies/"), href);
        String segment = href.substring("/report/companies/".length());
        assertFalse(segment.matches(".*[/<>\" ].*"), segment);
        assertEquals(SCRIPT.toLowerCase(), URLDecoder.decode(segment, StandardCharsets.UTF_8));
        assertEquals(
                "Show activity report for " + SCRIPT,
                page.selectFirst("ul.report-links a").text());

        String quotes = reportLinks(page("/?release=all&company=" + URLEncoder.encode(QUOTES, StandardCharsets.UTF_8)))
                .get(0)
                .substring("/report/companies/".length());
        assertFalse(quotes.matches(".*[/<>\"' ;#?].*"), quotes);
        assertEquals(QUOTES.toLowerCase(), URLDecoder.decode(quotes, StandardCharsets.UTF_8));
    }

    @Test
    void initials_areTheFirstLettersOfTwoWords() {
        assertEquals("JD", OverviewSections.initials("john doe smith"));
        assertEquals("É", OverviewSections.initials("élodie"));
        assertEquals("?", OverviewSections.initials("<> \"\""));
    }

    @Test
    void pathSegment_encodesDotSegmentsAndSlashes() {
        assertEquals("%2E%2E", OverviewSections.segment(".."));
        assertEquals("%2E", OverviewSections.segment("."));
        assertEquals("a%2Fb", OverviewSections.segment("a/b"));
        assertEquals("a%20b", OverviewSections.segment("a b"));
        assertEquals("nova.git", OverviewSections.segment("nova.git"));
    }

    @Test
    void reportLinks_notOnCncfAndUnaffiliated_noneWithoutSelection() throws Exception {
        assertTrue(reportLinks(page("/?release=all")).isEmpty());
        Document cncf = page("/cncf?module=glance&company=ibm");
        assertNotNull(cncf.selectFirst("section#contribution"), "the summary, as the original");
        assertTrue(reportLinks(cncf).isEmpty());
        assertTrue(reportLinks(page("/unaffiliated?module=keystone")).isEmpty());
        assertTrue(page("/?release=all").select("section#contribution").isEmpty());
    }

    // ---- review columns and core markers

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"?release=all&metric=marks", "?release=all&metric=marks&module=nova", "?metric=marks"})
    void reviewColumns_equalTheApisMarks(String query) throws Exception {
        Document page = page("/" + query);
        JsonNode api = api("/api/1.0/stats/engineers" + query).path("stats");

        assertEquals(
                List.of("#", "Name", "-2", "-1", "+1", "+2", "A", "x", "+ ratio", "Reviews"),
                page.select("section#engineers thead th").eachText());
        List<Element> rows = page.select("section#engineers tbody tr");
        assertEquals(api.size(), rows.size());
        assertFalse(rows.isEmpty());
        for (int i = 0; i < rows.size(); i++) {
            Element tr = rows.get(i);
            JsonNode row = api.get(i);
            List<String> expected = new ArrayList<>();
            for (String key : List.of("-2", "-1", "1", "2", "A", "x")) {
                expected.add(row.path(key).asText());
            }
            assertEquals(
                    expected, new org.jsoup.select.Elements(tr.select("td").subList(2, 8)).eachText(), row.toString());
            String ratio = row.path("positive_ratio").asText();
            Element cell = tr.selectFirst("td.ratio");
            boolean low = !ratio.startsWith("&") && Double.parseDouble(ratio.replace("%", "")) < 60;
            assertEquals(low, cell.hasClass("low"), ratio);
            assertEquals(low, cell.text().contains("low"), "a text sign, not colour alone: " + cell.text());
            assertTrue(cell.text().startsWith(ratio.startsWith("&") ? "∞" : ratio), cell.text());
            assertEquals(
                    row.path("metric").asText(), tr.child(tr.childrenSize() - 1).text());
            String core = row.path("core").asText(null);
            String name = tr.child(1).text();
            if (core == null) {
                assertFalse(name.contains("✻") || name.contains("✬"), name);
            } else if (core.equals("master")) {
                assertTrue(name.endsWith("✻"), name);
            } else {
                assertTrue(name.endsWith("✬ " + core), name);
            }
        }
    }

    @Test
    void coreMarkers_appearForCoresOfTheSelectedModule() throws Exception {
        Document page = page("/?release=all&metric=commits&module=nova");
        List<String> names = page.select("section#engineers tbody td:eq(1)").eachText();

        assertTrue(names.contains("John Doe ✻"), names.toString());
        assertTrue(names.contains(IMG + " ✬ stable/stein"), names.toString());
        assertEquals(
                List.of("#", "Name", "Commits"),
                page.select("section#engineers thead th").eachText(),
                "vote columns only under Reviews");
    }

    // ---- blueprints and languages

    @Test
    void blueprints_equalTheApi_underBpdOnly() throws Exception {
        for (String metric : List.of("bpd", "bpc")) {
            Document page = page("/?release=all&metric=" + metric);
            JsonNode api = api("/api/1.0/stats/bp?release=all&metric=" + metric).path("stats");
            List<String> expected = new ArrayList<>();
            for (JsonNode bp : api) {
                expected.add(bp.path("index").asText() + "|" + bp.path("name").asText() + "|"
                        + bp.path("status").asText() + "|" + bp.path("date").asText() + "|"
                        + bp.path("metric").asText());
            }
            List<String> shown = new ArrayList<>();
            for (Element tr : page.select("section#blueprints tbody tr")) {
                shown.add(String.join("|", tr.select("td").eachText()));
            }
            assertEquals(expected, shown, metric);
        }
        Document bpd = page("/?release=all&metric=bpd");
        assertEquals(
                "Blueprint popularity", bpd.selectFirst("section#blueprints h2").text());
        assertTrue(bpd.select("section#blueprints td").eachText().contains("never"));
        Element hostile = bpd.select("section#blueprints td a").stream()
                .filter(a -> a.text().equals(IMG))
                .findFirst()
                .orElseThrow();
        assertEquals(
                "/report/blueprint/nova/"
                        + URLEncoder.encode(IMG, StandardCharsets.UTF_8).replace("+", "%20"),
                hostile.attr("href"));
        assertTrue(page("/?release=all&metric=commits")
                .select("section#blueprints")
                .isEmpty());
    }

    @Test
    void languages_equalTheApi_underTranslationsOnly() throws Exception {
        Document page = page("/?release=all&metric=translations");
        JsonNode api =
                api("/api/1.0/stats/languages?release=all&metric=translations").path("stats");
        List<String> expected = new ArrayList<>();
        for (JsonNode language : api) {
            expected.add(language.path("index").asText() + "|"
                    + language.path("name").asText() + "|"
                    + language.path("metric").asText());
        }
        List<String> shown = new ArrayList<>();
        for (Element tr : page.select("section#languages tbody tr")) {
            shown.add(String.join("|", tr.select("td").eachText()));
        }
        assertEquals(expected, shown);
        assertTrue(shown.stream().anyMatch(s -> s.contains(QUOTES)), shown.toString());
        assertTrue(page.select("section#languages tbody a").eachAttr("href").stream()
                .allMatch(h -> h.startsWith("/?release=all&metric=translations&language=")));
        assertTrue(
                page("/?release=all&metric=marks").select("section#languages").isEmpty());
    }

    // ---- pies, data tables

    @Test
    void pies_followTheCompanyAndModuleTables_withEveryRowInOrder() throws Exception {
        Document page = page("/?release=all&metric=commits");

        for (String list : List.of("companies", "modules")) {
            Element section = page.selectFirst("section#" + list);
            Element table = section.selectFirst("table.data-table");
            Element block = table.nextElementSibling();
            assertEquals("script", block.tagName(), list);
            assertEquals("chart-data", block.className());
            assertEquals("pie", block.attr("data-chart"));
            assertEquals(section.selectFirst("h2").text(), block.attr("data-title"));
            JsonNode items = MAPPER.readTree(block.data()).path("items");
            List<Element> rows = table.select("tbody tr");
            assertEquals(rows.size(), items.size());
            for (int i = 0; i < rows.size(); i++) {
                Element link = rows.get(i).selectFirst("td a");
                assertEquals(link.text(), items.get(i).path("name").asText());
                assertEquals(link.attr("href"), items.get(i).path("href").asText());
                assertEquals(
                        rows.get(i).child(2).attr("data-sort"),
                        items.get(i).path("value").asText());
            }
        }
        assertTrue(page.select("section#engineers script").isEmpty(), "no contributor pie, as the original");
        String names = page.select("section#companies script").first().data();
        assertTrue(MAPPER.readTree(names).toString().contains(SCRIPT), "the JSON text still says the name");
    }

    @Test
    void numericCells_carryDataSort() throws Exception {
        Document page = page("/?release=all&metric=commits");
        for (Element td : page.select("table.data-table td.metric")) {
            assertEquals(td.text(), td.attr("data-sort"));
        }
        for (Element table : page.select("section.top table")) {
            assertTrue(table.hasClass("data-table"));
            assertNotNull(table.selectFirst("thead"));
        }
    }

    @Test
    void cncfHeadings_sayProject_andAppendTheCompanyAndUser() throws Exception {
        assertEquals(
                List.of("Commits by Company", "Commits by Project", "Commits by Contributor"),
                page("/cncf").select("section.top h2").eachText());
        assertEquals(
                List.of("Commits by Project | Intel", "Commits by Contributor | Intel"),
                page("/cncf?company=intel").select("section.top h2").eachText());
        assertEquals(
                List.of("Commits by Project | Intel | Jane Roe"),
                page("/cncf?company=intel&user_id=jane")
                        .select("section.top h2")
                        .eachText());
        assertEquals(
                List.of("Commits by Company", "Commits by Module", "Commits by Contributor"),
                page("/?metric=commits&release=all").select("section.top h2").eachText());
    }

    // ---- head

    @Test
    void head_hasDescriptionKeywordsWithTheCompany_andOpenGraph() throws Exception {
        Document page = page("/?release=all&company=" + ENC_SCRIPT);
        String title = page.title().substring("Stackvault | ".length());

        assertEquals(title, page.selectFirst("meta[name=description]").attr("content"));
        assertTrue(page.selectFirst("meta[name=keywords]").attr("content").endsWith(", " + SCRIPT));
        assertEquals(page.title(), page.selectFirst("meta[property=og:title]").attr("content"));
        assertEquals(title, page.selectFirst("meta[property=og:description]").attr("content"));
        assertEquals("website", page.selectFirst("meta[property=og:type]").attr("content"));
        assertFalse(page("/").selectFirst("meta[name=keywords]").attr("content").contains("IBM"));
    }

    // ---- filter bar

    @Test
    void projectType_isAnOptionGroup_ofThePagesGroup() throws Exception {
        Element select = page("/").selectFirst("select[name=project_type]");
        Element group = select.selectFirst("optgroup");
        JsonNode api = api("/api/1.0/project_types").path("data");

        assertEquals("OpenStack", group.attr("label"));
        List<String> expected = new ArrayList<>();
        boolean inAll = false;
        for (JsonNode type : api) {
            if (!type.path("child").asBoolean()) {
                inAll = type.path("id").asText().equals("all");
            }
            if (inAll) {
                expected.add(type.path("id").asText());
            }
        }
        assertEquals(expected, group.select("option").eachAttr("value"));
        assertEquals("project_group", group.selectFirst("option").className());
        assertEquals(
                expected.size() - 1, group.select("option.project_group_item").size());
        // a current value outside the page's group stays selectable, before the group
        Element other = page("/?project_type=cncf-group").selectFirst("select[name=project_type]");
        assertEquals("OpenStack", other.selectFirst("optgroup").attr("label"));
        assertEquals("cncf-group", other.selectFirst("> option[selected]").attr("value"));
        assertEquals(
                "Unaffiliated",
                page("/unaffiliated")
                        .selectFirst("select[name=project_type] optgroup")
                        .attr("label"));
    }

    @Test
    void clearLinks_dropTheirParameterOnly_metricHasNone() throws Exception {
        Document page = page("/?release=all&module=nova&company=ibm&user_id=john_doe&metric=commits");

        assertEquals(
                List.of(
                        "/?release=all&company=ibm&user_id=john_doe&metric=commits",
                        "/?release=all&module=nova&user_id=john_doe&metric=commits",
                        "/?release=all&module=nova&company=ibm&metric=commits"),
                page.select("form.filters a.clear").eachAttr("href"));
        assertTrue(page("/?metric=commits").select("form.filters a.clear").isEmpty());
        assertTrue(
                page.selectFirst("select[name=module]").parent().attr("title").contains("violet"));
    }

    @Test
    void contributorField_isTheTypeaheadContract_showingTheCurrentName() throws Exception {
        Document page = page("/?release=all&user_id=hist");
        Element input = page.selectFirst("form.filters input[name=user_id]");

        assertEquals("search", input.attr("type"));
        assertEquals("contributor-options", input.attr("list"));
        assertEquals("/ui/users", input.attr("data-typeahead"));
        assertEquals("hist", input.attr("value"));
        assertNotNull(page.selectFirst("datalist#contributor-options"));
        assertTrue(page.selectFirst("datalist#contributor-options").children().isEmpty());
        assertEquals(IMG, page.selectFirst("form.filters .current-user").text());
        assertTrue(page.select("form.filters input[type=hidden][name=user_id]").isEmpty());
        assertEquals(
                "/ui/users/cncf",
                page("/cncf").selectFirst("input[name=user_id]").attr("data-typeahead"));
    }

    @Test
    void dateInputs_showTheRangeAsIsoDays() throws Exception {
        Document page = page("/?release=all&start_date=20190401&end_date=1556668800");

        assertEquals(
                "2019-04-01",
                page.selectFirst("input[type=date][name=start_date]").attr("value"));
        assertEquals(
                "2019-05-01",
                page.selectFirst("input[type=date][name=end_date]").attr("value"));
    }

    // ---- banner

    @Test
    void banner_warnsOfOldData_andTheAboutLinkSaysWhen() throws Exception {
        // the test data was last updated a day before Train's end, in 2019
        Document page = page("/");
        String when = page.selectFirst("footer time").text();

        assertEquals(
                "The data was last updated on " + when,
                page.selectFirst("p.banner").text());
        assertEquals(
                "Last updated on " + when, page.selectFirst("header a.about").attr("title"));
    }

    @Test
    void banner_absentForFreshData_andForDataYoungerThanTheConfiguredAge() throws Exception {
        Path fresh = store().put("runtime_storage_update_time", Instant.now().getEpochSecond() - 3600)
                .writeDump(Files.createTempFile("sections-fresh", ".pickle"));
        try (TestServer s = TestServer.startReady(Map.of("dump", fresh.toString(), "refresh-interval", "600"))) {
            Document page = page(s, "/");
            assertNull(page.selectFirst("p.banner"));
            assertTrue(page.selectFirst("header a.about").attr("title").startsWith("Last updated on "));
        } finally {
            Files.deleteIfExists(fresh);
        }
        // the old data with a threshold of 20 years
        try (TestServer s = TestServer.startReady(
                Map.of("dump", dump.toString(), "refresh-interval", "600", "age-warn", "630720000"))) {
            assertNull(page(s, "/").selectFirst("p.banner"));
        }
    }

    @Test
    void banner_saysTheDataIsLoading_withoutAnUpdateTime() throws Exception {
        Path loading = store().put("runtime_storage_update_time", 0L)
                .writeDump(Files.createTempFile("sections-loading", ".pickle"));
        try (TestServer s = TestServer.startReady(Map.of("dump", loading.toString(), "refresh-interval", "600"))) {
            Document page = page(s, "/");
            assertEquals(
                    "The data is being loaded now and is not complete",
                    page.selectFirst("p.banner").text());
            assertTrue(page.selectFirst("header a.about").attr("title").isEmpty());
        } finally {
            Files.deleteIfExists(loading);
        }
    }
}
