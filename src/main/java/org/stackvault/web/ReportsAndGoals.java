package org.stackvault.web;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.stackvault.kpi.GoalReport;
import org.stackvault.kpi.GoalScript;
import org.stackvault.kpi.Goals;
import org.stackvault.query.Queries;
import org.stackvault.query.QueryException;
import org.stackvault.vault.Vault;

/**
 * The reports whose figures the original's browser computed from the API, computed here on
 * one vault through {@link Queries}: {@code /report/contribution/<module>/<days>},
 * {@code /report/members}, {@code /report/affiliation_changes}, {@code /report/cores}, and
 * the KPI goals {@code /kpi/example} and {@code /kpi/script} ({@link Goals}). Each answers
 * its page in the dashboard's layout, or with {@code ?format=json} its figures as JSON; bad
 * input gives the HTML 400 or 404 page. {@code /kpi/script} also takes its script as a POST
 * form (a script outgrows a query string), and never loads one from another host. Thread-safe:
 * immutable collaborators.
 */
public final class ReportsAndGoals extends HttpServlet {
    static final String CONTRIBUTION = "/report/contribution";
    static final String MEMBERS = "/report/members";
    static final String AFFILIATION_CHANGES = "/report/affiliation_changes";
    static final String CORES = "/report/cores";
    static final String KPI = "/kpi";
    /** The path the KPI script form posts to; {@code api.NonApiFilter} lets POST through here only. */
    public static final String SCRIPT_PATH = KPI + "/script";
    /** The largest form body {@code /kpi/script} reads (the script itself is limited by {@link GoalScript#MAX_CHARS}). */
    static final int MAX_FORM_BYTES = 256 * 1024;

    /** The original's script on {@code /kpi/script} before anything is entered. */
    static final String DEFAULT_SCRIPT = """
            Release Juno:
              Company Mirantis:
                - top 5 by commits in official-integrated
                - less than 50% by commits in stackalytics
              Group glance-group:
                User lzy-dev:
                  - top 3 by commits
                  - top 4 by reviews in glance
                  - make 10 commits during 30 days
                  - become core
                User apevec:
                  - make 15 reviews in python-glanceclient
                  - draft 2 blueprints
                  - implement 7 blueprints
                  - send 10 emails
                Company Mirantis:
                  - top 5 by locs
            """;

    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json; charset=utf-8";

    private final transient Pages pages;
    private final transient Queries queries;
    private final transient Goals goals;
    private final transient InstantSource clock;

    private ReportsAndGoals(Pages pages, Queries queries, InstantSource clock) {
        this.pages = pages;
        this.queries = queries;
        this.goals = new Goals(queries);
        this.clock = clock;
    }

    /** Registers the reports and goal pages, rendered by {@code pages} (its layout, assets and errors). */
    static void register(ServletContext context, Pages pages, Queries queries, InstantSource clock) {
        context.addServlet("stackvault-reports-and-goals", new ReportsAndGoals(pages, queries, clock))
                .addMapping(CONTRIBUTION + "/*", MEMBERS, AFFILIATION_CHANGES, CORES, KPI + "/*");
    }

    /** A request's answer could not be given: its status and the reason, shown as text. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Pages.secure(response);
        if (pages.refusedAddress(request, response)) {
            return;
        }
        String query = request.getQueryString();
        answer(request, response, query == null ? Map.of() : form(query));
    }

    /** Only {@code /kpi/script} takes a POST: its form, read up to {@link #MAX_FORM_BYTES}. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Pages.secure(response);
        if (!SCRIPT_PATH.equals(request.getServletPath() + nullToEmpty(request.getPathInfo()))) {
            response.setHeader("Allow", "GET, HEAD");
            pages.error(request, response, 405, "This page only answers GET.");
            return;
        }
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            pages.error(request, response, 415, "Send the script as a form (application/x-www-form-urlencoded).");
            return;
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_FORM_BYTES + 1);
        }
        if (body.length > MAX_FORM_BYTES) {
            pages.error(request, response, 413, "The form is larger than " + MAX_FORM_BYTES / 1024 + " KiB.");
            return;
        }
        Map<String, String> params;
        try {
            params = new HashMap<>(form(new String(body, StandardCharsets.UTF_8)));
            String query = request.getQueryString();
            if (query != null && pages.acceptable(query)) {
                form(query).forEach(params::putIfAbsent);
            }
        } catch (IllegalArgumentException malformed) {
            pages.error(request, response, 400, "The form is not valid percent-encoded UTF-8.");
            return;
        }
        answer(request, response, params);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, Map<String, String> params)
            throws IOException {
        Vault vault = pages.readyVault(request, response); // one vault for every figure of the view
        if (vault == null) {
            return;
        }
        String format = params.getOrDefault("format", "html");
        String table = params.get("table");
        if (!format.equals("html") && !format.equals("json") && !(format.equals("csv") && table != null)) {
            pages.error(request, response, 400, "format must be html or json, or csv or json with a table.");
            return;
        }
        try {
            long now = clock.instant().getEpochSecond();
            View view = view(request, params, vault, now);
            response.setHeader("Cache-Control", "no-cache");
            if (table != null && !format.equals("html")) {
                ReportTables.send(
                        pages, request, response, ReportTables.of(view.figures()), params, vault.generation(), now);
            } else if (format.equals("json")) {
                byte[] json = JsonBlock.MAPPER.writeValueAsBytes(view.figures());
                response.setStatus(view.status());
                response.setContentType(JSON);
                response.setContentLength(json.length);
                response.getOutputStream().write(json);
            } else {
                Map<String, Object> model = new LinkedHashMap<>();
                String path = request.getContextPath() + request.getServletPath() + nullToEmpty(request.getPathInfo());
                Map<String, String> jsonQuery = new LinkedHashMap<>(params);
                jsonQuery.put("format", "json");
                model.put(
                        "frame",
                        new ReportFrame(
                                view.title(),
                                request.getContextPath(),
                                // a posted script is in no address: its JSON is posted with format=json
                                "POST".equals(request.getMethod()) ? null : PageQuery.href(path, jsonQuery),
                                vault.generation(),
                                Overview.updated(vault.runtimeStorageUpdateTime()),
                                "POST".equals(request.getMethod()) ? null : path,
                                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params))));
                model.put("page", view.figures());
                pages.render(request, response, view.status(), view.template(), model);
            }
        } catch (QueryException refused) {
            pages.error(request, response, refused.status(), refused.getMessage());
        } catch (Refusal refused) {
            pages.error(request, response, refused.status, refused.getMessage());
        }
    }

    /** A page to show: its status, title, template and figures (what {@code ?format=json} writes). */
    private record View(int status, String title, String template, Object figures) {}

