package org.stackvault.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.stackvault.query.Endpoint;

/**
 * The hostile-request suite: requests no browser sends, at every endpoint of
 * {@link Endpoint#ALL} (the id endpoints with hostile ids), at the routes outside the API
 * and at the WAR's private folders, sent byte for byte over a socket ({@link RawHttp}) so
 * that nothing normalises them: dot segments plain and encoded, encoded {@code /} and
 * {@code \}, NUL, overlong UTF-8, {@code ;} path parameters, double encoding,
 * 3,000-character ids, bad escapes and raw bytes in the path and the query, PUT, DELETE,
 * PATCH, TRACE and a made-up method (also with a path the container refuses), a 64 KB
 * header and a 20 KB request line.
 *
 * <p>Every answer must be: no 5xx; {@code X-Content-Type-Options: nosniff}; no stack trace,
 * no container error page or directory listing, no server name or version (body and
 * {@code Server} header); below {@code /api/} JSON, an error being the application's
 * {@code {"error": {"status": N, "message": ...}}}; outside it a 4xx error in JSON or HTML
 * (the pages' error page), or, for {@code GET /} (also as a path the container normalises to
 * it) and {@code /index.html}, an HTML page.
 * That holds also for what the container answers before the application sees the request,
 * with two exceptions, both Jetty's and without a body: for a method but GET, HEAD and POST
 * it writes no error body (so no {@code nosniff}: an empty answer has nothing to sniff), and
 * a HEAD it refused before the application gets the 400 body of the GET it re-handles.
 *
 * <p>{@code HostileRequestsTest} runs it on embedded Jetty; {@code scripts/test} runs
 * {@link #main} against Tomcat and Jetty as {@code scripts/run} deploys them:
 * {@code java -cp target/test-classes:target/classes:$(cat target/tools-classpath.txt)
 * org.stackvault.testing.HostileRequests PORT}.
 */
public final class HostileRequests {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String API = "/api/1.0/";

    /** Methods the API and the pages refuse: the common ones, TRACE and one nobody defined. */
    private static final List<String> METHODS = List.of("PUT", "DELETE", "PATCH", "TRACE", "BREW");
    /** The methods Jetty writes an error body for (its ErrorHandler.ERROR_METHODS, but BAD). */
    private static final Set<String> ERROR_BODY_METHODS = Set.of("GET", "HEAD", "POST");
    /** A last path segment (an id for the id endpoints); chars below 256 go out as one raw byte each. */
    private static final List<String> SEGMENTS = List.of(
            "%2e%2e",
            "..",
            "%2e",
            ".",
            "%2E%2E%2F%2E%2E%2FWEB-INF%2Fweb.xml",
            "..%2F..%2Fetc%2Fpasswd",
            "a%2Fb",
            "%2F",
            "a%5Cb",
            "%5C..%5C",
            "a\\b",
            "%00",
            "a%00b",
            "%C0%AE%C0%AE",
            "%C0%AF",
            "%E0%80%AE",
            "a;b=c",
            "..;",
            ";jsessionid=1",
            "%252e%252e",
            "%252F",
            "%zz",
            "%",
            "\u00ff\u00fe",
            "x".repeat(3000));
    /** A query string. */
    private static final List<String> QUERIES = List.of(
            "?release=%zz",
            "?release=%",
            "?%FF=1",
            "?release=\u00ff\u00fe",
            "?release=%C0%AE",
            "?module=a%00b",
            "?company=%252e%252e",
            "?callback=alert(1)//",
            "?release=" + "x".repeat(3000),
            "?=&&=&release");
    /** The pages (GET and HEAD answer 200 HTML). */
    private static final Set<String> PAGE_PATHS = Set.of("/", "/index.html", "/cncf", "/unaffiliated");
    /** Routes outside the API: the overview page, the error page, anything. */
    private static final List<String> PAGES = List.of("/", "/index.html", "/error", "/error/500", "/anything");
    /** Paths into the WAR's private folders and around the API. */
    private static final List<String> ODD_PATHS = List.of(
            "/WEB-INF/web.xml",
            "/WEB-INF/",
            "/META-INF/MANIFEST.MF",
            "/%57EB-INF/web.xml",
            "/api/1.0/../WEB-INF/web.xml",
            "/api/1.0/%2e%2e/%2e%2e/WEB-INF/web.xml",
            "/api/1.0/modules/..%2F..%2F..%2FWEB-INF%2Fweb.xml",
            "/api/%2e%2e/api/1.0/releases",
            "/api/1.0/./releases",
            "/api/1.0//releases",
            "/api",
            "/api/");
    /** Markers of a stack trace, a container's own page or a listing. */
    private static final List<String> LEAKS = List.of(
            "Exception",
            "\tat ",
            "at org.",
            "at java.",
            "Tomcat",
            "Jetty",
            "HTTP Status",
            "Status Report",
            "Directory: ",
            "Index of",
            "HTTP ERROR",
            "jetty-dir");

