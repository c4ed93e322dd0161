package org.stackvault.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket: the request line goes out byte for byte (malformed
 * escapes, raw non-UTF-8 bytes, odd methods), which no HTTP client library would send.
 */
public final class RawHttp {
    private RawHttp() {}

    /** An answer: status, headers by lower-case name (the last of each), body (de-chunked). */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Sends {@code method target HTTP/1.1} (target bytes as they are) and reads the whole answer. */
    public static Response send(int port, String method, byte[] target, Duration timeout) throws IOException {
        return send(port, method, target, "", timeout);
    }

    /**
     * {@link #send} with more header lines after {@code Host} ({@code extraHeaders}: each
     * line ending in CRLF, sent as ISO-8859-1).
     */
    public static Response send(int port, String method, byte[] target, String extraHeaders, Duration timeout)
            throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes((method + " ").getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(target);
        request.writeBytes(" HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
        request.writeBytes(extraHeaders.getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(request.toByteArray());
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    /** {@link #send} of a target given as text, each char below 256 one byte. */
    public static Response send(int port, String method, String target, Duration timeout) throws IOException {
        return send(port, method, target.getBytes(StandardCharsets.ISO_8859_1), timeout);
    }

    private static Response parse(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) {
            throw new IOException("no complete response head in " + raw.length + " bytes");
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Response(status, headers, body);
    }

    private static byte[] dechunk(byte[] chunked) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int eol = indexOf(chunked, new byte[] {'\r', '\n'}, at);
            if (eol < 0) {
                throw new IOException("truncated chunked body");
            }
            int size = Integer.parseInt(
                    new String(chunked, at, eol - at, StandardCharsets.US_ASCII).split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(chunked, eol + 2, size);
            at = eol + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
