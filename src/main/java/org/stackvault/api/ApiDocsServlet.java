package org.stackvault.api;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.stackvault.web.StaticContent;

/**
 * {@code GET /api/docs}: Swagger UI over {@code /api/openapi.json}, from the WAR (the
 * {@code org.webjars:swagger-ui} jar), under a Content-Security-Policy that allows nothing
 * but this server's own files: the page and its initializer are ours, as Swagger UI's
 * index.html initializes inline. Only the files the page needs are served, and none at
 * the containers' {@code /webjars/} path. Thread-safe: immutable.
 */
public final class ApiDocsServlet extends HttpServlet {
    public static final String PATH = "/api/docs";
    /** Scripts, styles, fetches and frames from this origin only; Swagger UI's styles embed data: images. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none';"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";
    /** Where the containers serve the files of the WebJars in WEB-INF/lib. */
    static final String WEBJARS = "/webjars/*";

    private static final String OWN = "docs/";
    private static final String CSS = "text/css; charset=utf-8";
    private static final String SCRIPT = "text/javascript; charset=utf-8";
    private static final String PNG = "image/png";

    private final StaticContent page;
    /** The page's files by name (below {@value #PATH}/). */
    private final Map<String, StaticContent> files;

    ApiDocsServlet(StaticContent page, Map<String, StaticContent> files) {
        this.page = page;
        this.files = Map.copyOf(files);
    }

    /** Reads the page and its files from the class path and serves them at {@value #PATH}. */
    static void register(ServletContext context) {
        String webjar = WEBJAR + swaggerUiVersion() + "/";
        Map<String, StaticContent> files = new LinkedHashMap<>();
        files.put("swagger-ui.css", StaticContent.resource(ApiDocsServlet.class, webjar + "swagger-ui.css", CSS));
        files.put("index.css", StaticContent.resource(ApiDocsServlet.class, webjar + "index.css", CSS));
        files.put(
                "swagger-ui-bundle.js",
                StaticContent.resource(ApiDocsServlet.class, webjar + "swagger-ui-bundle.js", SCRIPT));
        files.put("favicon-32x32.png", StaticContent.resource(ApiDocsServlet.class, webjar + "favicon-32x32.png", PNG));
        files.put("favicon-16x16.png", StaticContent.resource(ApiDocsServlet.class, webjar + "favicon-16x16.png", PNG));
        files.put("initializer.js", StaticContent.resource(ApiDocsServlet.class, OWN + "initializer.js", SCRIPT));
        StaticContent page =
                StaticContent.resource(ApiDocsServlet.class, OWN + "index.html", "text/html; charset=utf-8");
        // Tomcat and Jetty would serve the WebJar's own files (META-INF/resources) at /webjars/…,
        // its index.html too, with an inline script and another host's description: not here
        context.addServlet("stackvault-api-docs", new ApiDocsServlet(page, files))
                .addMapping(PATH, PATH + "/*", WEBJARS);
    }

    /** The version of the Swagger UI WebJar on the class path, as its Maven metadata says. */
    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in =
                ApiDocsServlet.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the org.webjars:swagger-ui jar is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "no-referrer");
        String name = request.getPathInfo();
        if (!PATH.equals(request.getServletPath())) {
            ApiFilter.error(response, new ApiError(404, "no such resource", null), false);
        } else if (name == null) {
            page.send(response, "no-cache");
        } else if (name.equals("/")) {
            response.sendRedirect(request.getContextPath() + PATH);
        } else {
            StaticContent file = files.get(name.substring(1));
            if (file == null) {
                ApiFilter.error(response, new ApiError(404, "no such file", null), false);
            } else {
                file.send(response, "public, max-age=86400");
            }
        }
    }
}
