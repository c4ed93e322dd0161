package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.stackvault.query.Dates;
import org.stackvault.testing.RawHttp;
import org.stackvault.testing.RunningServer;
import org.stackvault.vault.Vault;

/**
 * Bad input on every endpoint, sent byte for byte: a clear JSON error with the right
 * status (naming the parameter where one is at fault), never a 500, a stack trace or an
 * answer of unbounded size. On the bundled sample data.
 */
class BadInputTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Every endpoint that reads the common filters (all but affiliation_changes and users/<id>). */
    private static final List<String> FILTERED = List.of(
            "stats/companies",
            "stats/modules",
            "stats/engineers",
            "stats/engineers_extended",
            "stats/distinct_engineers",
            "stats/timeline",
            "stats/bp",
            "stats/languages",
            "activity",
            "contribution",
            "companies",
            "modules",
            "members",
            "languages",
            "users",
            "releases",
            "metrics",
            "project_types",
            "new_companies",
            "companies/x",
            "modules/nova");

    @RegisterExtension
    static final RunningServer SERVER = new RunningServer(Map.of("refresh-interval", "3600"));

    private static RawHttp.Response get(String target) throws Exception {
        return RawHttp.send(SERVER.server().port(), "GET", target, TIMEOUT);
    }

    /** A JSON error of {@code status}; its parameter when it names one. */
    private static JsonNode error(RawHttp.Response response, int status) throws Exception {
        assertEquals(status, response.status(), response.text());
        assertEquals(
                "application/json;charset=utf-8",
                response.header("Content-Type").replace(" ", "").toLowerCase());
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        JsonNode error = MAPPER.readTree(response.body()).get("error");
        assertEquals(status, error.get("status").asInt(), response.text());
        return error;
    }

    @Test
    void overlongQueryString_isA414Json() throws Exception {
        JsonNode error = error(get("/api/1.0/stats/companies?company=" + "x".repeat(5000)), 414);
        assertTrue(error.get("message").asText().contains("4096"), error.toString());
    }

    @ParameterizedTest(name = "query {0}")
    @ValueSource(
            strings = {
                "release=%FF",
                "release=%C3",
                "release=%E2%98",
                "release=%zz",
                "release=%",
                "release=a%2",
                "release=\u00ff",
                "release=\u00c3\u0028",
                "%FF=1",
                "callback=%ED%A0%80"
            })
    void invalidUtf8InTheQuery_isA400(String query) throws Exception {
        error(get("/api/1.0/stats/companies?" + query), 400);
    }

    @ParameterizedTest(name = "path {0}")
    @ValueSource(
            strings = {
                "/api/1.0/users/%FF",
                "/api/1.0/users/\u00ff",
                "/api/1.0/users/%C3",
                "/api/1.0/users/%zz",
                "/api/1.0/users/%",
                "/api/1.0/users/%00",
                "/api/1.0/users/a%2Fb",
                "/api/1.0//releases",
                "/api/1.0/%2e%2e/1.0/releases",
                "/api/1.0/companies/\u00c3\u0028"
            })
    void malformedPaths_areA400Json_evenWhenTheContainerRefusesThem(String path) throws Exception {
        error(get(path), 400);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/error/500", "/error/503", "/error/400", "/error"})
    void askingForTheErrorPageItself_isA404_neverTheStatusInItsPath(String path) throws Exception {
        error(get(path), 404);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "page_size=-1",
                "page_size=0",
                "page_size=1001",
                "page_size=99999999999999999999",
                "page_size=1e3",
                "start_record=-1",
                "start_record=10000001",
                "start_record=99999999999999999999",
                "start_record=x"
            })
    void negativeOrHugePaging_isA400NamingTheParameter(String query) throws Exception {
        JsonNode error = error(get("/api/1.0/activity?release=all&" + query), 400);
        assertEquals(
                query.substring(0, query.indexOf('=')), error.get("parameter").asText());
    }

    static Stream<Arguments> datesOutOfRange() {
        List<Arguments> cases = new ArrayList<>();
        for (String endpoint : FILTERED) {
            for (String parameter : List.of("start_date", "end_date")) {
                for (String value : List.of(
                        "-1", "253402300800", "20170230", "2019-02-29", "2100-01-01", "0x10", "9999999999999999")) {
                    cases.add(Arguments.of(endpoint, parameter, value));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}?{1}={2}")
    @MethodSource("datesOutOfRange")
    void datesOutOfRange_areA400NamingTheParameter_onEveryEndpoint(String endpoint, String parameter, String value)
            throws Exception {
        JsonNode error = error(get("/api/1.0/" + endpoint + "?" + parameter + "=" + value), 400);
        assertEquals(parameter, error.get("parameter").asText());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "start_days=-1",
                "start_days=2019-Feb-30",
                "end_days=12019-Jan-01",
                "end_days=253402300800",
                "start_days=someday"
            })
    void daysOutOfRange_areA400NamingTheParameter(String query) throws Exception {
        JsonNode error = error(get("/api/1.0/affiliation_changes?" + query), 400);
        assertEquals(
                query.substring(0, query.indexOf('=')), error.get("parameter").asText());
    }

    @Test
    void timelineOverAllOfTime_listsTheWeeksAroundTheDataOnly() throws Exception {
        Vault vault = SERVER.server().app().holder().current();
        RawHttp.Response response = get("/api/1.0/stats/timeline?release=all&start_date=0&end_date=253402300799");
        assertEquals(200, response.status());
        JsonNode series = MAPPER.readTree(response.body()).get("timeline");
        long first = Math.min(
                Dates.week(vault.firstRecordDay() * Dates.DAY),
                Dates.week(vault.reference().allReleasesStart()));
        long last = Math.max(
                Dates.week(vault.reference().allReleasesEnd()), Dates.week(System.currentTimeMillis() / 1000) + 1);
        int weeks = series.get(0).size();
        assertTrue(weeks <= last - first + 2 * 52 + 1, weeks + " weeks");
        assertEquals(Dates.formatWeek(first - 52), series.get(0).get(0).get(0).asText());
        assertTrue(response.body().length < 1 << 20, response.body().length + " bytes");
        long total = 0;
        for (JsonNode week : series.get(0)) {
            total += week.get(1).asLong();
        }
        RawHttp.Response plain = get("/api/1.0/stats/timeline?release=all");
        long plainTotal = 0;
        for (JsonNode week : MAPPER.readTree(plain.body()).get("timeline").get(0)) {
            plainTotal += week.get(1).asLong();
        }
        assertTrue(total >= plainTotal && total > 0, "no week with data is left out: " + total + " < " + plainTotal);
    }

    @Test
    void unknownParameterNames_areIgnored_asInTheOriginal() throws Exception {
        RawHttp.Response plain = get("/api/1.0/stats/companies?release=all");
        RawHttp.Response extra = get("/api/1.0/stats/companies?release=all&nosuch=1&%C3%A9=%C3%A9&=&&x");
        assertEquals(200, extra.status(), extra.text());
        assertEquals(plain.text(), extra.text());
    }
}
