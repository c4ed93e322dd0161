package org.stackvault.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * The pages' own static files, read once from the class path ({@code org/stackvault/web/static/})
 * and served at {@code /static/<name>}; the pages link them with {@code ?v=} and a hash of the
 * content, so a browser may keep them a year ({@code immutable}) and a new WAR is fetched anew.
 * Each file is also gzip-compressed once at load and sent so to a browser that accepts it.
 * Thread-safe: immutable.
 */
final class Assets extends HttpServlet {
    static final String MAPPING = "/static/*";
    private static final String CACHE_FOREVER = "public, max-age=31536000, immutable";
    private static final String SCRIPT = "text/javascript; charset=utf-8";
    /** Apache ECharts' own minified build, from its WebJar (pom.xml: org.webjars.npm:echarts). */
    private static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    /** A file, its gzip form and the hash of its content that its address carries. */
    private record File(StaticContent content, StaticContent gzipped, String version) {}

    private final transient Map<String, File> files;

    private Assets(Map<String, File> files) {
        this.files = files;
    }

    static Assets load() {
        return new Assets(Map.of(
                "stackvault.css", file("static/stackvault.css", "text/css; charset=utf-8"),
                "stackvault.js", file("static/stackvault.js", SCRIPT),
                "echarts.min.js", file(ECHARTS, SCRIPT),
                "favicon.svg", file("static/favicon.svg", "image/svg+xml")));
    }

    private static File file(String name, String contentType) {
        StaticContent content = StaticContent.resource(Assets.class, name, contentType);
        byte[] body = content.body();
        StaticContent gzipped =
                new StaticContent(contentType, Gzip.compress(body, 0, body.length, Deflater.BEST_COMPRESSION));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return new File(content, gzipped, HexFormat.of().formatHex(hash, 0, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String address(String name) {
        return "/static/" + name + "?v=" + files.get(name).version();
    }

    /** The stylesheet's address, versioned by its content. */
    String stylesheet() {
        return address("stackvault.css");
    }

    /** The address of the pages' own script ({@code stackvault.js}), versioned by its content. */
    String script() {
        return address("stackvault.js");
    }

    /** The address of the pages' icon, versioned by its content (so no browser asks for /favicon.ico). */
    String icon() {
        return address("favicon.svg");
    }

    /** The address of Apache ECharts, versioned by its content. */
    String charts() {
        return address("echarts.min.js");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getPathInfo();
        File file = name == null ? null : files.get(name.substring(1));
        if (file == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setHeader("Vary", Gzip.VARY);
        if (Gzip.accepted(request)) {
            response.setHeader("Content-Encoding", "gzip");
            file.gzipped().send(response, CACHE_FOREVER);
        } else {
            file.content().send(response, CACHE_FOREVER);
        }
    }
}