    private HostileRequests() {}

    /** One request: method, target as bytes, header lines to add (each ending in CRLF). */
    public record Request(String method, byte[] target, String headers) {
        static Request of(String method, String target) {
            return new Request(method, target.getBytes(StandardCharsets.ISO_8859_1), "");
        }

        String path() {
            String target = new String(this.target, StandardCharsets.ISO_8859_1);
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        @Override
        public String toString() {
            String target = new String(this.target, StandardCharsets.ISO_8859_1);
            return method + " " + (target.length() > 120 ? target.substring(0, 120) + "…" : target)
                    + (headers.isEmpty() ? "" : " + " + headers.length() + " bytes of headers");
        }
    }

    /** The whole suite, in a fixed order. */
    public static List<Request> all() {
        List<String> bases = new ArrayList<>();
        for (Endpoint<?> endpoint : Endpoint.ALL) {
            bases.add(API + endpoint.path().replace("{id}", ""));
        }
        bases.addAll(PAGES);
        List<Request> requests = new ArrayList<>();
        for (String base : bases) {
            for (String method : METHODS) {
                requests.add(Request.of(method, base));
            }
            String prefix = base.endsWith("/") ? base : base + "/";
            for (String segment : SEGMENTS) {
                requests.add(Request.of("GET", prefix + segment));
            }
            for (String query : QUERIES) {
                requests.add(Request.of("GET", base + query));
            }
            requests.add(Request.of("HEAD", prefix + "%2e%2e"));
            requests.add(Request.of("PUT", prefix + "%2e%2e"));
            requests.add(Request.of("BREW", prefix + "a%00b"));
        }
        for (String path : ODD_PATHS) {
            requests.add(Request.of("GET", path));
        }
        String bigHeader = "X-Hostile: " + "a".repeat(64 * 1024) + "\r\n";
        for (String path : List.of(API + "releases", API + "users/x", "/")) {
            requests.add(new Request("GET", path.getBytes(StandardCharsets.US_ASCII), bigHeader));
            requests.add(Request.of("GET", path + "?q=" + "y".repeat(20_000)));
        }
        return requests;
    }

    /** What is wrong with an answer to a request of the suite, or null. */
    public static String problem(Request request, RawHttp.Response response) {
        int status = response.status();
        if (status >= 500) {
            return "status " + status;
        }
        if (!ERROR_BODY_METHODS.contains(request.method())
                && response.body().length == 0
                && response.header("Content-Type") == null) {
            // Jetty writes no error body (so no nosniff either) for a method but GET, HEAD and
            // POST that it refuses before the application: a path it finds ambiguous, TRACE (its
            // default descriptor's security constraint). An empty answer has nothing to sniff.
            return null;
        }
        if (!"nosniff".equals(response.header("X-Content-Type-Options"))) {
            return "no X-Content-Type-Options: nosniff";
        }
        String server = response.header("Server");
        if (server != null) {
            return "a Server header: " + server;
        }
        String body = response.text();
        for (String leak : LEAKS) {
            if (body.contains(leak)) {
                return "the body shows '" + leak.strip() + "'";
            }
        }
        String type = response.header("Content-Type") == null
                ? ""
                : response.header("Content-Type").toLowerCase(Locale.ROOT);
        boolean json = type.startsWith("application/json");
        boolean head = request.method().equals("HEAD");
        if (head && response.body().length > 0 && status != 400) {
            // Jetty re-handles a request it refused before the application as a GET: its 400 has a body
            return "a HEAD answered with a body";
        }
        if (request.path().startsWith("/api/")) {
            if (!json) {
                return "Content-Type '" + type + "' below /api/";
            }
            return head ? null : status >= 400 ? errorBodyProblem(status, body) : jsonProblem(body);
        }
        if (status == 200 && type.startsWith("text/html") && isPage(request)) {
            return null; // a page: the leaks above include directory listings
        }
        if (status < 400) {
            return "status " + status + " outside the API";
        }
        if (json) {
            return head ? null : errorBodyProblem(status, body);
        }
        return type.startsWith("text/html") ? null : "Content-Type '" + type + "' of an error outside the API";
    }

