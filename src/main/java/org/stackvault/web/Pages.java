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
import org.stackvault.query.Queries;
import org.stackvault.query.QueryException;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultHolder;

/**
 * The overview pages {@code /}, {@code /cncf} and {@code /unaffiliated}: each view reads the
 * holder's current vault once and builds all of its numbers from that vault through
 * {@link Queries}, so they equal what {@code /api/1.0} answers for the same filters; an
 * unknown filter value gives the HTML 404 page, a malformed one the HTML 400 page. Every page
 * carries {@link #CONTENT_SECURITY_POLICY}. Thread-safe: immutable collaborators.
 */
public final class Pages extends HttpServlet {
    /**
     * This origin only: the stylesheet (and later the scripts and charts) from the WAR, no
     * inline script or style, no plugins, no framing, forms back to this origin.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; object-src 'none'; base-uri 'none';" + " form-action 'self'; frame-ancestors 'self'";

    private static final String HTML = "text/html; charset=utf-8";

    private final transient VaultHolder holder;
    private final transient Queries queries;
    private final transient InstantSource clock;
    private final transient TemplateEngine templates;
    private final transient Assets assets;
    private final int maxQueryLength;
    private final transient Predicate<String> validQuery;

    Pages(
            VaultHolder holder,
            Queries queries,
            InstantSource clock,
            TemplateEngine templates,
            Assets assets,
            int maxQueryLength,
            Predicate<String> validQuery) {
        this.holder = holder;
        this.queries = queries;
        this.clock = clock;
        this.templates = templates;
        this.assets = assets;
        this.maxQueryLength = maxQueryLength;
        this.validQuery = validQuery;
    }

    /**
     * Registers the pages, the reports ({@link Reports}, {@code /report/*}) and their static files.
     *
     * @param validQuery whether a raw query string is complete, valid percent-encoded UTF-8
     */
    public static void register(
            ServletContext context,
            VaultHolder holder,
            Queries queries,
            InstantSource clock,
            int maxQueryLength,
            Predicate<String> validQuery) {
        TemplateEngine templates = TemplateEngine.createPrecompiled(
                null, ContentType.Html, Pages.class.getClassLoader(), "org.stackvault.web");
        Assets assets = Assets.load();
        Pages pages = new Pages(holder, queries, clock, templates, assets, maxQueryLength, validQuery);
        context.addServlet("stackvault-pages", pages).addMapping("", Scope.CNCF.path(), Scope.UNAFFILIATED.path());
        context.addServlet("stackvault-reports", new Reports(pages, queries, clock))
                .addMapping(Reports.MAPPING);
        context.addServlet("stackvault-assets", assets).addMapping(Assets.MAPPING);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        secure(response);
        Scope scope = Scope.of(request.getServletPath());
        if (scope == null) {
            error(request, response, 404, "There is no such page.");
        } else if (!refusedAddress(request, response)) {
            overview(request, response, scope);
        }
    }

    /** The headers of every page and error page: the CSP, no referrer to other sites, no sniffing. */
    static void secure(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Content-Type-Options", "nosniff");
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
            page = Overview.build(queries, vault, query, now);
            activity = ActivityLog.ofOverview(queries, vault, query, now, request.getParameter("start_record"));
        } catch (QueryException refused) {
            error(request, response, refused.status(), refused.getMessage());
            return;
        }
        response.setHeader("Cache-Control", "no-cache");
        if (activity != null && "1".equals(request.getParameter("fragment"))) {
            render(response, 200, "activityItems.jte", Map.of("log", activity));
            return;
        }
        Map<String, Object> params = new HashMap<>(Map.of("page", page, "css", css(request)));
        params.put("activity", activity);
        render(response, 200, "overview.jte", params);
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

    /** The stylesheet's address for {@code request}'s application. */
    String css(HttpServletRequest request) {
        return request.getContextPath() + assets.stylesheet();
    }

    /** The error page: the status, what went wrong, and a link to the overview. */
    void error(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String root = request.getContextPath();
        render(
                response,
                status,
                "error.jte",
                Map.of("status", status, "message", message, "root", root + "/", "css", root + assets.stylesheet()));
    }

    void render(HttpServletResponse response, int status, String template, Map<String, Object> params)
            throws IOException {
        Utf8ByteOutput out = new Utf8ByteOutput();
        templates.render(template, params, out);
        response.setStatus(status);
        response.setContentType(HTML);
        response.setContentLength(out.getContentLength());
        out.writeTo(response.getOutputStream());
    }
}
