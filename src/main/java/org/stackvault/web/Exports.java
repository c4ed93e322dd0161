package org.stackvault.web;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.stackvault.export.Csv;
import org.stackvault.export.JsonRows;
import org.stackvault.export.Table;
import org.stackvault.export.Tables;
import org.stackvault.query.Endpoint;
import org.stackvault.query.Queries;
import org.stackvault.query.QueryException;
import org.stackvault.query.RequestParams;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultHolder;

/**
 * Downloads of the API's tables: {@code /export/<endpoint path>.csv} and {@code .json} for
 * every endpoint of {@link Endpoint#ALL} whose answer holds a table ({@link Tables#answer}),
 * but those in {@link #NOT_TABULAR}. The request is parsed and answered as {@code /api/1.0}
 * does (the same parameters, one vault), so the rows are the API's rows for the same filters,
 * all of them; a refused filter answers the API's JSON error. The file's name says the view,
 * the filters and the day; headers say the vault generation ({@value #GENERATION}) and the
 * filters ({@value #FILTERS}), the CSV holds only the table. Thread-safe: immutable
 * collaborators.
 */
final class Exports extends HttpServlet {
    static final String MAPPING = "/export/*";
    /** The vault generation the rows come from. */
    static final String GENERATION = "X-Stackvault-Generation";
    /** The filters the rows depend on, as a percent-encoded query string. */
    static final String FILTERS = "X-Stackvault-Filters";

    /** The endpoints that answer one thing, not a table, and why: they are not exported. */
    static final Map<Endpoint<?>, String> NOT_TABULAR = Map.of(
            Endpoint.COMPANY, "one company's name, not a table",
            Endpoint.MODULE, "one module group with its modules, shown on its own page",
            Endpoint.USER, "one user's profile, shown on its own page");

    /** The export link of each page section that has one, by the section's id. */
    private static final Map<String, Endpoint<?>> SECTIONS = Map.of(
            "companies", Endpoint.STATS_COMPANIES,
            "modules", Endpoint.STATS_MODULES,
            "engineers", Endpoint.STATS_ENGINEERS,
            "blueprints", Endpoint.STATS_BP,
            "languages", Endpoint.STATS_LANGUAGES,
            "timeline", Endpoint.STATS_TIMELINE,
            "contribution", Endpoint.CONTRIBUTION);

    /** The formats, by file extension. */
    enum Format {
        CSV("csv", Csv.MEDIA_TYPE),
        JSON("json", JsonRows.MEDIA_TYPE);

        private final String extension;
        private final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        String extension() {
            return extension;
        }
    }

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** The longest file name before its extension: file systems take 255 bytes. */
    private static final int MAX_NAME = 150;

    private final transient VaultHolder holder;
    private final transient Queries queries;
    private final transient InstantSource clock;
    private final transient Tables tables;
    private final transient Map<String, Endpoint<?>> byPath;
    private final int maxQueryLength;
    private final transient Predicate<String> validQuery;

    private Exports(
            VaultHolder holder,
            Queries queries,
            InstantSource clock,
            Tables tables,
            Map<String, Endpoint<?>> byPath,
            int maxQueryLength,
            Predicate<String> validQuery) {
        this.holder = holder;
        this.queries = queries;
        this.clock = clock;
        this.tables = tables;
        this.byPath = byPath;
        this.maxQueryLength = maxQueryLength;
        this.validQuery = validQuery;
    }

    /**
     * Registers {@code /export/*}.
     *
     * @throws IllegalStateException when an endpoint holds no table and is not in {@link #NOT_TABULAR}
     */
    static void register(
            ServletContext context,
            VaultHolder holder,
            Queries queries,
            InstantSource clock,
            int maxQueryLength,
            Predicate<String> validQuery) {
        Tables tables = Tables.of(
                Endpoint.ALL.stream().<Class<?>>map(Endpoint::answerType).toList());
        Map<String, Endpoint<?>> byPath = new LinkedHashMap<>();
        for (Endpoint<?> endpoint : exported()) {
            if (!tables.tabular(endpoint.answerType())) {
                throw new IllegalStateException("the answer of " + endpoint
                        + " holds no table: make it one, or list it in Exports.NOT_TABULAR");
            }
            byPath.put(endpoint.path(), endpoint);
        }
        context.addServlet(
                        "stackvault-exports",
                        new Exports(holder, queries, clock, tables, Map.copyOf(byPath), maxQueryLength, validQuery))
                .addMapping(MAPPING);
    }

    /** The endpoints exported, in the table's order. */
    static List<Endpoint<?>> exported() {
        return Endpoint.ALL.stream().filter(e -> !NOT_TABULAR.containsKey(e)).toList();
    }

    /**
     * The link of a page section's download in {@code format} ({@code csv} or {@code json});
     * null when the section (by its id) has no download.
     */
    static String href(PageQuery query, String section, String format) {
        Endpoint<?> endpoint = SECTIONS.get(section);
        return endpoint == null ? null : href(query, endpoint, format);
    }

