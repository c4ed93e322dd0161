package org.stackvault.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import org.stackvault.query.Queries;
import org.stackvault.query.QueryException;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultHolder;

/**
 * The overview pages {@code /}, {@code /cncf}, {@code /unaffiliated} and the embeddable
 * {@code /widget}: each view reads the holder's current vault once and builds all of its
 * numbers from that vault through {@link Queries}, so they equal what {@code /api/1.0} answers
 * for the same filters; an unknown filter value gives the HTML 404 page, a malformed one the
 * HTML 400 page. It is also the one place every HTML answer of the dashboard is rendered
 * ({@link #render}, {@link #error}): the reports and goals use it, so every page carries
 * {@link #CONTENT_SECURITY_POLICY}, the same assets and the same compression. Thread-safe:
 * immutable collaborators.
 */
public final class Pages extends HttpServlet {
    /**
     * This origin only: the stylesheet, the scripts and the charts from the WAR, no inline
     * script or style, no plugins, no framing, forms back to this origin.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; object-src 'none'; base-uri 'none';" + " form-action 'self'; frame-ancestors 'self'";

    private static final String HTML = "text/html; charset=utf-8";
    /** Below this many bytes a page goes out as it is: gzip would save less than a packet. */
    private static final int MIN_GZIP = 1400;

    private final transient VaultHolder holder;
    private final transient Queries queries;
    private final transient InstantSource clock;
    private final transient TemplateEngine templates;
    private final transient Assets assets;
    private final int maxQueryLength;
    private final transient Predicate<String> validQuery;
    private final long staleAfterSeconds;

    private Pages(
            VaultHolder holder,
            Queries queries,
            InstantSource clock,
            TemplateEngine templates,
            Assets assets,
            int maxQueryLength,
            Predicate<String> validQuery,
            long staleAfterSeconds) {
        this.holder = holder;
        this.queries = queries;
        this.clock = clock;
        this.templates = templates;
        this.assets = assets;
        this.maxQueryLength = maxQueryLength;
        this.validQuery = validQuery;
        this.staleAfterSeconds = staleAfterSeconds;
    }

    /**
     * Registers every servlet of the dashboard: the pages, the reports ({@link Reports},
     * {@code /report/*}), the reports and goals computed from the API's answers
     * ({@link ReportsAndGoals}), the contributor type-ahead, the downloads of the tables
     * ({@link Exports}) and the static files.
     *
     * @param validQuery whether a raw query string is complete, valid percent-encoded UTF-8
     * @param staleAfterSeconds data older than this gets the "last updated on" banner
     */
    public static void register(
            ServletContext context,
            VaultHolder holder,
            Queries queries,
            InstantSource clock,
            int maxQueryLength,
            Predicate<String> validQuery,
            long staleAfterSeconds) {
        TemplateEngine templates = TemplateEngine.createPrecompiled(
                null, ContentType.Html, Pages.class.getClassLoader(), "org.stackvault.web");
        Assets assets = Assets.load();
        Pages pages =
                new Pages(holder, queries, clock, templates, assets, maxQueryLength, validQuery, staleAfterSeconds);
        context.addServlet("stackvault-pages", pages)
                .addMapping("", Scope.CNCF.path(), Scope.UNAFFILIATED.path(), WidgetPage.PATH);
        context.addServlet("stackvault-reports", new Reports(pages, queries, clock))
                .addMapping(Reports.MAPPING);
        ReportsAndGoals.register(context, pages, queries, clock);
        UserTypeahead.register(context, holder, queries, clock);
        context.addServlet("stackvault-assets", assets).addMapping(Assets.MAPPING);
        Exports.register(context, holder, queries, clock, maxQueryLength, validQuery);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        secure(response);
        boolean widget = WidgetPage.PATH.equals(request.getServletPath());
        if (widget) {
            response.setHeader("Content-Security-Policy", WidgetPage.CONTENT_SECURITY_POLICY);
        }
        Scope scope = widget ? Scope.OPENSTACK : Scope.of(request.getServletPath());
        if (scope == null) {
            error(request, response, 404, "There is no such page.");
        } else if (refusedAddress(request, response)) {
            return;
        } else if (widget) {
            widget(request, response);
        } else {
            overview(request, response, scope);
        }
    }

