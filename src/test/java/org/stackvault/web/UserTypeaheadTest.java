package org.stackvault.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stackvault.web.OverviewPageTest.IMG;
import static org.stackvault.web.OverviewPageTest.QUOTES;
import static org.stackvault.web.OverviewPageTest.SCRIPT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * The Contributor type-ahead {@code /ui/users}: which users it answers (name or id holding the
 * text, ignoring case), in what order, how many, under the page's filters; its JSON errors;
 * hostile names as JSON strings. Expectations come from {@code /api/1.0/users}, filtered and
 * ordered here.
 */
class UserTypeaheadTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Names in mixed case, so that ordering and matching must ignore case. */
    private static final List<String> NAMES = List.of(
            "zoe Roe", "Adam Smith", "bob Roe", "Carol ROE", "dave Jones", "Eve Adams", "frank Li", "Grace Hopper");

    private static TestServer server;
    private static Path dump;

    @BeforeAll
    static void start() throws Exception {
        TestStore store = new TestStore(DumpStorage.empty("typeahead test"))
                .referenceData()
                .projectTypes(OverviewPageTest.PROJECT_TYPES);
        List<TestRecords.Builder> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = String.format("u%02d", i);
            String name = NAMES.get(i % NAMES.size()) + " " + i;
            String company = i % 3 == 0 ? "Intel" : "IBM";
            store.user(id, name, company, id + "@example.com");
            records.add(TestRecords.commit().user(id, name).company(company));
        }
        store.user("evil", IMG, SCRIPT, "evil@example.com")
                .user("quotes", QUOTES, QUOTES, "quotes@example.com")
                .user("cloud", "Cloud Person", "Acme", "cloud@example.com");
        records.add(TestRecords.commit().user("evil", IMG).company(SCRIPT));
        records.add(TestRecords.commit().user("quotes", QUOTES).company(QUOTES));
        records.add(TestRecords.commit()
                .user("cloud", "Cloud Person")
                .module("glance")
                .company("Acme"));
        store.load(records.toArray(TestRecords.Builder[]::new));
        dump = store.writeDump(Files.createTempFile("typeahead-test", ".pickle"));
        server = TestServer.startReady(Map.of("dump", dump.toString(), "refresh-interval", "600"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Files.deleteIfExists(dump);
    }

    private static JsonNode json(String pathAndQuery, int status) throws Exception {
        HttpResponse<String> response = server.get(pathAndQuery);
        assertEquals(status, response.statusCode(), pathAndQuery + ": " + response.body());
        assertTrue(
                response.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"),
                pathAndQuery);
        assertFalse(response.body().contains("Exception"), response.body());
        return MAPPER.readTree(response.body());
    }

    /** "id|text" of each answer item. */
    private static List<String> items(JsonNode array) {
        List<String> items = new ArrayList<>();
        for (JsonNode item : array) {
            assertEquals(2, item.size(), item.toString());
            items.add(item.path("id").asText() + "|" + item.path("text").asText());
        }
        return items;
    }

    /** What the type-ahead should answer: the API's users for {@code filters}, matched, by name, 20. */
    private static List<String> expected(String filters, String q) throws Exception {
        String needle = q.toLowerCase(Locale.ROOT);
        List<String[]> users = new ArrayList<>();
        for (JsonNode user : json("/api/1.0/users?" + filters, 200).path("data")) {
            String id = user.path("id").asText();
            String text = user.path("text").asText();
            if (text.toLowerCase(Locale.ROOT).contains(needle)
                    || id.toLowerCase(Locale.ROOT).contains(needle)) {
                users.add(new String[] {id, text});
            }
        }
        users.sort(Comparator.comparing((String[] u) -> u[1].toLowerCase(Locale.ROOT)));
        return users.stream().limit(20).map(u -> u[0] + "|" + u[1]).toList();
    }

    @Test
    void emptyText_answersTheFirst20_byName() throws Exception {
        List<String> answer = items(json("/ui/users?release=all&metric=commits&q=", 200));

        assertEquals(20, answer.size());
        assertEquals(expected("release=all&metric=commits", ""), answer);
        assertEquals(answer, items(json("/ui/users?release=all&metric=commits", 200)));
    }

    @ParameterizedTest(name = "q={0}")
    @CsvSource({"roe", "ROE", "u1", "adam", "  Hopper  ", "nobody-has-this"})
    void text_matchesNameOrId_ignoringCase(String q) throws Exception {
        List<String> answer = items(
                json("/ui/users?release=all&metric=commits&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), 200));

        assertEquals(expected("release=all&metric=commits", q.trim()), answer);
        for (String item : answer) {
            assertTrue(item.toLowerCase(Locale.ROOT).contains(q.trim().toLowerCase(Locale.ROOT)), item);
        }
    }

    @Test
    void manyMatches_areCutAt20() throws Exception {
        // "u" is in every generated id
        assertEquals(
                20, items(json("/ui/users?release=all&metric=commits&q=u", 200)).size());
    }

    @Test
    void thePagesFilters_narrowTheUsers() throws Exception {
        List<String> intel = items(json("/ui/users?release=all&metric=commits&company=intel&q=roe", 200));

        assertEquals(expected("release=all&metric=commits&company=intel", "roe"), intel);
        assertFalse(intel.isEmpty());
        assertTrue(intel.size()
                < items(json("/ui/users?release=all&metric=commits&q=roe", 200)).size());
    }

    @Test
    void thePagesOwnContributor_doesNotNarrowTheList() throws Exception {
        // the page of one contributor offers the others too, as the API's users list ignores user_id
        assertEquals(
                items(json("/ui/users?release=all&metric=commits&q=roe", 200)),
                items(json("/ui/users?release=all&metric=commits&user_id=u01&q=roe", 200)));
    }

    @Test
    void cncfPath_appliesThatPagesFixedFilters() throws Exception {
        assertEquals(
                expected("project_type=cncf-group&release=all&metric=commits", ""),
                items(json("/ui/users/cncf?release=stein", 200)));
        assertEquals(List.of("cloud|Cloud Person"), items(json("/ui/users/cncf", 200)));
        json("/ui/users/nothing", 404);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/ui/users?release=nosuch, 404",
        "/ui/users?company=nobody, 404",
        "/ui/users?start_date=yesterday, 400",
        "/ui/users?date=week, 400"
    })
    void badFilter_isTheApisJsonError(String pathAndQuery, int status) throws Exception {
        JsonNode error = json(pathAndQuery, status).path("error");

        assertEquals(status, error.path("status").asInt());
        assertFalse(error.path("message").asText().isEmpty());
        String parameter = pathAndQuery.substring(pathAndQuery.indexOf('?') + 1, pathAndQuery.indexOf('='));
        if (!parameter.equals("date")) { // date=N is the dashboard's, not the API's
            JsonNode api = json("/api/1.0/users" + pathAndQuery.substring(pathAndQuery.indexOf('?')), status);
            assertEquals(api.path("error"), error);
        }
    }

    @Test
    void hostileNames_areJsonStrings() throws Exception {
        assertEquals(List.of("evil|" + IMG), items(json("/ui/users?release=all&metric=commits&q=img", 200)));
        assertEquals(List.of("quotes|" + QUOTES), items(json("/ui/users?release=all&metric=commits&q=quotes", 200)));
        HttpResponse<String> response = server.get("/ui/users?release=all&metric=commits&q=evil");
        assertEquals(
                "nosniff",
                response.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals(
                List.of("evil|" + IMG),
                items(json(
                        "/ui/users?release=all&metric=commits&company="
                                + URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8),
                        200)));
    }
}