    /**
     * The link of {@code endpoint}'s download in {@code format} ({@code csv} or {@code json})
     * for a page: the page's filters, those it fixes and its default project type, so the file
     * holds the rows the page shows.
     */
    static String href(PageQuery query, Endpoint<?> endpoint, String format) {
        Map<String, String> params = new LinkedHashMap<>(query.values());
        params.putAll(query.scope().fixed());
        if (query.scope().defaultProjectType() != null) {
            params.putIfAbsent("project_type", query.scope().defaultProjectType());
        }
        String extension = Format.valueOf(format.toUpperCase(Locale.ROOT)).extension();
        return PageQuery.href(query.contextPath() + "/export/" + endpoint.path() + "." + extension, params);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        String path = request.getPathInfo();
        int dot = path == null ? -1 : path.lastIndexOf('.');
        Endpoint<?> endpoint = dot < 1 ? null : byPath.get(path.substring(1, dot));
        Format format = dot < 1 ? null : format(path.substring(dot + 1));
        String query = request.getQueryString();
        if (endpoint == null || format == null) {
            error(response, 404, "no such export; exports are /export/<API endpoint>.csv or .json", null);
        } else if (query != null && query.length() > maxQueryLength) {
            error(response, 414, "query string longer than " + maxQueryLength + " characters", null);
        } else if (query != null && !validQuery.test(query)) {
            error(response, 400, "query string is not valid percent-encoded UTF-8", null);
        } else {
            export(request, response, endpoint, format);
        }
    }

    private static Format format(String extension) {
        for (Format format : Format.values()) {
            if (format.extension.equals(extension)) {
                return format;
            }
        }
        return null;
    }

    private void export(HttpServletRequest request, HttpServletResponse response, Endpoint<?> endpoint, Format format)
            throws IOException {
        Vault vault = holder.current();
        if (vault.generation() == 0) {
            response.setHeader("Retry-After", "10");
            error(response, 503, "the data is being loaded now; please try again in a moment", null);
            return;
        }
        long now = clock.instant().getEpochSecond();
        Table table;
        try {
            RequestParams params = params(request, now);
            table = tables.answer((Record) queries.answer(queries.parse(endpoint, null, params, vault)));
        } catch (QueryException refused) {
            error(response, refused.status(), refused.getMessage(), refused.parameter());
            return;
        }
        Map<String, String> filters = filters(endpoint, request);
        send(response, table, format, endpoint.path().replace('/', '-'), filters, vault.generation(), now);
    }

    /**
     * Sends {@code table} as a download (the reports' tables too): 200, the media type, the
     * file name ({@code stackvault_<view>_<filters>_<day>}) and the generation and filter headers.
     *
     * @param view    names the table in the file name (letters, digits, {@code - _})
     * @param filters the parameters the rows depend on, in order
     */
    static void send(
            HttpServletResponse response,
            Table table,
            Format format,
            String view,
            Map<String, String> filters,
            long generation,
            long nowSeconds)
            throws IOException {
        String name = fileName(view, filters, nowSeconds) + "." + format.extension;
        response.setStatus(200);
        response.setContentType(format.mediaType);
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader(
                "Content-Disposition", "attachment; filename=" + ascii(name) + "; filename*=UTF-8''" + rfc5987(name));
        response.setHeader(GENERATION, Long.toString(generation));
        response.setHeader(FILTERS, PageQuery.href("", filters).replaceFirst("^\\?", ""));
        OutputStream out = response.getOutputStream();
        if (format == Format.CSV) {
            Csv.write(table, out);
        } else {
            JsonRows.write(table, out);
        }
    }

    /**
     * The request's parameters as the API reads them, and {@code date=N} of the pages (N days
     * back from now) as the {@code start_date} when none is given, as the pages read it.
     */
    private static RequestParams params(HttpServletRequest request, long now) {
        String date = request.getParameter("date");
        String startDate = request.getParameter("start_date");
        if (date == null || date.isEmpty() || (startDate != null && !startDate.isEmpty())) {
            return request::getParameter;
        }
        String fromDate = PageQuery.of(Scope.OPENSTACK, "", name -> "date".equals(name) ? date : null)
                .requestParams(now)
                .first("start_date");
        return name -> "start_date".equals(name) ? fromDate : request.getParameter(name);
    }

    /** The given parameters the rows depend on, in the endpoint's order, and {@code date}. */
    private static Map<String, String> filters(Endpoint<?> endpoint, HttpServletRequest request) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : endpoint.reads().parameterNames()) {
            String value = request.getParameter(name);
            if (value != null && !value.isEmpty()) {
                filters.put(name, value);
            }
            if ("start_date".equals(name) && (value == null || value.isEmpty())) {
                String date = request.getParameter("date");
                if (date != null && !date.isEmpty()) {
                    filters.put("date", date);
                }
            }
        }
        return filters;
    }

    /**
     * {@code stackvault_<view>_<name>-<value>…_<day>}, with {@code _} for what file systems
     * refuse and for control and format characters (a right-to-left override would show
     * "evil", U+202E, "txt.exe" as "evilexe.txt").
     */
    static String fileName(String view, Map<String, String> filters, long nowSeconds) {
        StringBuilder name = new StringBuilder("stackvault_").append(view);
        filters.forEach((k, v) -> name.append('_').append(k).append('-').append(v));
        String day = DAY.format(Instant.ofEpochSecond(nowSeconds));
        String safe = name.toString().replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}/\\\\:*?\"<>|]", "_");
        int end = safe.offsetByCodePoints(0, Math.min(safe.codePointCount(0, safe.length()), MAX_NAME));
        return safe.substring(0, end) + "_" + day;
    }

    /** The name in letters, digits, {@code . _ -} only (anything else {@code _}): a token every client reads. */
    private static String ascii(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** RFC 5987's percent-encoding of the UTF-8 name. */
    private static String rfc5987(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The API's error body, {@code {"error": {"status", "message", "parameter"}}}. */
    private static void error(HttpServletResponse response, int status, String message, String parameter)
            throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", status);
        error.put("message", message);
        if (parameter != null) {
            error.put("parameter", parameter);
        }
        byte[] body = JsonBlock.MAPPER.writeValueAsBytes(Map.of("error", error));
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(JsonRows.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