    private View view(HttpServletRequest request, Map<String, String> params, Vault vault, long now) throws Refusal {
        String root = request.getContextPath();
        String info = nullToEmpty(request.getPathInfo());
        switch (request.getServletPath()) {
            case CONTRIBUTION -> {
                String[] parts = info.split("/", -1);
                if (parts.length != 3 || parts[1].isEmpty()) {
                    throw new Refusal(
                            404, "The contribution report's address is /report/contribution/<module>/<days>.");
                }
                String module = parts[1].toLowerCase(Locale.ROOT);
                int days = days(parts[2], "days", ContributionReport.MAX_DAYS);
                if (days == 0) {
                    throw new Refusal(400, "days must be a positive whole number of days.");
                }
                ContributionReport report = ContributionReport.build(queries, vault, root, module, days, now);
                return new View(
                        200,
                        "Contribution into " + module + " for the last " + days + " days",
                        "report_contribution.jte",
                        report);
            }
            case MEMBERS -> {
                String raw = params.get("days");
                int days = raw == null || raw.isEmpty() ? 7 : days(raw, "days", ContributionReport.MAX_DAYS);
                String company = params.get("company");
                company = company == null || company.isEmpty() ? null : company.toLowerCase(Locale.ROOT);
                MembersReport report = MembersReport.build(queries, vault, root, days, company, now);
                return new View(200, "Member Directory", "report_members.jte", report);
            }
            case AFFILIATION_CHANGES -> {
                AffiliationReport report =
                        AffiliationReport.build(queries, vault, root, params.get("start_days"), params.get("end_days"));
                return new View(200, "Company Affiliation Changes", "report_affiliation_changes.jte", report);
            }
            case CORES -> {
                String type = params.get("project_type");
                type = type == null || type.isEmpty() ? null : type.toLowerCase(Locale.ROOT);
                CoresReport report = CoresReport.build(queries, vault, root, type);
                return new View(200, "Cores in " + report.projectType(), "report_cores.jte", report);
            }
            case KPI -> {
                return goals(info, params, vault, now);
            }
            default -> throw new Refusal(404, "There is no such page.");
        }
    }

    private View goals(String page, Map<String, String> params, Vault vault, long now) throws Refusal {
        if ("/example".equals(page)) {
            GoalReport report = goals.example(vault, now);
            return new View(
                    200,
                    "Example of KPI report",
                    "kpi_goals.jte",
                    GoalsPage.of("Example of KPI report", null, null, report));
        }
        if (!"/script".equals(page)) {
            throw new Refusal(404, "There is no such KPI page; see /kpi/example and /kpi/script.");
        }
        if (params.get("url") != null && !params.get("url").isEmpty()) {
            throw new Refusal(
                    400,
                    "Loading a KPI script from a URL is disabled in Stackvault: the server fetches nothing"
                            + " from other hosts. Paste the script into the form instead.");
        }
        String script = params.get("script");
        if (script == null) {
            script = DEFAULT_SCRIPT;
        }
        String title = "Scripted KPI report";
        try {
            return new View(
                    200, title, "kpi_goals.jte", GoalsPage.of(title, script, null, goals.script(script, vault, now)));
        } catch (GoalScript.MalformedScriptException malformed) {
            return new View(400, title, "kpi_goals.jte", GoalsPage.of(title, script, malformed.getMessage(), null));
        }
    }

    /** A whole number of days from 0 to {@code max}. */
    private static int days(String raw, String name, int max) throws Refusal {
        if (raw.matches("\\d{1,9}")) {
            int days = Integer.parseInt(raw);
            if (days <= max) {
                return days;
            }
        }
        throw new Refusal(400, name + " must be a whole number of days up to " + max + ", not '" + raw + "'.");
    }

    /** The first value of each name in a query string or form body, decoded as UTF-8. */
    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
