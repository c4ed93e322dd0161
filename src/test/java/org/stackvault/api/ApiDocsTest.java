package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stackvault.testing.RunningServer;

/**
 * Swagger UI at {@code /api/docs}, through the real server: the page and every file it
 * loads come from this server under a Content-Security-Policy allowing nothing else and
 * no inline script, and the page starts on {@code /api/openapi.json}.
 */
class ApiDocsTest {
    @RegisterExtension
    static final RunningServer SERVER = new RunningServer(Map.of("refresh-interval", "3600"));

    private static final Pattern ATTRIBUTE = Pattern.compile("\\s(?:src|href)=\"([^\"]*)\"");
    private static final Pattern CSS_URL = Pattern.compile("url\\(\\s*['\"]?([^'\")]*)");
    /** A reference to another host: a scheme or a scheme-relative {@code //host}. */
    private static final Pattern OTHER_HOST = Pattern.compile("^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)");

    private static HttpResponse<String> get(String path) throws Exception {
        HttpResponse<String> response = SERVER.server().get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        assertEquals(
                ApiDocsServlet.CONTENT_SECURITY_POLICY,
                response.headers().firstValue("Content-Security-Policy").orElse(null),
                path);
        assertEquals(
                "nosniff",
                response.headers().firstValue("X-Content-Type-Options").orElse(null),
                path);
        return response;
    }

    @Test
    void contentSecurityPolicy_allowsThisServerOnly_andNoInlineScript() {
        String csp = ApiDocsServlet.CONTENT_SECURITY_POLICY;
        assertTrue(csp.startsWith("default-src 'self';"), csp);
        assertFalse(csp.contains("unsafe"), csp);
        assertFalse(csp.contains("http"), csp);
        assertFalse(csp.contains("script-src"), "scripts fall back to default-src 'self': " + csp);
    }

    @Test
    void page_andEveryFileItLoads_comeFromThisServer() throws Exception {
        HttpResponse<String> page = get("/api/docs");
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = page.body();
        assertFalse(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(html).find(), "no inline script: " + html);
        assertFalse(
                Pattern.compile("<style|\\sstyle=|\\son[a-z]+=").matcher(html).find(), "no inline style or handler");

        List<String> loaded = new ArrayList<>();
        Matcher attribute = ATTRIBUTE.matcher(html);
        while (attribute.find()) {
            loaded.add(attribute.group(1));
        }
        assertEquals(6, loaded.size(), "styles, icons, scripts: " + loaded);
        URI base = SERVER.server().uri("/api/docs");
        for (String reference : loaded) {
            assertFalse(OTHER_HOST.matcher(reference).find(), reference);
            String path = base.resolve(reference).getPath();
            HttpResponse<String> file = get(path);
            if (path.endsWith(".css")) {
                Matcher url = CSS_URL.matcher(file.body());
                while (url.find()) {
                    String target = url.group(1);
                    assertTrue(
                            target.startsWith("data:")
                                    || !OTHER_HOST.matcher(target).find(),
                            path + ": " + target);
                }
            }
        }
        assertTrue(loaded.contains("docs/swagger-ui-bundle.js"), "Swagger UI from the WebJar: " + loaded);
    }

    @Test
    void initializer_startsOnThisServersDescription_andNoValidatorHost() throws Exception {
        String initializer = get("/api/docs/initializer.js").body();
        Matcher url = Pattern.compile("url: \"([^\"]+)\"").matcher(initializer);
        assertTrue(url.find(), initializer);
        String description =
                SERVER.server().uri("/api/docs").resolve(url.group(1)).getPath();
        assertEquals(OpenApiServlet.PATH, description);
        assertEquals(200, SERVER.server().get(description).statusCode());
        assertTrue(initializer.contains("validatorUrl: null"), "Swagger UI's validator badge calls another host");
        assertFalse(initializer.contains("http"), initializer);
    }

    @Test
    void otherFiles_andTheWebJarsOwnPath_areNotServed_andTheSlashRedirectsToThePage() throws Exception {
        HttpResponse<String> unknown = SERVER.server().get("/api/docs/index.html");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("\"status\":404"), unknown.body());
        assertEquals(
                404, SERVER.server().get("/api/docs/swagger-initializer.js").statusCode());
        HttpResponse<String> upstream = SERVER.server().get("/webjars/swagger-ui/5.35.0/index.html");
        assertEquals(404, upstream.statusCode(), "the WebJar's own page, with its inline script");
        assertTrue(upstream.body().contains("\"status\":404"), upstream.body());
        HttpResponse<String> slash = SERVER.server().get("/api/docs/");
        assertEquals(302, slash.statusCode());
        assertEquals(
                "/api/docs",
                URI.create(slash.headers().firstValue("Location").orElseThrow()).getPath());
    }
}
