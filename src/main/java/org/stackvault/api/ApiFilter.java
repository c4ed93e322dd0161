package org.stackvault.api;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.stackvault.cache.ResponseCache;
import org.stackvault.metrics.RequestMeters;
import org.stackvault.query.ApiRequest;
import org.stackvault.query.Endpoint;
import org.stackvault.query.PercentEncoding;
import org.stackvault.query.Queries;
import org.stackvault.query.QueryException;
import org.stackvault.query.RequestParams;
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
    /** Where the API lives in the web application. */
    static final String API_PREFIX = "/api/1.0";
    /** A JavaScript identifier of at most 64 characters, then dotted identifiers: {@code cb}, {@code jQuery1.cb_2}. */
    static final String CALLBACK_SYNTAX = "[A-Za-z_$][\\w$]{0,63}(\\.[A-Za-z_$][\\w$]*)*";

    private static final Pattern CALLBACK = Pattern.compile(CALLBACK_SYNTAX);
    static final int MAX_CALLBACK_LENGTH = 256;
    /** IMF-fixdate (RFC 9110), two-digit day: RFC_1123_DATE_TIME would print "2 Dec". */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    static final String JSON = "application/json; charset=utf-8";
    private static final String JAVASCRIPT = "application/javascript; charset=utf-8";
    private static final String ALLOW = "GET, HEAD, OPTIONS";
    static final int RETRY_AFTER_SECONDS = 5;

    private final VaultHolder holder;
    private final ResponseCache cache;
    private final Queries queries;
    private final LongSupplier nextRefreshMillis;
    private final InstantSource clock;
    private final int maxQueryLength;
    private final RequestMeters requests;

    public ApiFilter(
            VaultHolder holder,
            ResponseCache cache,
            Queries queries,
            LongSupplier nextRefreshMillis,
            InstantSource clock,
            int maxQueryLength,
            RequestMeters requests) {
        this.holder = holder;
        this.cache = cache;
        this.queries = queries;
        this.nextRefreshMillis = nextRefreshMillis;
        this.clock = clock;
        this.maxQueryLength = maxQueryLength;
        this.requests = requests;
    }

    /** An Expires value formatted once per refresh time, not once per response. */
    private record HttpDate(long millis, String text) {}

    private volatile HttpDate expires = new HttpDate(Long.MIN_VALUE, "");

    private String expires(long millis) {
        HttpDate last = expires;
        if (last.millis() != millis) {
            last = new HttpDate(millis, HTTP_DATE.format(Instant.ofEpochMilli(millis)));
            expires = last;
        }
        return last.text();
    }

    /**
     * The request as the resources see it: HEAD as the GET it stands for, so both carry the
     * same headers (and one cache entry); and no {@code Accept}, as the original answers JSON
     * whatever the client accepts — else a miss could answer 406 where a hit answers 200.
     */
    private static final class AsJsonGet extends HttpServletRequestWrapper {
        AsJsonGet(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getHeader(String name) {
            return isAccept(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return isAccept(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(AsJsonGet::isAccept);
            return Collections.enumeration(names);
        }

        private static boolean isAccept(String name) {
            return "Accept".equalsIgnoreCase(name);
        }
    }

    /**
     * Serves the request, counted in flight while it runs (so a stop lets it finish,
     * {@link VaultHolder#drain()}) and timed by endpoint and status; one that throws counts
     * as a 500.
     */
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        holder.drain().enter();
        long started = System.nanoTime();
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = pathInApi(request);
        boolean served = false;
        try {
            serve(request, response, chain, path);
            served = true;
        } finally {
            try {
                requests.record(
                        path,
                        served ? response.getStatus() : HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
                        System.nanoTime() - started);
            } finally {
                holder.drain().exit();
            }
        }
    }

    private void serve(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String path)
            throws IOException, ServletException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Access-Control-Allow-Origin", "*");
        boolean head = "HEAD".equals(request.getMethod());
        if (!head && !"GET".equals(request.getMethod())) {
            refuseMethod(request, response);
            return;
        }
        ApiError refused = refusedQuery(request);
        if (refused != null) {
            error(response, refused, head);
            return;
        }
        if ("/health".equals(path)) {
            health(request, response, chain, head);
            return;
        }
        Vault vault = holder.current();
        if (vault.generation() == 0) {
            error(
                    response,
                    new ApiError(
                            503,
                            "no data loaded yet from " + holder.sourceDescription()
                                    + (holder.lastError() == null ? "" : ": " + holder.lastError()),
                            null),
                    head);
            return;
        }
        RequestParams params = request::getParameter;
        request.setAttribute(VAULT_ATTRIBUTE, vault);
        request.setAttribute(EndpointResources.PARAMS, params);
        ApiRequest parsed;
        try {
            parsed = parse(queries, path, params, vault);
        } catch (QueryException refusedValue) {
            error(
                    response,
                    new ApiError(refusedValue.status(), refusedValue.getMessage(), refusedValue.parameter()),
                    head);
            return;
        }
        String key = parsed == null ? null : parsed.cacheKey();
        byte[] body = key == null ? null : cache.get(key);
        if (body == null) {
            request.setAttribute(EndpointResources.PARSED, parsed);
            body = answer(request, response, chain, parsed, key, head);
            if (body == null) {
                return;
            }
        }
        respond(response, body, callback(request), head);
    }

    /** OPTIONS: 204 with the methods allowed; any other method but GET and HEAD: 405. */
    static void refuseMethod(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Allow", ALLOW);
        if ("OPTIONS".equals(request.getMethod())) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } else {
            error(response, new ApiError(405, "only " + ALLOW + " are allowed", null), false);
        }
    }

    /** Why the query string or the callback cannot be read, or null when they can. */
    private ApiError refusedQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query != null && query.length() > maxQueryLength) {
            return new ApiError(414, "query string longer than " + maxQueryLength + " characters", null);
        }
        if (query != null && !isValidUtf8Query(query)) {
            return new ApiError(400, "query string is not valid percent-encoded UTF-8", null);
        }
        String callback = callback(request);
        if (callback != null
                && (callback.length() > MAX_CALLBACK_LENGTH
                        || !CALLBACK.matcher(callback).matches())) {
            return new ApiError(
                    400,
                    "callback must be a JavaScript identifier path like cb or a.b_1, at most " + MAX_CALLBACK_LENGTH
                            + " characters",
                    "callback");
        }
        return null;
    }

    /** The JSONP callback; null for none (the original: an empty callback is no JSONP). */
    private static String callback(HttpServletRequest request) {
        String callback = request.getParameter("callback");
        return callback == null || callback.isEmpty() ? null : callback;
    }

    /** The health check answers in every state, never cached, never JSONP. */
    private static void health(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain, boolean head)
            throws IOException, ServletException {
        CapturedResponse captured = capture(request, response, chain);
        response.setHeader("Cache-Control", "no-store");
        write(response, captured.getStatus(), JSON, captured.body(), head);
    }

    /**
     * The request value of the endpoint {@code path} (below {@value #API_PREFIX}, as sent)
     * names exactly, or null for a path that is not one: percent-encoded literals, path
     * parameters, a trailing slash (Jersey answers those on its own, uncached).
     *
     * @throws QueryException when the parameters do not validate
     */
    static ApiRequest parse(Queries queries, String path, RequestParams params, Vault vault) {
        if (path == null || !path.startsWith("/") || path.indexOf(';') >= 0) {
            return null;
        }
        Endpoint<?> endpoint = Endpoint.of(path.substring(1));
        if (endpoint == null) {
            return null;
        }
        String id = null;
        if (endpoint.hasId()) {
            id = PercentEncoding.decode(path.substring(path.lastIndexOf('/') + 1));
            if (id == null) {
                return null;
            }
        }
        return queries.parse(endpoint, id, params, vault);
    }

    /**
     * Computes the answer through Jersey and caches it under {@code key} when it answers
     * {@code parsed} itself; writes an error and returns null when Jersey answered one.
     */
    private byte[] answer(
            HttpServletRequest request,
            HttpServletResponse response,
            FilterChain chain,
            ApiRequest parsed,
            String key,
            boolean head)
            throws IOException, ServletException {
        CapturedResponse captured = capture(request, response, chain);
        byte[] body = captured.body();
        if (captured.getStatus() != HttpServletResponse.SC_OK) {
            // every error Jersey answers is the ErrorMapper's JSON
            response.setHeader("Cache-Control", "no-store");
            retryAfterWhenUnavailable(response, captured.getStatus());
            write(response, captured.getStatus(), JSON, body, head);
            return null;
        }
        if (parsed != null && request.getAttribute(EndpointResources.ANSWERED) == parsed) {
            cache.offer(key, parsed.vault().generation(), body);
        }
        return body;
    }

    private static CapturedResponse capture(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        CapturedResponse captured = new CapturedResponse(response);
        chain.doFilter(new AsJsonGet(request), captured);
        return captured;
    }

    /** The request path below {@value #API_PREFIX} as sent (percent-encoded), or null if it is not spelled so. */
    private static String pathInApi(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int from = request.getContextPath().length();
        return uri.startsWith(API_PREFIX, from) ? uri.substring(from + API_PREFIX.length()) : null;
    }

    private void respond(HttpServletResponse response, byte[] json, String callback, boolean head) throws IOException {
        long next = nextRefreshMillis.getAsLong();
        long maxAge = Math.max(0, (next - clock.millis()) / 1000);
        response.setHeader("Cache-Control", "public, max-age=" + maxAge);
        response.setHeader("Expires", expires(next));
        if (callback == null) {
            write(response, HttpServletResponse.SC_OK, JSON, json, head);
            return;
        }
        // "/**/" keeps the body from starting with attacker-chosen bytes (Rosetta Flash)
        ByteArrayOutputStream wrapped = new ByteArrayOutputStream(json.length + callback.length() + 8);
        wrapped.writeBytes(("/**/" + callback + "(").getBytes(StandardCharsets.US_ASCII));
        wrapped.writeBytes(json);
        wrapped.writeBytes(");".getBytes(StandardCharsets.US_ASCII));
        write(response, HttpServletResponse.SC_OK, JAVASCRIPT, wrapped.toByteArray(), head);
    }

    /** Status, type and length; the body unless the request is a HEAD. */
    static void write(HttpServletResponse response, int status, String contentType, byte[] body, boolean head)
            throws IOException {
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }

    /** A JSON error (also the body of the container's own errors, see {@link ErrorServlet}). */
    static void error(HttpServletResponse response, ApiError error, boolean head) throws IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        retryAfterWhenUnavailable(response, error.status());
        write(response, error.status(), JSON, error.toJson(), head);
    }

    /** Every 503 (no data yet, memcached not answering a request's read) says when to try again. */
    private static void retryAfterWhenUnavailable(HttpServletResponse response, int status) {
        if (status == HttpServletResponse.SC_SERVICE_UNAVAILABLE) {
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
    }

    /**
     * Percent-escapes must be complete and decode to valid UTF-8. Raw bytes that were not
     * UTF-8 reach us as U+FFFD (the container's replacement), so that character is refused.
     */
    static boolean isValidUtf8Query(String query) {
        return query.indexOf('\uFFFD') < 0 && PercentEncoding.decode(query) != null;
    }
}