    /**
     * A GET or HEAD of a page: {@code /}, {@code /index.html} or an overview page, also as a
     * path the container normalises to one ({@code /.}, {@code /;jsessionid=1}, {@code /x/..}).
     */
    private static boolean isPage(Request request) {
        return (request.method().equals("GET") || request.method().equals("HEAD"))
                && PAGE_PATHS.contains(normalised(request.path()));
    }

    /**
     * {@code path} without {@code ;} parameters and dot segments, plain or encoded (Tomcat
     * decodes {@code %2e}), or "" when it is no plain URI path.
     */
    private static String normalised(String path) {
        try {
            return URI.create(path.replaceAll("(?i)%2e", ".").replaceAll(";[^/]*", ""))
                    .normalize()
                    .getPath();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static String jsonProblem(String body) {
        try {
            MAPPER.readTree(body);
            return null;
        } catch (IOException e) {
            return "not JSON: " + e.getMessage();
        }
    }

    /** The application's error body: {@code {"error": {"status": <the status>, "message": "..."}}}. */
    private static String errorBodyProblem(int status, String body) {
        try {
            JsonNode error = MAPPER.readTree(body).path("error");
            if (error.path("status").asInt() != status || !error.path("message").isTextual()) {
                return "not the application's error body: " + body;
            }
            return null;
        } catch (IOException e) {
            return "not JSON: " + body;
        }
    }

    /** What a run found: the wrong answers, one line each, and how many answers had each status. */
    public record Result(List<String> failures, SortedMap<Integer, Integer> statuses) {}

    /** Sends every request of the suite to 127.0.0.1:port, one after the other. */
    public static Result run(int port) {
        List<String> failures = new ArrayList<>();
        SortedMap<Integer, Integer> statuses = new TreeMap<>();
        for (Request request : all()) {
            String wrong;
            RawHttp.Response response = null;
            try {
                response = RawHttp.send(port, request.method(), request.target(), request.headers(), DEADLINE);
                statuses.merge(response.status(), 1, Integer::sum);
                wrong = problem(request, response);
            } catch (IOException | RuntimeException e) {
                wrong = e.toString();
            }
            if (wrong != null) {
                String answer = response == null ? "" : " -> " + response.status() + " " + response.text();
                String line = request + ": " + wrong + answer;
                failures.add(line.length() > 400 ? line.substring(0, 400) + "…" : line);
            }
        }
        return new Result(failures, statuses);
    }

    /**
     * {@code HostileRequests PORT}: runs the suite, prints the wrong answers (at most
     * {@code -Dhostile.show}, 40) and a summary; exit status 1 when an answer was wrong.
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: HostileRequests PORT");
            System.exit(2);
        }
        long start = System.nanoTime();
        Result result = run(Integer.parseInt(args[0]));
        result.failures().stream().limit(Long.getLong("hostile.show", 40)).forEach(System.out::println);
        System.out.printf(
                "hostile requests: %d sent in %.1f s, answers by status %s, %d wrong%n",
                all().size(),
                (System.nanoTime() - start) / 1e9,
                result.statuses(),
                result.failures().size());
        System.exit(result.failures().isEmpty() ? 0 : 1);
    }
}
