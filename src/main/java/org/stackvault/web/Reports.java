package org.stackvault.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.stackvault.export.Table;
import org.stackvault.query.ApiRequest;
import org.stackvault.query.Endpoint;
import org.stackvault.query.FullRecordQuery;
import org.stackvault.query.Link;
import org.stackvault.query.Param;
import org.stackvault.query.PercentEncoding;
import org.stackvault.query.Queries;
import org.stackvault.query.QueryException;
import org.stackvault.query.RecordFilter;
import org.stackvault.query.RequestParams;
import org.stackvault.query.Selection;
import org.stackvault.report.LargeCommits;
import org.stackvault.report.OpenReviews;
import org.stackvault.report.PunchCard;
import org.stackvault.report.RecordLookup;
import org.stackvault.report.SinglePlusTwo;
import org.stackvault.vault.Vault;

/**
 * The reports under {@code /report/}: activity, users, companies, blueprint, record, open
 * reviews (HTML, or their figures with {@code ?format=json}), the JSON reports large commits
 * and single +2 reviews, and a 404 page for the DriverLog, which is not part of Stackvault.
 * Any other {@code /report/...} path is the HTML 404 page (the KPI reports have their own,
 * longer mappings). Path segments are decoded from the raw request URI, so a name holding an
 * escaped {@code /} is one segment. Each view reads one vault. Thread-safe: immutable
 * collaborators.
 */
final class Reports extends HttpServlet {
    static final String MAPPING = "/report/*";
    private static final String PREFIX = "/report/";
    /** The original's {@code report_default_limit}. */
    static final int DEFAULT_LIMIT = 5;

    private static final String ALL = "all";

    private final transient Pages pages;
    private final transient Queries queries;
    private final transient InstantSource clock;
    private final transient ObjectMapper json;

    Reports(Pages pages, Queries queries, InstantSource clock) {
        this.pages = pages;
        this.queries = queries;
        this.clock = clock;
        this.json = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        // JSON answers and the pages' script blocks alike: no < > & ' in the text (JsonBlock)
        this.json.getFactory().setCharacterEscapes(new JsonBlock.HtmlSafe());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Pages.secure(response);
        if (pages.refusedAddress(request, response)) {
            return;
        }
        List<String> path = segments(request);
        if (path == null) {
            pages.error(request, response, 400, "The address is not valid percent-encoded UTF-8.");
            return;
        }
        if (path.equals(List.of("driverlog"))) {
            pages.error(
                    request,
                    response,
                    404,
                    "The DriverLog (vendor drivers) report is not part of Stackvault: it showed an external"
                            + " service's data, not the contribution records.");
            return;
        }
        Vault vault = pages.readyVault(request, response);
        if (vault == null) {
            return;
        }
        try {
            route(request, response, vault, path);
        } catch (QueryException refused) {
            pages.error(request, response, refused.status(), refused.getMessage());
        }
    }

    private void route(HttpServletRequest request, HttpServletResponse response, Vault vault, List<String> path)
            throws IOException {
        String first = path.isEmpty() ? "" : path.get(0);
        int n = path.size();
        if (n == 1 && first.equals("activity")) {
            activity(request, response, vault);
        } else if (n == 2 && first.equals("users")) {
            user(request, response, vault, path.get(1));
        } else if (n == 2 && first.equals("companies")) {
            company(request, response, vault, path.get(1));
        } else if (n == 3 && first.equals("blueprint")) {
            blueprint(request, response, vault, path.get(1), path.get(2));
        } else if (n >= 2 && first.equals("record")) {
            record(request, response, vault, String.join("/", path.subList(1, n)));
        } else if (n == 3 && first.equals("reviews") && path.get(2).equals("open")) {
            openReviews(request, response, vault, path.get(1));
        } else if (n == 1 && first.equals("large_commits")) {
            largeCommits(request, response, vault);
        } else if (n == 1 && first.equals("single_plus_two_reviews")) {
            singlePlusTwo(request, response, vault);
        } else {
            pages.error(request, response, 404, "There is no such report.");
        }
    }

