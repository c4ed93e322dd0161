package org.stackvault.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.InstantSource;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.zip.Deflater;
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

    Pages(
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
     * Registers the pages, their static files and the downloads of their tables ({@link Exports}).
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
        context.addServlet(
                        "stackvault-pages",
                        new Pages(
                                holder,
                                queries,
                                clock,
                                templates,
                                assets,
                                maxQueryLength,
                                validQuery,
                                staleAfterSeconds))
                .addMapping("", Scope.CNCF.path(), Scope.UNAFFILIATED.path(), WidgetPage.PATH);
        UserTypeahead.register(context, holder, queries, clock);
        context.addServlet("stackvault-assets", assets).addMapping(Assets.MAPPING);
        Exports.register(context, holder, queries, clock, maxQueryLength, validQuery);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("X-Content-Type-Options", "nosniff");
        boolean widget = WidgetPage.PATH.equals(request.getServletPath());
        if (widget) {
            response.setHeader("Content-Security-Policy", WidgetPage.CONTENT_SECURITY_POLICY);
        }
        Scope scope = widget ? Scope.OPENSTACK : Scope.of(request.getServletPath());
        String query = request.getQueryString();
        if (scope == null) {
            error(request, response, 404, "There is no such page.");
        } else if (query != null && query.length() > maxQueryLength) {
            error(request, response, 414, "The address is too long.");
        } else if (query != null && !validQuery.test(query)) {
            error(request, response, 400, "The address is not valid percent-encoded UTF-8.");
        } else if (widget) {
            widget(request, response);
        } else {
            overview(request, response, scope);
        }
    }

    private void overview(HttpServletRequest request, HttpServletResponse response, Scope scope) throws IOException {
        long now = clock.instant().getEpochSecond();
        show(
                request,
                response,
                "overview.jte",
                vault -> Overview.build(
                        queries,
                        vault,
                        PageQuery.of(scope, request.getContextPath(), request::getParameter),
                        now,
                        staleAfterSeconds));
    }

    private void widget(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long now = clock.instant().getEpochSecond();
        show(
                request,
                response,
                "widget.jte",
                vault -> WidgetPage.build(
                        queries,
                        vault,
                        PageQuery.of(Scope.OPENSTACK, request.getContextPath(), request::getParameter),
                        request.getParameter("tab"),
                        now));
    }

    /**
     * Renders {@code template} with the page {@code build} makes from the holder's current
     * vault (read once); 503 before the first vault, the error page when the query refuses.
     */
    private void show(
            HttpServletRequest request, HttpServletResponse response, String template, Function<Vault, Object> build)
            throws IOException {
        Vault vault = holder.current();
        if (vault.generation() == 0) {
            response.setHeader("Retry-After", "10");
            error(request, response, 503, "The data is being loaded now; please try again in a moment.");
            return;
        }
        Object page;
        try {
            page = build.apply(vault);
        } catch (QueryException refused) {
            error(request, response, refused.status(), refused.getMessage());
            return;
        }
        response.setHeader("Cache-Control", "no-cache");
        render(
                request,
                response,
                200,
                template,
                Map.of(
                        "page",
                        page,
                        "css",
                        request.getContextPath() + assets.stylesheet(),
                        "script",
                        request.getContextPath() + assets.script(),
                        "charts",
                        request.getContextPath() + assets.charts(),
                        "icon",
                        request.getContextPath() + assets.icon()));
    }

    /** The error page: the status, what went wrong, and a link to the overview. */
    private void error(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        response.setHeader("Cache-Control", "no-store");
        String root = request.getContextPath();
        render(
                request,
                response,
                status,
                "error.jte",
                Map.of(
                        "status",
                        status,
                        "message",
                        message,
                        "root",
                        root + "/",
                        "css",
                        root + assets.stylesheet(),
                        "icon",
                        root + assets.icon()));
    }

    private void render(
            HttpServletRequest request,
            HttpServletResponse response,
            int status,
            String template,
            Map<String, Object> params)
            throws IOException {
        Utf8ByteOutput out = new Utf8ByteOutput();
        templates.render(template, params, out);
        response.setStatus(status);
        response.setContentType(HTML);
        response.setHeader("Vary", Gzip.VARY);
        if (out.getContentLength() > MIN_GZIP && Gzip.accepted(request)) {
            // a page's rows repeat their markup: gzip's fastest level takes a 190 KB page to
            // 26 KB in about half a millisecond (docs/ui.md, "Browser side")
            ByteArrayOutputStream body = new ByteArrayOutputStream(out.getContentLength());
            out.writeTo(body);
            byte[] gzipped = Gzip.compress(body.toByteArray(), 0, body.size(), Deflater.BEST_SPEED);
            response.setHeader("Content-Encoding", "gzip");
            response.setContentLength(gzipped.length);
            response.getOutputStream().write(gzipped);
            return;
        }
        response.setContentLength(out.getContentLength());
        out.writeTo(response.getOutputStream());
    }
}
