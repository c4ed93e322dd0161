package org.stackvault.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The pages' own static files, read once from the class path ({@code org/stackvault/web/static/})
 * and served at {@code /static/<name>}; the pages link them with {@code ?v=} and a hash of the
 * content, so a browser may keep them a year ({@code immutable}) and a new WAR is fetched anew.
 * Thread-safe: immutable.
 */
final class Assets extends HttpServlet {
    static final String MAPPING = "/static/*";
    private static final String CACHE_FOREVER = "public, max-age=31536000, immutable";

    /** A file and the hash of its content that its address carries. */
    private record File(StaticContent content, String version) {}

    private final transient Map<String, File> files;

    private Assets(Map<String, File> files) {
        this.files = files;
    }

    static Assets load() {
        return new Assets(Map.of("stackvault.css", file("stackvault.css", "text/css; charset=utf-8")));
    }

    private static File file(String name, String contentType) {
        StaticContent content = StaticContent.resource(Assets.class, "static/" + name, contentType);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.body());
            return new File(content, HexFormat.of().formatHex(hash, 0, 6));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stylesheet's address, versioned by its content. */
    String stylesheet() {
        return "/static/stackvault.css?v=" + files.get("stackvault.css").version();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String name = request.getPathInfo();
        File file = name == null ? null : files.get(name.substring(1));
        if (file == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        file.content().send(response, CACHE_FOREVER);
    }
}
