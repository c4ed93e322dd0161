package org.stackvault.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * gzip for the pages and their static files: whether a request accepts it, and the compressed
 * bytes. Responses that may be compressed say {@code Vary: Accept-Encoding}, so a cache keeps
 * the two forms apart.
 */
final class Gzip {
    static final String VARY = "Accept-Encoding";

    private Gzip() {}

    /**
     * Whether {@code Accept-Encoding} lists {@code gzip} (or {@code *}) with a weight above 0
     * (RFC 9110 §12.5.3); {@code gzip;q=0} refuses it.
     */
    static boolean accepted(HttpServletRequest request) {
        Enumeration<String> headers = request.getHeaders("Accept-Encoding");
        boolean accepted = false;
        while (headers != null && headers.hasMoreElements()) {
            for (String coding : headers.nextElement().split(",")) {
                String[] parts = coding.split(";");
                String name = parts[0].trim().toLowerCase(Locale.ROOT);
                if (name.equals("gzip") || name.equals("x-gzip")) {
                    return weight(parts) > 0;
                }
                if (name.equals("*")) {
                    accepted = weight(parts) > 0;
                }
            }
        }
        return accepted;
    }

    private static double weight(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String parameter = parameters[i].trim();
            if (parameter.startsWith("q=") || parameter.startsWith("Q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /** {@code body} gzip-compressed at {@code level} (a {@link Deflater} level). */
    static byte[] compress(byte[] body, int offset, int length, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 8192) {
            {
                def.setLevel(level);
            }
        }) {
            gzip.write(body, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not thrown by a byte array
        }
        return out.toByteArray();
    }
}
