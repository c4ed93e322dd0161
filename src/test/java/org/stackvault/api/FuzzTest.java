package org.stackvault.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.stackvault.query.Endpoint;
import org.stackvault.testing.RawHttp;
import org.stackvault.testing.RunningServer;
import org.stackvault.vault.Vault;

/**
 * Thousands of generated requests, sent byte for byte over a socket, at every endpoint of
 * the bundled sample data (20,000 records): known and unknown parameters, valid, malformed,
 * huge, negative, non-ASCII and badly encoded values (escapes and raw bytes, in the query
 * and in the path), odd methods. Every answer must come within the deadline, never be a
 * 5xx, and be JSON (JSONP for a valid callback) with its content type and {@code nosniff};
 * outside the API a GET or HEAD may also answer a page's HTML.
 *
 * <p>Reproducible: the seed is printed; {@code -Dfuzz.seed=N} replays a run.
 */
class FuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20_261_202L);
    private static final int WORKERS = 4;
    private static final int REQUESTS_PER_WORKER = 750;
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final String JSON = "application/json;charset=utf-8";
    private static final String JAVASCRIPT = "application/javascript;charset=utf-8";
    /** The dashboard's pages and their error page, outside the API. */
    private static final String HTML = "text/html;charset=utf-8";

    private static final Pattern JSONP =
            Pattern.compile("/\\*\\*/[A-Za-z_$][\\w$]{0,63}(\\.[A-Za-z_$][\\w$]*)*\\((.*)\\);", Pattern.DOTALL);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final RunningServer SERVER = new RunningServer(Map.of("refresh-interval", "3600"));

    private static final String[] METHODS = {
        "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH", "TRACE", "BREW", "get", "CONNECT"
    };
    private static final String[] PARAMS = {
        "release",
        "project_type",
        "module",
        "company",
        "user_id",
        "metric",
        "start_date",
        "end_date",
        "blueprint_id",
        "core_in",
        "language",
        "page_size",
        "start_record",
        "query_message",
        "days",
        "start_days",
        "end_days",
        "tag",
        "tags",
        "callback",
        "random",
        "",
        "%FF",
        "a%zz"
    };
    private static final String[] VALUES = {
        "all",
        "train",
        "stein",
        "TRAIN",
        "nosuch",
        "openstack",
        "all,openstack",
        "marks",
        "commits",
        "loc",
        "person-day",
        "members",
        "translations",
        "emails",
        "commits,marks",
        "all,train",
        "20190101",
        "2019-05-01",
        "2019-13-45",
        "20170230",
        "1556668800",
        "-1",
        "0",
        "1",
        "10",
        "1000",
        "1001",
        "99999999999999999999",
        "253402300799",
        "253402300800",
        "2019-Mar-05",
        "2019-Feb-30",
        "master",
        "German",
        "%FF",
        "%E2%98%83",
        "%",
        "%zz",
        "%C3",
        "%ED%A0%80",
        "a%00b",
        "%3Cscript%3E",
        "cb",
        "a.b.c",
        "alert(1)",
        "1e9",
        "a+b",
        "",
        ",",
        ",,,",
        "\u00ff",
        "\u00c3\u00a9",
        "x".repeat(300),
        "%25",
        "%2B"
    };
    private static final String[] OTHER_PATHS = {"/", "/error", "/index.html", "/api", "/API/1.0/releases"};
    private static final String[] SEGMENTS = {
        "%00", "%FF", "\u00ff", "%zz", "%", "a%2Fb", "..", "%2e%2e", "", "%E2%98%83", "a;b=c", "nosuch", "x".repeat(500)
    };

    /** Every endpoint, with ids that exist and ids that do not, the health check and unknown API paths. */
    private static List<String> apiPaths() {
        Vault vault = SERVER.server().app().holder().current();
        List<String> paths = new ArrayList<>();
        for (Endpoint<?> endpoint : Endpoint.ALL) {
            if (!endpoint.hasId()) {
                paths.add("/api/1.0/" + endpoint.path());
            }
        }
        String company = vault.dictionaries().companies().value(1).replace(" ", "%20");
        String module = new TreeSet<>(vault.reference().moduleGroups().keySet()).first();
        String user = vault.dictionaries().users().value(1);
        for (String p : List.of(
                "/companies/" + company,
                "/companies/" + company.toUpperCase(),
                "/companies/nosuch",
                "/modules/" + module,
                "/modules/" + module.toUpperCase(),
                "/users/" + user,
                "/users/nobody")) {
            paths.add("/api/1.0" + p);
        }
        paths.addAll(List.of(
                "/api/1.0/health",
                "/api/1.0/no/such",
                "/api/1.0/",
                "/api/1.0",
                "/api/1.0/releases/",
                "/api/1.0/rel%65ases",
                "/api/1.0/releases;jsessionid=1"));
        return paths;
    }

    /**
     * A method and a request target. Paths the container itself refuses (bad escapes, raw
     * bytes, NUL, encoded slashes) go with GET, HEAD or POST only: for any other method
     * Jetty answers such a path with a bare status and no body before the application (and
     * its error pages) is reached, see conf/jetty-errors.xml. Paths outside the API get GET.
     */
    private static Request request(SplittableRandom random, List<String> apiPaths) {
        String method = random.nextInt(5) == 0 ? METHODS[random.nextInt(METHODS.length)] : "GET";
        boolean api = random.nextInt(30) != 0;
        StringBuilder target = new StringBuilder(
                api ? apiPaths.get(random.nextInt(apiPaths.size())) : OTHER_PATHS[random.nextInt(OTHER_PATHS.length)]);
        if (!api) {
            method = "GET";
        }
        boolean badPath = random.nextInt(8) == 0;
        boolean raw = random.nextInt(40) == 0;
        if (badPath || raw) {
            method = List.of("GET", "HEAD", "POST").get(random.nextInt(3));
        }
        if (badPath) {
            target.append(target.charAt(target.length() - 1) == '/' ? "" : "/")
                    .append(SEGMENTS[random.nextInt(SEGMENTS.length)]);
        }
        int params = random.nextInt(6);
        for (int p = 0; p < params; p++) {
            target.append(p == 0 ? '?' : '&').append(PARAMS[random.nextInt(PARAMS.length)]);
            if (random.nextInt(10) != 0) {
                target.append('=').append(VALUES[random.nextInt(VALUES.length)]);
            }
        }
        if (random.nextInt(50) == 0) {
            target.append(target.indexOf("?") < 0 ? '?' : '&')
                    .append("query_message=")
                    .append("y".repeat(5000));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(target.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (raw) {
            bytes.write(0xC3); // a truncated UTF-8 sequence, raw, in the query or the path
        }
        return new Request(method, bytes.toByteArray(), badPath || raw);
    }

    private record Request(String method, byte[] target, boolean badPath) {
        /** Outside the API: a page (or the pages' error page) may answer in HTML. */
        boolean page() {
            return !new String(target, StandardCharsets.ISO_8859_1).startsWith("/api/");
        }

        @Override
        public String toString() {
            return method + " " + new String(target, StandardCharsets.ISO_8859_1);
        }
    }

    /** What is wrong with an answer, or null; {@code page}: outside the API, where HTML pages answer too. */
    private static String check(String method, boolean refusedPath, boolean page, RawHttp.Response r, long millis) {
        if (millis > DEADLINE.toMillis()) {
            return "took " + millis + " ms";
        }
        if (r.status() >= 500) {
            return "status " + r.status();
        }
        if (!"nosniff".equals(r.header("X-Content-Type-Options"))) {
            return "no nosniff";
        }
        if (r.status() == 204 && method.equals("OPTIONS")) {
            return r.body().length == 0 ? null : "a 204 with a body";
        }
        String type = r.header("Content-Type") == null
                ? ""
                : r.header("Content-Type").replace(" ", "").toLowerCase();
        if (page && type.equals(HTML)) {
            return method.equals("HEAD") || method.equals("GET") ? null : "HTML to a " + method;
        }
        if (!type.equals(JSON) && !(type.equals(JAVASCRIPT) && r.status() == 200)) {
            return "Content-Type " + type;
        }
        if (method.equals("HEAD") && r.body().length > 0 && !(r.status() == 400 && refusedPath)) {
            // Jetty re-handles a request line it could not parse as a GET: its 400 carries the body
            return "a HEAD with a body";
        }
        if (r.body().length == 0 && method.equals("HEAD")) {
            return null;
        }
        String body = r.text();
        if (type.equals(JAVASCRIPT)) {
            var m = JSONP.matcher(body);
            if (!m.matches()) {
                return "not JSONP";
            }
            body = m.group(2);
        }
        try {
            MAPPER.readTree(body);
        } catch (Exception e) {
            return "not JSON: " + e.getMessage();
        }
        return null;
    }

    @Test
    void thousandsOfRawRequests_neverA5xxNorAHang_alwaysJsonWithItsHeaders() throws Exception {
        System.out.println("FuzzTest seed " + SEED + " (replay with -Dfuzz.seed=" + SEED + ")");
        List<String> apiPaths = apiPaths();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> done = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom(SEED);
        for (int worker = 0; worker < WORKERS; worker++) {
            SplittableRandom random = seeds.split();
            done.add(pool.submit(() -> {
                for (int i = 0; i < REQUESTS_PER_WORKER; i++) {
                    Request request = request(random, apiPaths);
                    long start = System.nanoTime();
                    try {
                        RawHttp.Response r =
                                RawHttp.send(SERVER.server().port(), request.method(), request.target(), DEADLINE);
                        if (r.status() == 200) {
                            answered.incrementAndGet();
                        }
                        String wrong = check(
                                request.method(),
                                request.badPath(),
                                request.page(),
                                r,
                                (System.nanoTime() - start) / 1_000_000);
                        if (wrong != null) {
                            failures.add(wrong + ": " + request + " -> " + r.status() + " " + r.text());
                        }
                    } catch (Exception e) {
                        failures.add(e + ": " + request);
                    }
                    sent.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        assertTrue(sent.get() == WORKERS * REQUESTS_PER_WORKER, sent + " sent");
        System.out.println("FuzzTest: " + answered + " of " + sent + " answered 200");
        assertTrue(answered.get() > sent.get() / 10, "only " + answered + " requests reached an answer");
        assertTrue(
                failures.isEmpty(),
                failures.size() + " failures (seed " + SEED + "), e.g.\n"
                        + String.join(
                                "\n",
                                failures.stream()
                                        .limit(10)
                                        .map(f -> f.length() > 400 ? f.substring(0, 400) : f)
                                        .toList()));
    }
}
