package org.stackvault.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.stackvault.cache.ResponseCache;
import org.stackvault.query.Queries;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultHolder;

/**
 * The pipeline around every {@code /api/1.0/*} request: input checks, the one vault the
 * request reads, the response cache, JSONP and the original's caching and CORS headers.
 *
 * <p>It is a servlet filter, not a Jersey filter, so that a cache hit is answered without
 * entering Jersey at all (see docs/architecture.md). Thread-safe: the only mutable field is
 * a volatile memo of an immutable value.
 */
public final class ApiFilter implements Filter {
    /** Request attribute holding the {@link Vault} the request reads from start to end. */
    public static final String VAULT_ATTRIBUTE = "org.stackvault.vault";
    private static final Pattern CALLBACK = Pattern.compile("^[A-Za-z_$][\\w$]{0,63}(\\.[A-Za-z_$][\\w$]{0,63}){0,7}$");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final String JSON = "application/json; charset=utf-8";
    private static final String JAVASCRIPT = "application/javascript; charset=utf-8";
    private static final List<String> KEY_PARAMETERS = Queries.knownParameters();
    private static final int RETRY_AFTER_SECONDS = 5;

    private final VaultHolder holder;
    private final ResponseCache cache;
    private final LongSupplier nextRefreshMillis;
    private final LongSupplier clockMillis;
    private final int maxQueryLength;

    public ApiFilter(VaultHolder holder, ResponseCache cache, LongSupplier nextRefreshMillis, LongSupplier clockMillis,
            int maxQueryLength) {
        this.holder = holder;
        this.cache = cache;
        this.nextRefreshMillis = nextRefreshMillis;
        this.clockMillis = clockMillis;
        this.maxQueryLength = maxQueryLength;
    }

    private static boolean isPlainAscii(String query) {
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%' || c > 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** An Expires value formatted once per refresh time, not once per response. */
    private record HttpDate(long millis, String text) {
    }

    private volatile HttpDate expires = new HttpDate(Long.MIN_VALUE, "");

    private String expires(long millis) {
        HttpDate last = expires;
        if (last.millis() != millis) {
            last = new HttpDate(millis, HTTP_DATE.format(Instant.ofEpochMilli(millis)));
            expires = last;
        }
        return last.text();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Access-Control-Allow-Origin", "*");

        String query = request.getQueryString();
        if (query != null && query.length() > maxQueryLength) {
            error(response, new ApiError(414, "query string longer than " + maxQueryLength + " characters", null));
            return;
        }
        if (query != null && !isValidUtf8Query(query)) {
            error(response, new ApiError(400, "query string is not valid percent-encoded UTF-8", null));
            return;
        }
        String callback = request.getParameter("callback");
        if (callback != null && !CALLBACK.matcher(callback).matches()) {
            error(response, new ApiError(400, "callback must be a JavaScript identifier path like cb or a.b_1", "callback"));
            return;
        }
        if (isHealth(request)) {
            chain.doFilter(request, response); // answers in every state, never cached
            return;
        }
        Vault vault = holder.current();
        if (vault.generation() == 0) {
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            error(response, new ApiError(503, "no data loaded yet from " + holder.sourceDescription()
                    + (holder.lastError() == null ? "" : ": " + holder.lastError()), null));
            return;
        }
        request.setAttribute(VAULT_ATTRIBUTE, vault);

        boolean cacheable = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        String key = cacheable ? cacheKey(vault, request) : null;
        byte[] body = key == null ? null : cache.get(key);
        if (body == null) {
            CapturedResponse captured = new CapturedResponse(response);
            chain.doFilter(request, captured);
            body = captured.body();
            if (captured.getStatus() != HttpServletResponse.SC_OK) {
                response.setStatus(captured.getStatus());
                response.setContentType(captured.getContentType() == null ? JSON : captured.getContentType());
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
                return;
            }
            if (key != null) {
                cache.put(key, body);
            }
        }
        respond(response, body, callback);
    }

    private void respond(HttpServletResponse response, byte[] json, String callback) throws IOException {
        long next = nextRefreshMillis.getAsLong();
        long maxAge = Math.max(0, (next - clockMillis.getAsLong()) / 1000);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setHeader("Cache-Control", "public, max-age=" + maxAge);
        response.setHeader("Expires", expires(next));
        byte[] body = json;
        if (callback != null) {
            // "/**/" keeps the body from starting with attacker-chosen bytes (Rosetta Flash)
            ByteArrayOutputStream wrapped = new ByteArrayOutputStream(json.length + callback.length() + 8);
            wrapped.writeBytes(("/**/" + callback + "(").getBytes(StandardCharsets.US_ASCII));
            wrapped.writeBytes(json);
            wrapped.writeBytes(");".getBytes(StandardCharsets.US_ASCII));
            body = wrapped.toByteArray();
            response.setContentType(JAVASCRIPT);
        } else {
            response.setContentType(JSON);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static boolean isHealth(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length()).equals("/api/1.0/health");
    }

    static void error(HttpServletResponse response, ApiError error) throws IOException {
        byte[] body = error.toJson();
        response.setStatus(error.status());
        response.setContentType(JSON);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Generation, path, and the first value of each parameter an endpoint reads; nothing else. */
    private static String cacheKey(Vault vault, HttpServletRequest request) {
        StringBuilder key = new StringBuilder(96).append(vault.generation()).append(' ')
                .append(request.getRequestURI().substring(request.getContextPath().length()));
        for (String name : KEY_PARAMETERS) {
            String value = request.getParameter(name);
            if (value != null) {
                key.append('&').append(name).append('=').append(value.length()).append(':').append(value);
            }
        }
        return key.toString();
    }

    /** Percent-escapes must be complete and decode to valid UTF-8. */
    static boolean isValidUtf8Query(String query) {
        if (isPlainAscii(query)) {
            return true;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length()) {
                    return false;
                }
                int hi = Character.digit(query.charAt(i + 1), 16);
                int lo = Character.digit(query.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return false;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c > 0x7f) {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            } else {
                bytes.write(c);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
