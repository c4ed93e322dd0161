package org.stackvault.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A body served as it is, with its media type: the pages' stylesheet, the API description
 * and the files of the API browser. Immutable (nobody writes the array after construction).
 */
public record StaticContent(String contentType, byte[] body) {
    /** The class-path resource {@code name}, absolute or relative to {@code anchor}'s package. */
    public static StaticContent resource(Class<?> anchor, String name, String contentType) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new StaticContent(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 200 with the body, {@code nosniff} and {@code cacheControl}; a HEAD's body is dropped by the servlet. */
    public void send(HttpServletResponse response, String cacheControl) throws IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", cacheControl);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
