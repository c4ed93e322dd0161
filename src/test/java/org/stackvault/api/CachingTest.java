package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stackvault.cache.ResponseCache;
import org.stackvault.testing.RunningServer;

/** The response cache through HTTP, on the bundled sample data: HEAD, admission, floods. */
class CachingTest {
    private static final List<String> SAME_HEADERS = List.of(
            "content-type",
            "content-length",
            "cache-control",
            "expires",
            "access-control-allow-origin",
            "x-content-type-options");

    @RegisterExtension
    static final RunningServer SERVER = new RunningServer(Map.of("refresh-interval", "3600"));

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> send(String method, String path) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(SERVER.server().uri(path))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void headBeforeGet_doesNotLeaveAnEmptyBodyInTheCache() throws Exception {
        String path = "/api/1.0/stats/companies?release=all&metric=commits";
        for (int i = 0; i < 3; i++) { // enough misses to be admitted, then hits
            HttpResponse<String> head = send("HEAD", path);
            assertEquals(200, head.statusCode());
            assertEquals("", head.body());
        }
        HttpResponse<String> get = send("GET", path);
        assertEquals(200, get.statusCode());
        assertTrue(get.body().startsWith("{\"stats\":[{"), get.body());
        assertEquals(
                get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                Integer.parseInt(get.headers().firstValue("Content-Length").orElseThrow()));
    }

    @Test
    void head_carriesTheHeadersOfTheGet_cachedOrNot() throws Exception {
        for (String path : List.of(
                "/api/1.0/stats/modules?release=all",
                "/api/1.0/activity?release=all&page_size=3",
                "/api/1.0/releases?callback=cb",
                "/api/1.0/users/no-such-user")) {
            for (int i = 0; i < 3; i++) { // miss, admitted miss, hit
                HttpResponse<String> get = send("GET", path);
                HttpResponse<String> head = send("HEAD", path);
                assertEquals(get.statusCode(), head.statusCode(), path);
                for (String name : SAME_HEADERS) {
                    assertEquals(get.headers().firstValue(name), head.headers().firstValue(name), path + " " + name);
                }
            }
        }
    }

    @Test
    void hotAnswer_survivesAFloodOfOneOffQueries_whichAreNotStored() throws Exception {
        ResponseCache cache = SERVER.server().app().cache();
        String hot = "/api/1.0/stats/engineers?release=all&metric=marks";
        for (int i = 0; i < 5; i++) {
            assertEquals(200, send("GET", hot).statusCode());
        }
        long admitted = cache.admissions();
        int flood = 1000;
        for (int i = 0; i < flood; i++) {
            // each a legitimate 200 with its own key
            assertEquals(
                    200,
                    send("GET", "/api/1.0/activity?release=all&page_size=1&query_message=x" + i)
                            .statusCode());
        }
        assertTrue(
                cache.admissions() - admitted < flood / 100,
                (cache.admissions() - admitted) + " one-off answers stored");
        long hits = cache.hits();
        assertEquals(200, send("GET", hot).statusCode());
        assertEquals(hits + 1, cache.hits(), "the hot answer is still cached");
    }

    @Test
    void optionsAnswersTheAllowedMethods_otherMethodsA405Json() throws Exception {
        HttpResponse<String> options = send("OPTIONS", "/api/1.0/releases");
        assertEquals(204, options.statusCode());
        assertEquals("GET, HEAD, OPTIONS", options.headers().firstValue("Allow").orElseThrow());
        assertEquals(
                "nosniff",
                options.headers().firstValue("X-Content-Type-Options").orElseThrow());
        for (String method : List.of("POST", "PUT", "DELETE", "BREW")) {
            HttpResponse<String> refused = send(method, "/api/1.0/releases");
            assertEquals(405, refused.statusCode(), method);
            assertEquals(
                    "GET, HEAD, OPTIONS", refused.headers().firstValue("Allow").orElseThrow());
            assertEquals(
                    "application/json;charset=utf-8",
                    refused.headers()
                            .firstValue("Content-Type")
                            .orElseThrow()
                            .replace(" ", "")
                            .toLowerCase());
            assertTrue(refused.body().startsWith("{\"error\":{\"status\":405"), refused.body());
        }
    }
}