    /** The headers of every page and error page: the CSP, no referrer to other sites, no sniffing. */
    static void secure(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    /** Whether a raw query string is short enough and valid percent-encoded UTF-8. */
    boolean acceptable(String query) {
        return query.length() <= maxQueryLength && validQuery.test(query);
    }

    /** Answers the error page and true when the query string is too long or not percent-encoded UTF-8. */
    boolean refusedAddress(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String query = request.getQueryString();
        if (query != null && query.length() > maxQueryLength) {
            error(request, response, 414, "The address is too long.");
            return true;
        }
        if (query != null && !validQuery.test(query)) {
            error(request, response, 400, "The address is not valid percent-encoded UTF-8.");
            return true;
        }
        return false;
    }

    private void overview(HttpServletRequest request, HttpServletResponse response, Scope scope) throws IOException {
        Vault vault = readyVault(request, response);
        if (vault == null) {
            return;
        }
        Overview page;
        ActivityLog activity;
        try {
            PageQuery query = PageQuery.of(scope, request.getContextPath(), request::getParameter);
            long now = clock.instant().getEpochSecond();
            page = Overview.build(queries, vault, query, now, staleAfterSeconds);
            activity = ActivityLog.ofOverview(queries, vault, query, now, request.getParameter("start_record"));
        } catch (QueryException refused) {
            error(request, response, refused.status(), refused.getMessage());
            return;
        }
        response.setHeader("Cache-Control", "no-cache");
        if (activity != null && "1".equals(request.getParameter("fragment"))) {
            render(request, response, 200, "activityItems.jte", Map.of("log", activity));
            return;
        }
        Map<String, Object> params = new HashMap<>(Map.of("page", page));
        params.put("activity", activity);
        render(request, response, 200, "overview.jte", params);
    }

    private void widget(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Vault vault = readyVault(request, response);
        if (vault == null) {
            return;
        }
        WidgetPage page;
        try {
            page = WidgetPage.build(
                    queries,
                    vault,
                    PageQuery.of(Scope.OPENSTACK, request.getContextPath(), request::getParameter),
                    request.getParameter("tab"),
                    clock.instant().getEpochSecond());
        } catch (QueryException refused) {
            error(request, response, refused.status(), refused.getMessage());
            return;
        }
        response.setHeader("Cache-Control", "no-cache");
        render(request, response, 200, "widget.jte", Map.of("page", page));
    }

    /** The current vault, or null after answering 503 when the first one is not built yet. */
    Vault readyVault(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Vault vault = holder.current();
        if (vault.generation() == 0) {
            response.setHeader("Retry-After", "10");
            error(request, response, 503, "The data is being loaded now; please try again in a moment.");
            return null;
        }
        return vault;
    }

    /** The error page: the status, what went wrong, and a link to the overview. */
    void error(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        response.setHeader("Cache-Control", "no-store");
        render(
                request,
                response,
                status,
                "error.jte",
                Map.of("status", status, "message", message, "root", request.getContextPath() + "/"));
    }

    /**
     * Renders {@code template} with {@code params} and the addresses of the WAR's stylesheet,
     * scripts and icon ({@code css}, {@code script}, {@code charts}, {@code icon}; a template
     * declares those it links), gzipped when the client accepts it and the page is big enough.
     */
    void render(
            HttpServletRequest request,
            HttpServletResponse response,
            int status,
            String template,
            Map<String, Object> params)
            throws IOException {
        Map<String, Object> all = new HashMap<>(params);
        String root = request.getContextPath();
        all.put("css", root + assets.stylesheet());
        all.put("script", root + assets.script());
        all.put("charts", root + assets.charts());
        all.put("icon", root + assets.icon());
        Utf8ByteOutput out = new Utf8ByteOutput();
        templates.render(template, all, out);
        byte[] body = out.toByteArray();
        response.setContentType(HTML);
        response.setHeader("Vary", Gzip.VARY);
        if (status == 200) {
            // the page is rendered anew each time (its figures, its clock), but a browser that
            // already holds these very bytes gets a 304 instead of them again
            String tag = entityTag(body);
            response.setHeader("ETag", tag);
            if (tag.equals(request.getHeader("If-None-Match"))) {
                response.setStatus(304);
                return;
            }
        }
        response.setStatus(status);
        if (body.length > MIN_GZIP && Gzip.accepted(request)) {
            // a page's rows repeat their markup: gzip's fastest level takes a 190 KB page to
            // 26 KB in about half a millisecond (docs/ui.md, "Browser side")
            byte[] gzipped = Gzip.compress(body, 0, body.length, Deflater.BEST_SPEED);
            response.setHeader("Content-Encoding", "gzip");
            response.setContentLength(gzipped.length);
            response.getOutputStream().write(gzipped);
            return;
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * A weak validator of a page's bytes: their length and CRC-32C (a cache check, not a
     * security one; weak because the gzipped and plain forms share it).
     */
    static String entityTag(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        return "W/\"" + Integer.toHexString(body.length) + "-" + Long.toHexString(crc.getValue()) + "\"";
    }
}
