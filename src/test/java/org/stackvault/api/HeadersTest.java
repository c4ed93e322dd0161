package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stackvault.testing.RunningServer;
import org.stackvault.vault.Vault;

/**
 * The original's response headers and JSONP on every endpoint, and the content types and
 * {@code nosniff} of every answer (errors and health included), on the bundled sample data.
 */
class HeadersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String JSON = "application/json;charset=utf-8";
    private static final String JAVASCRIPT = "application/javascript;charset=utf-8";
    /** IMF-fixdate, RFC 9110: "Sun, 06 Nov 1994 08:49:37 GMT". */
    private static final String HTTP_DATE = "[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT";

    @RegisterExtension
    static final RunningServer SERVER = new RunningServer(Map.of("refresh-interval", "600"));

    /** Every endpoint, with parameters that make it answer 200 on the sample. */
    static Stream<String> endpoints() {
        Vault vault = SERVER.server().app().holder().current();
        String company = vault.dictionaries().companies().value(1);
        String module = new TreeSet<>(vault.reference().moduleGroups().keySet()).first();
        String user = vault.users().find(vault.dictionaries().users().value(1)).userId();
        return Stream.of(
                        "stats/companies?release=all",
                        "stats/modules?release=all",
                        "stats/engineers?release=all",
                        "stats/engineers_extended?release=all",
                        "stats/distinct_engineers?release=all",
                        "stats/timeline?release=all",
                        "stats/bp?release=all&project_type=all",
                        "stats/languages?release=all&project_type=all",
                        "activity?release=all",
                        "contribution?release=all",
                        "companies?release=all",
                        "modules?release=all",
                        "members?project_type=all",
                        "languages?release=all&project_type=all",
                        "users?release=all",
                        "releases?",
                        "metrics?",
                        "project_types?",
                        "affiliation_changes?start_days=2000-Jan-01",
                        "new_companies?days=100000",
                        "companies/" + company.replace(" ", "%20") + "?",
                        "modules/" + module + "?",
                        "users/" + user + "?")
                .map(p -> "/api/1.0/" + p);
    }

    private static String contentType(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Content-Type")
                .orElse("")
                .replace(" ", "")
                .toLowerCase();
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("(none)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void everyEndpoint_answersJsonOrJsonp_withTheOriginalsHeaders(String path) throws Exception {
        HttpResponse<String> json = SERVER.server().get(path);
        assertEquals(200, json.statusCode(), path + ": " + json.body());
        assertEquals(JSON, contentType(json));
        JsonNode body = MAPPER.readTree(json.body());

        HttpResponse<String> jsonp = SERVER.server().get(path + (path.endsWith("?") ? "" : "&") + "callback=cb");
        assertEquals(200, jsonp.statusCode(), jsonp.body());
        assertEquals(JAVASCRIPT, contentType(jsonp));
        assertTrue(jsonp.body().startsWith("/**/cb(") && jsonp.body().endsWith(");"), jsonp.body());
        assertEquals(
                body,
                MAPPER.readTree(
                        jsonp.body().substring("/**/cb(".length(), jsonp.body().length() - 2)));

        for (HttpResponse<String> r : java.util.List.of(json, jsonp)) {
            assertTrue(header(r, "Cache-Control").matches("public, max-age=\\d+"), header(r, "Cache-Control"));
            long maxAge = Long.parseLong(header(r, "Cache-Control").replaceAll("\\D", ""));
            assertTrue(maxAge > 0 && maxAge <= 600, "max-age " + maxAge);
            assertTrue(header(r, "Expires").matches(HTTP_DATE), header(r, "Expires"));
            assertEquals("*", header(r, "Access-Control-Allow-Origin"));
            assertEquals("nosniff", header(r, "X-Content-Type-Options"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "/api/1.0/stats/companies?release=nosuch",
                "/api/1.0/no/such/endpoint",
                "/api/1.0/activity?page_size=-1",
                "/api/1.0/releases?callback=alert(1)",
                "/no/such/page",
                "/api/1.0/users/nobody-at-all"
            })
    void errors_areJsonUtf8_withNosniff_andNeverCached(String path) throws Exception {
        HttpResponse<String> response = SERVER.server().get(path);
        assertTrue(response.statusCode() == 400 || response.statusCode() == 404, response.statusCode() + "");
        assertEquals(JSON, contentType(response));
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
        assertEquals("no-store", header(response, "Cache-Control"));
        assertEquals(
                response.statusCode(),
                MAPPER.readTree(response.body()).get("error").get("status").asInt());
    }

    @Test
    void health_isJsonUtf8_withNosniff_andNeverCached() throws Exception {
        HttpResponse<String> response = SERVER.server().get("/api/1.0/health?callback=cb");
        assertEquals(200, response.statusCode());
        assertEquals(JSON, contentType(response));
        assertEquals("nosniff", header(response, "X-Content-Type-Options"));
        assertEquals("no-store", header(response, "Cache-Control"));
        assertEquals("ready", MAPPER.readTree(response.body()).get("status").asText());
    }

    @ParameterizedTest(name = "Accept: {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "stats/modules?release=all&metric=loc | text/plain",
                "stats/engineers?release=all&metric=emails | text/html",
                "contribution?release=all&project_type=all | application/xml",
                "companies?release=all&metric=commits | image/png;q=1, */*;q=0"
            })
    void anyAcceptHeader_getsTheJson_onAMissAndOnAHit(String path, String accept) throws Exception {
        // the first request is a miss, the second is admitted to the cache, the third a hit
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = SERVER.server().get("/api/1.0/" + path, "Accept", accept);
            assertEquals(200, response.statusCode(), "request " + (i + 1) + ": " + response.body());
            assertEquals(JSON, contentType(response));
            assertTrue(MAPPER.readTree(response.body()).isObject(), response.body());
        }
    }

    @ParameterizedTest(name = "callback={0}")
    @ValueSource(
            strings = {
                "cb",
                "$",
                "_",
                "jQuery1102_1570000000",
                "a.b",
                "a.b.c.d.e.f.g.h.i.j",
                "$.x_1.$y",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void identifierPathCallbacks_wrapTheAnswer(String callback) throws Exception {
        HttpResponse<String> response = SERVER.server().get("/api/1.0/metrics?callback=" + callback);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().startsWith("/**/" + callback + "({"), response.body());
    }

    @ParameterizedTest(name = "callback={0}")
    @ValueSource(
            strings = {
                "1cb",
                "a-b",
                "a..b",
                "a.",
                ".a",
                "a.1b",
                "alert(1)",
                "a%20b",
                "caf%C3%A9",
                "a%00",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                "a[0]",
                "a%3Bb",
                "%3Cscript%3E"
            })
    void otherCallbacks_areA400NamingTheParameter(String callback) throws Exception {
        HttpResponse<String> response = SERVER.server().get("/api/1.0/metrics?callback=" + callback);
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(JSON, contentType(response));
        assertEquals(
                "callback",
                MAPPER.readTree(response.body()).get("error").get("parameter").asText());
    }

    @Test
    void callbackOfManySegments_isCappedAt256Characters() throws Exception {
        String segments = "a" + ".bcd".repeat(63); // 253 characters
        assertEquals(
                200,
                SERVER.server().get("/api/1.0/metrics?callback=" + segments).statusCode());
        assertEquals(
                400,
                SERVER.server()
                        .get("/api/1.0/metrics?callback=" + segments + ".efgh")
                        .statusCode());
    }

    @Test
    void emptyCallback_isPlainJson_asInTheOriginal() throws Exception {
        HttpResponse<String> response = SERVER.server().get("/api/1.0/metrics?callback=");
        assertEquals(200, response.statusCode());
        assertEquals(JSON, contentType(response));
        assertTrue(response.body().startsWith("{"), response.body());
    }
}