    /**
     * The decoded segments after {@code /report/}, from the raw URI (a segment's {@code ;}
     * parameters dropped, as containers do); null when an escape is not UTF-8.
     */
    static List<String> segments(HttpServletRequest request) {
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        String rest = raw.startsWith(PREFIX) ? raw.substring(PREFIX.length()) : "";
        List<String> segments = new ArrayList<>();
        for (String segment : rest.split("/", -1)) {
            int parameters = segment.indexOf(';');
            String decoded = PercentEncoding.decode(parameters < 0 ? segment : segment.substring(0, parameters));
            if (decoded == null) {
                return null;
            }
            segments.add(decoded);
        }
        if (segments.size() > 1 && segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1); // a trailing slash
        }
        return segments;
    }

    // --- the HTML reports ------------------------------------------------------------------

    private void activity(HttpServletRequest request, HttpServletResponse response, Vault vault) throws IOException {
        RequestParams params = request::getParameter;
        ActivityLog log = log(request, vault, params);
        if (fragment(request, response, log)) {
            return;
        }
        page(request, response, vault, "reportActivity.jte", new Report.ActivityPage("Activity log", log));
    }

    private void user(HttpServletRequest request, HttpServletResponse response, Vault vault, String userId)
            throws IOException {
        RequestParams all = everything("user_id", userId);
        Map<String, Object> user =
                queries.answer(Endpoint.USER, userId, all, vault).user();
        String id = String.valueOf(user.get("id"));
        String name = user.get("text") == null ? id : String.valueOf(user.get("text"));
        person(request, response, vault, "user", id, name, profile(request, user), everything("user_id", id));
    }

    private void company(HttpServletRequest request, HttpServletResponse response, Vault vault, String company)
            throws IOException {
        RequestParams all = everything("company", company);
        String name = queries.answer(Endpoint.COMPANY, company, RequestParams.NONE, vault)
                .company()
                .text();
        person(request, response, vault, "company", company, name, null, all);
    }

    private void person(
            HttpServletRequest request,
            HttpServletResponse response,
            Vault vault,
            String kind,
            String id,
            String name,
            Report.Profile profile,
            RequestParams all)
            throws IOException {
        List<Overview.Figure> contribution = Overview.figures(
                queries.answer(Endpoint.CONTRIBUTION, null, all, vault).contribution());
        ActivityLog log = log(request, vault, all);
        if (fragment(request, response, log)) {
            return;
        }
        PunchCard punchCard = kind.equals("user") ? PunchCard.ofUser(vault, id) : PunchCard.ofCompany(vault, id);
        Report.PersonPage page =
                new Report.PersonPage(kind, id, name, profile, contribution, punchCard, log, downloads(request));
        if (isDownload(request)) {
            download(
                    request,
                    response,
                    vault,
                    Map.of(
                            "punch-card",
                            ReportTables.table(punchCard.cells(), PunchCard.Cell.class),
                            "contribution",
                            ReportTables.table(contribution, Overview.Figure.class)));
            return;
        }
        if (wantsJson(request)) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put(kind.equals("user") ? "user_id" : "company", id);
            figures.put("name", name);
            figures.put("profile", profile);
            figures.put("contribution", contribution);
            figures.put("punch_card", punchCard.cells());
            figures.put("activity", log);
            json(response, figures);
            return;
        }
        page(request, response, vault, "reportPerson.jte", page);
    }

    private Report.Profile profile(HttpServletRequest request, Map<String, Object> user) {
        String overview = request.getContextPath() + "/";
        String company = null;
        String companyHref = null;
        if (user.get("company_link") instanceof Link link) {
            company = link.title();
            companyHref = overview + link.uri();
        }
        List<Report.Field> ids = new ArrayList<>();
        for (String[] field : new String[][] {
            {"launchpad_id", "Launchpad"}, {"gerrit_id", "Gerrit"}, {"github_id", "GitHub"}, {"zanata_id", "Zanata"}
        }) {
            Object value = user.get(field[0]);
            if (value instanceof Collection<?> values && !values.isEmpty()) {
                ids.add(new Report.Field(
                        field[1],
                        String.join(", ", values.stream().map(String::valueOf).toList())));
            } else if (value != null
                    && !(value instanceof Collection<?>)
                    && !String.valueOf(value).isEmpty()) {
                ids.add(new Report.Field(field[1], String.valueOf(value)));
            }
        }
        List<String> coreIn = new ArrayList<>();
        if (user.get("core") instanceof Collection<?> core) {
            for (Object role : core) {
                Object module = role instanceof List<?> pair && !pair.isEmpty() ? pair.get(0) : null;
                if (module != null && !coreIn.contains(String.valueOf(module))) {
                    coreIn.add(String.valueOf(module));
                }
            }
        }
        return new Report.Profile(company, companyHref, List.copyOf(ids), List.copyOf(coreIn));
    }

    private void blueprint(
            HttpServletRequest request, HttpServletResponse response, Vault vault, String module, String name)
            throws IOException {
        RecordLookup.Found found = RecordLookup.blueprint(vault, module, name);
        if (found == null) {
            throw QueryException.notFound("There is no blueprint '" + name + "' in '" + module + "'.");
        }
        RequestParams all = everything("blueprint_id", RecordLookup.blueprintId(module, name));
        ActivityLog log = log(request, vault, all);
        if (fragment(request, response, log)) {
            return;
        }
        String overview = request.getContextPath() + "/";
        ActivityLog.Entry card = single(vault, found, overview, request.getContextPath());
        Map<?, ?> bp = found.record();
        List<Report.Field> fields = new ArrayList<>();
        fields.add(new Report.Field("Status", ActivityLog.text(bp.get("lifecycle_status"))));
        fields.add(new Report.Field("Priority", ActivityLog.text(bp.get("priority"))));
        fields.add(new Report.Field("Definition Status", ActivityLog.text(bp.get("definition_status"))));
        fields.add(new Report.Field("Implementation Status", ActivityLog.text(bp.get("implementation_status"))));
        fields.add(new Report.Field(
                "Direction", Boolean.TRUE.equals(bp.get("direction_approved")) ? "Approved" : "Needs Approval"));
        fields.add(new Report.Field("Registered On", card == null ? null : card.date()));
        if (bp.get("mention_count") instanceof Number count && count.longValue() > 0) {
            String last = card != null && card.body() instanceof ActivityLog.Blueprint b ? b.mentionDate() : null;
            fields.add(new Report.Field("Popularity", "mentioned " + count + " times, last on " + last));
        }
        String url = ActivityLog.external(bp.get("web_link"));
        if (url == null) {
            url = "https://blueprints.launchpad.net/" + PercentEncoding.encodeSegment(module) + "/+spec/"
                    + PercentEncoding.encodeSegment(name);
        }
        Report.BlueprintPage page = new Report.BlueprintPage(
                ActivityLog.text(bp.get("title")),
                name,
                url,
                module,
                card == null ? null : card.moduleHref(),
                List.copyOf(fields),
                card == null ? null : card.author(),
                ActivityLog.external(bp.get("specification_url")),
                ActivityLog.emptyToNull(ActivityLog.text(bp.get("summary"))),
                ActivityLog.emptyToNull(ActivityLog.text(bp.get("whiteboard"))),
                log);
        if (wantsJson(request)) {
            json(response, page);
            return;
        }
        page(request, response, vault, "reportBlueprint.jte", page);
    }

    private void record(HttpServletRequest request, HttpServletResponse response, Vault vault, String primaryKey)
            throws IOException {
        RecordLookup.Found found = RecordLookup.byPrimaryKey(vault, primaryKey);
        ActivityLog.Entry entry =
                found == null ? null : single(vault, found, request.getContextPath() + "/", request.getContextPath());
        if (entry == null) {
            throw QueryException.notFound("There is no record '" + primaryKey + "'.");
        }
        Report.RecordPage page = new Report.RecordPage(primaryKey, entry);
        if (wantsJson(request)) {
            json(response, page);
            return;
        }
        page(request, response, vault, "reportRecord.jte", page);
    }

    /** One found record as the activity log extends and shows it (null when it cannot be shown, as a mark without its review). */
    private ActivityLog.Entry single(Vault vault, RecordLookup.Found found, String overview, String contextPath) {
        ApiRequest request = queries.parse(Endpoint.ACTIVITY, null, everything(null, null), vault);
        List<Map<String, Object>> records = FullRecordQuery.activity(
                vault, Selection.ofRows(new int[] {found.row()}, vault), 0, 1, null, request.links());
        return records.isEmpty()
                ? null
                : ActivityLog.entries(vault, records, overview, contextPath).get(0);
    }

    private void openReviews(HttpServletRequest request, HttpServletResponse response, Vault vault, String module)
            throws IOException {
        int limit = limit(request.getParameter("limit"));
        OpenReviews figures = OpenReviews.of(
                vault, module.toLowerCase(Locale.ROOT), clock.instant().getEpochSecond(), limit);
        if (figures == null) {
            throw QueryException.unknown("module", module);
        }
        if (wantsJson(request) && request.getParameter("table") == null) {
            json(response, figures);
            return;
        }
        List<Report.WaitSection> sections = List.of(
                new Report.WaitSection(
                        "reviewer-latest",
                        "Change requests waiting for reviewers since the last vote or mark",
                        "No change requests waiting for reviewers",
                        true,
                        figures.reviewerSinceLastVote()),
                new Report.WaitSection(
                        "reviewer-first",
                        "Change requests waiting for reviewers since the creation date",
                        null,
                        false,
                        figures.reviewerSinceCreation()),
                new Report.WaitSection(
                        "submitter-latest",
                        "Change requests waiting for submitters since the last vote or mark",
                        "No change requests waiting for submitters",
                        true,
                        figures.submitterSinceLastVote()),
                new Report.WaitSection(
                        "submitter-first",
                        "Change requests waiting for submitters since the creation date",
                        null,
                        false,
                        figures.submitterSinceCreation()));
        if (isDownload(request)) {
            Map<String, Table> tables = new LinkedHashMap<>();
            for (Report.WaitSection section : sections) {
                if (section.figures() != null) {
                    tables.put(
                            section.id(), ReportTables.table(section.figures().oldest(), OpenReviews.OpenReview.class));
                    List<Report.AgeCount> ages = new ArrayList<>();
                    List<Long> counts = section.figures().countByAgeInDays();
                    for (int day = 0; day < counts.size(); day++) {
                        if (counts.get(day) > 0) {
                            ages.add(new Report.AgeCount(day, counts.get(day)));
                        }
                    }
                    tables.put(section.id() + "-ages", ReportTables.table(ages, Report.AgeCount.class));
                }
            }
            download(request, response, vault, tables);
            return;
        }
        page(
                request,
                response,
                vault,
                "reportOpenReviews.jte",
                new Report.OpenReviewsPage(figures, limit, sections, downloads(request)));
    }

    /** The original's {@code limit}: default {@link #DEFAULT_LIMIT}, negative for all. */
    private static int limit(String raw) {
        if (raw == null || raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw QueryException.malformed("limit", "limit must be a whole number (-1 for all)");
        }
    }

    // --- the JSON reports ------------------------------------------------------------------

    private void largeCommits(HttpServletRequest request, HttpServletResponse response, Vault vault)
            throws IOException {
        String raw = request.getParameter("loc_threshold");
        long threshold;
        try {
            threshold = raw == null || raw.isEmpty() ? LargeCommits.DEFAULT_THRESHOLD : Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw QueryException.malformed("loc_threshold", "loc_threshold must be a whole number");
        }
        ApiRequest parsed = queries.parse(Endpoint.ACTIVITY, null, request::getParameter, vault);
        Selection rows = RecordFilter.select(vault, parsed.filter(), parsed.now());
        json(response, Map.of("commits", LargeCommits.of(vault, rows, threshold)));
    }

    private void singlePlusTwo(HttpServletRequest request, HttpServletResponse response, Vault vault)
            throws IOException {
        ApiRequest parsed = queries.parse(Endpoint.ACTIVITY, null, request::getParameter, vault);
        Selection rows = RecordFilter.select(vault, parsed.filter().without(Set.of(Param.METRIC)), parsed.now());
        json(response, Map.of("data", SinglePlusTwo.of(vault, rows)));
    }

    // --- shared ----------------------------------------------------------------------------

    /**
     * The filters of the original's report logs ({@code project_type=all&release=all&metric=all})
     * and one more, when {@code name} is not null.
     */
    private static RequestParams everything(String name, String value) {
        return param -> switch (param) {
            case "project_type", "release", "metric" -> ALL;
            default -> param.equals(name) ? value : null;
        };
    }

    /** The activity log page the request asks for ({@code start_record}), More leading to the next one. */
    private ActivityLog log(HttpServletRequest request, Vault vault, RequestParams params) {
        int start = ActivityLog.startRecord(request.getParameter("start_record"));
        String contextPath = request.getContextPath();
        return ActivityLog.build(
                queries, vault, params, start, contextPath + "/", contextPath, next -> pageAt(request, next));
    }

    /**
     * This report from record {@code start}: its path (the decoded segments encoded again) and
     * its parameters, each re-encoded, with {@code start_record} replaced and no
     * {@code fragment}.
     */
    static String pageAt(HttpServletRequest request, int start) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            String name = e.getKey();
            if (!name.equals("start_record") && !name.equals("fragment") && e.getValue().length > 0) {
                params.put(name, e.getValue()[0]);
            }
        }
        params.put("start_record", Integer.toString(start));
        StringBuilder path = new StringBuilder(request.getContextPath()).append(PREFIX);
        List<String> segments = segments(request);
        for (int i = 0; segments != null && i < segments.size(); i++) {
            path.append(i == 0 ? "" : "/").append(PercentEncoding.encodeSegment(segments.get(i)));
        }
        return PageQuery.href(path.toString(), params);
    }

    /** With {@code fragment=1}: answers only the log's items and next More link, and true. */
    private boolean fragment(HttpServletRequest request, HttpServletResponse response, ActivityLog log)
            throws IOException {
        if (!"1".equals(request.getParameter("fragment"))) {
            return false;
        }
        response.setHeader("Cache-Control", "no-cache");
        pages.render(request, response, 200, "activityItems.jte", Map.of("log", log));
        return true;
    }

    /** A table's rows asked for: {@code format=csv}, or {@code format=json} with a {@code table}. */
    private static boolean isDownload(HttpServletRequest request) {
        String format = request.getParameter("format");
        return "csv".equals(format) || ("json".equals(format) && request.getParameter("table") != null);
    }

    private void download(
            HttpServletRequest request, HttpServletResponse response, Vault vault, Map<String, Table> tables)
            throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : request.getParameterMap().entrySet()) {
            if (e.getValue().length > 0) {
                params.put(e.getKey(), e.getValue()[0]);
            }
        }
        if (!params.containsKey("table")) {
            pages.error(
                    request, response, 400, "A download names its table: table=" + String.join("|", tables.keySet()));
            return;
        }
        ReportTables.send(
                pages,
                request,
                response,
                tables,
                params,
                vault.generation(),
                clock.instant().getEpochSecond());
    }

    /** Where this view's tables download: the same report and parameters with format and table. */
    private static DownloadLinks downloads(HttpServletRequest request) {
        return (table, format) -> {
            String page = pageAt(request, 0);
            return page + "&format=" + format + "&table=" + PercentEncoding.encodeSegment(table);
        };
    }

    private static boolean wantsJson(HttpServletRequest request) {
        return "json".equals(request.getParameter("format"));
    }

    private void page(
            HttpServletRequest request, HttpServletResponse response, Vault vault, String template, Object page)
            throws IOException {
        if (wantsJson(request)) {
            json(response, page);
            return;
        }
        response.setHeader("Cache-Control", "no-cache");
        Function<Object, JsonBlock> toJson = value -> JsonBlock.of(value, json.writer());
        pages.render(
                request,
                response,
                200,
                template,
                Map.of(
                        "page",
                        page,
                        "root",
                        request.getContextPath(),
                        "json",
                        toJson,
                        "generation",
                        vault.generation(),
                        "updated",
                        Overview.updated(vault.runtimeStorageUpdateTime())));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void json(HttpServletResponse response, Object value) throws IOException {
        byte[] body = toJson(value).getBytes(StandardCharsets.UTF_8);
        response.setHeader("Cache-Control", "no-cache");
        response.setStatus(200);
        response.setContentType("application/json; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
