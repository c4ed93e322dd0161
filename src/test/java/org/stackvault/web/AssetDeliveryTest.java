package org.stackvault.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
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
 * How the pages' scripts and stylesheet reach a browser, through a real embedded Jetty: linked
 * from the page with a hash of their content, cached for a year, deferred, and sent gzipped
 * (files and pages) only to a browser that accepts it.
 */
class AssetDeliveryTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static TestServer server;
    private static Path dump;

    @BeforeAll
    static void start() throws Exception {
        TestStore store = new TestStore(DumpStorage.empty("asset test"))
                .referenceData()
                .user("john_doe", "John Doe", "IBM", "john_doe@ibm.com");
        TestRecords.Builder[] commits = new TestRecords.Builder[40];
        for (int i = 0; i < commits.length; i++) {
            commits[i] = TestRecords.commit().company("Company " + i).user("user" + i, "User Number " + i);
        }
        dump = store.load(commits).writeDump(Files.createTempFile("asset-test", ".pickle"));
        server = TestServer.startReady(Map.of("dump", dump.toString(), "refresh-interval", "600"));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Files.deleteIfExists(dump);
    }

    private static HttpResponse<byte[]> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(pathAndQuery));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    private static List<String> scripts() throws Exception {
        Document page = Jsoup.parse(new String(get("/").body(), StandardCharsets.UTF_8));
        return page.select("head script[src]").stream()
                .peek(script -> assertTrue(script.hasAttr("defer"), script.outerHtml()))
                .map(script -> script.attr("src"))
                .toList();
    }

    @Test
    void page_loadsEChartsThenItsOwnScript_deferred_fromTheWar() throws Exception {
        List<String> scripts = scripts();

        assertEquals(2, scripts.size(), scripts.toString());
        assertTrue(scripts.get(0).startsWith("/static/echarts.min.js?v="), scripts.get(0));
        assertTrue(scripts.get(1).startsWith("/static/stackvault.js?v="), scripts.get(1));
    }

    @Test
    void scriptAddress_carriesTheHashOfItsContent_andIsCachedForAYear() throws Exception {
        for (String src : scripts()) {
            HttpResponse<byte[]> script = get(src);

            assertEquals(200, script.statusCode(), src);
            assertTrue(script.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
            assertEquals(
                    "public, max-age=31536000, immutable",
                    script.headers().firstValue("Cache-Control").orElseThrow());
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(script.body());
            assertEquals(HexFormat.of().formatHex(hash).substring(0, 12), src.substring(src.indexOf("?v=") + 3), src);
        }
    }

    @Test
    void icon_isLinkedFromPagesAndErrorPages_soNoBrowserAsksForFaviconIco() throws Exception {
        for (String path : List.of("/", "/?release=nothing")) {
            String href = Jsoup.parse(new String(get(path).body(), StandardCharsets.UTF_8))
                    .select("link[rel=icon]")
                    .attr("href");
            HttpResponse<byte[]> icon = get(href);

            assertTrue(href.startsWith("/static/favicon.svg?v="), path + ": " + href);
            assertEquals(200, icon.statusCode());
            assertEquals(
                    "image/svg+xml", icon.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(new String(icon.body(), StandardCharsets.UTF_8).startsWith("<svg"));
        }
    }

    @Test
    void echarts_isTheWebJarsMinifiedBuild() throws Exception {
        byte[] served = get(scripts().get(0)).body();
        int fromJar = 0;
        for (java.net.URL copy : java.util.Collections.list(getClass()
                .getClassLoader()
                .getResources("META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js"))) {
            try (InputStream in = copy.openStream()) {
                assertArrayEquals(in.readAllBytes(), served, copy.toString());
            }
            fromJar += copy.getProtocol().equals("jar") ? 1 : 0;
        }
        assertEquals(1, fromJar, "compared with the WebJar itself");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"script", "stylesheet", "page"})
    void gzip_isSentOnlyWhenAccepted_andUnpacksToTheSameBytes(String what) throws Exception {
        String path = switch (what) {
            case "script" -> scripts().get(1);
            case "stylesheet" ->
                Jsoup.parse(new String(get("/").body(), StandardCharsets.UTF_8))
                        .select("link[rel=stylesheet]")
                        .attr("href");
            default -> "/?release=all&metric=commits";
        };
        HttpResponse<byte[]> plain = get(path);
        HttpResponse<byte[]> gzipped = get(path, "Accept-Encoding", "br, gzip;q=0.8");
        HttpResponse<byte[]> refused = get(path, "Accept-Encoding", "gzip;q=0, identity");

        assertEquals(200, plain.statusCode());
        assertFalse(plain.headers().firstValue("Content-Encoding").isPresent(), path);
        assertFalse(refused.headers().firstValue("Content-Encoding").isPresent(), path);
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null), path);
        for (HttpResponse<byte[]> response : List.of(plain, gzipped, refused)) {
            assertEquals(
                    "Accept-Encoding", response.headers().firstValue("Vary").orElse(null), path);
        }
        assertEquals(
                gzipped.body().length,
                Long.parseLong(gzipped.headers().firstValue("Content-Length").orElseThrow()));
        assertTrue(gzipped.body().length < plain.body().length / 2, path + ": " + gzipped.body().length);
        byte[] unpacked = gunzip(gzipped.body());
        if (what.equals("page")) { // the generation and the data are the same; nothing else varies
            assertEquals(
                    new String(plain.body(), StandardCharsets.UTF_8), new String(unpacked, StandardCharsets.UTF_8));
        } else {
            assertArrayEquals(plain.body(), unpacked);
        }
    }

    @Test
    void unknownStaticFile_is404_andTheErrorPageIsNotCompressedBeyondUse() throws Exception {
        assertEquals(404, get("/static/nothing.js", "Accept-Encoding", "gzip").statusCode());
        HttpResponse<byte[]> error = get("/?release=nothing", "Accept-Encoding", "gzip");

        assertEquals(404, error.statusCode());
        byte[] body =
                "gzip".equals(error.headers().firstValue("Content-Encoding").orElse(null))
                        ? gunzip(error.body())
                        : error.body();
        Element heading = Jsoup.parse(new String(body, StandardCharsets.UTF_8)).selectFirst("h1");
        assertTrue(heading != null && heading.text().contains("404"), new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void aPageTheBrowserHolds_isRevalidatedWithA304_andAnotherPageIsNot() throws Exception {
        HttpResponse<byte[]> first = get("/?release=all&metric=commits", "Accept-Encoding", "gzip");
        String tag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(tag.startsWith("W/\""), tag);

        HttpResponse<byte[]> again = get("/?release=all&metric=commits", "If-None-Match", tag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        assertEquals(tag, again.headers().firstValue("ETag").orElse(null));

        HttpResponse<byte[]> other = get("/?release=all&metric=loc", "If-None-Match", tag);
        assertEquals(200, other.statusCode(), "other figures, other bytes: the page itself");
        assertNotEquals(tag, other.headers().firstValue("ETag").orElse(null));
        HttpResponse<byte[]> stale = get("/?release=all&metric=commits", "If-None-Match", "W/\"0-0\"");
        assertEquals(200, stale.statusCode());
        assertTrue(stale.body().length > 0);
        HttpResponse<byte[]> missing = get("/?release=no-such-release", "If-None-Match", tag);
        assertEquals(404, missing.statusCode(), "errors are never revalidated");
        assertFalse(missing.headers().firstValue("ETag").isPresent());
    }
}
