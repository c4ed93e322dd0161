package org.stackvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.stackvault.jmx.VaultMXBean;

/**
 * The dashboard's row of scripts/bench ({@code BenchDriver ui}): the server time of the
 * overview's HTML, uncached, for several filter sets; and the overview in headless Chromium:
 * navigation start until the page is complete, and the bytes it transfers on a first visit
 * (empty cache) and on a repeat visit.
 */
final class UiBench {
    private UiBench() {}

    /**
     * Records the moment {@code <html data-ready="true">} appears (stackvault.js sets it when
     * every chart and panel is drawn), in ms since navigation start. Injected through DevTools
     * before the page's own scripts, so the page's Content-Security-Policy does not apply.
     */
    private static final String READY_PROBE = """
            new MutationObserver(() => {
              if (window.__svReady === undefined && document.documentElement
                  && document.documentElement.dataset.ready === 'true') window.__svReady = performance.now();
            }).observe(document, {attributes: true, subtree: true, attributeFilter: ['data-ready']});""";

    /**
     * Waits until the page is complete (data-ready when it loads stackvault.js, else the load
     * event's end) and answers the times and the bytes of Resource Timing: the navigation's
     * and every resource's transferSize (compressed bodies and headers; 0 from the cache).
     */
    private static final String MEASURE = """
            const done = arguments[arguments.length - 1];
            const scripted = !!document.querySelector('script[src*="stackvault.js"]');
            const nav = () => performance.getEntriesByType('navigation')[0];
            const poll = () => {
              const complete = scripted ? document.documentElement.dataset.ready === 'true'
                                        : document.readyState === 'complete' && nav().loadEventEnd > 0;
              if (!complete) { setTimeout(poll, 5); return; }
              const resources = performance.getEntriesByType('resource');
              done({
                until: scripted ? 'data-ready' : 'load',
                ms: scripted ? (window.__svReady ?? performance.now()) : nav().loadEventEnd,
                bytes: nav().transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
                requests: 1 + resources.length
              });
            };
            poll();""";

    static void run(Map<String, String> options, Results results) throws Exception {
        int warmup = BenchDriver.intOption(options, "--warmup", 5);
        int runs = BenchDriver.intOption(options, "--runs", 30);
        int browserRuns = BenchDriver.intOption(options, "--browser-runs", 10);
        String base = "http://127.0.0.1:" + BenchDriver.require(options, "--port");
        HttpClient http = BenchDriver.http();
        List<BenchDriver.Query> pages = pages(http, base);
        try (TomcatJvm jvm = TomcatJvm.attach(Long.parseLong(BenchDriver.require(options, "--pid")))) {
            VaultMXBean vault = jvm.vault();
            BenchDriver.awaitIdle(vault);
            serverTimes(http, base, vault, pages, warmup, runs, results, "ui.server.");
            serverTimes(
                    http,
                    base,
                    vault,
                    answering(http, base, reports(http, base), results),
                    warmup,
                    runs,
                    results,
                    "ui.report.");
            serverTimes(http, base, vault, overviewQueries(), warmup, runs, results, "ui.api.");
        }
        browser(
                Path.of(options.getOrDefault("--chromium", "/usr/bin/chromium")),
                Path.of(options.getOrDefault("--chromedriver", "/usr/bin/chromedriver")),
                base,
                pages.subList(0, 2),
                browserRuns,
                results);
    }

    /** The overview with the API's defaults, then with the filters of the API latency set. */
    private static List<BenchDriver.Query> pages(HttpClient http, String base) throws Exception {
        String all = "?release=all&metric=commits&project_type=all";
        String company = BenchDriver.topId(BenchDriver.getJson(http, base, "/api/1.0/stats/companies" + all));
        String module = BenchDriver.topId(BenchDriver.getJson(http, base, "/api/1.0/stats/modules" + all));
        String user = BenchDriver.topId(BenchDriver.getJson(http, base, "/api/1.0/stats/engineers" + all));
        return List.of(
                new BenchDriver.Query("overview", "/"),
                new BenchDriver.Query("overview, release=all, metric=commits", "/?release=all&metric=commits"),
                new BenchDriver.Query(
                        "company=" + company, "/?release=all&metric=commits&company=" + BenchDriver.q(company)),
                new BenchDriver.Query("module=" + module, "/?release=all&module=" + BenchDriver.q(module)),
                new BenchDriver.Query(
                        "user_id=" + user, "/?release=all&metric=commits&user_id=" + BenchDriver.q(user)));
    }

    /**
     * Every report of the dashboard (issue 13), each once, with ids taken from the data set:
     * the busiest company, module and contributor by commits, the newest record, a blueprint
     * when the data holds one.
     */
    private static List<BenchDriver.Query> reports(HttpClient http, String base) throws Exception {
        String all = "?release=all&metric=commits&project_type=all";
        String company = BenchDriver.topId(BenchDriver.getJson(http, base, "/api/1.0/stats/companies" + all));
        String module = BenchDriver.topId(BenchDriver.getJson(http, base, "/api/1.0/stats/modules" + all));
        String user = BenchDriver.topId(BenchDriver.getJson(http, base, "/api/1.0/stats/engineers" + all));
        JsonNode newest = BenchDriver.getJson(http, base, "/api/1.0/activity?release=all&project_type=all&page_size=1")
                .path("activity")
                .path(0);
        List<BenchDriver.Query> reports = new ArrayList<>(List.of(
                new BenchDriver.Query("activity", "/report/activity"),
                new BenchDriver.Query("users/" + user, "/report/users/" + segment(user)),
                new BenchDriver.Query("companies/" + company, "/report/companies/" + segment(company)),
                new BenchDriver.Query("reviews/" + module + "/open", "/report/reviews/" + segment(module) + "/open"),
                new BenchDriver.Query(
                        "contribution/" + module + "/30", "/report/contribution/" + segment(module) + "/30"),
                new BenchDriver.Query("members", "/report/members"),
                new BenchDriver.Query("affiliation_changes", "/report/affiliation_changes"),
                new BenchDriver.Query("cores", "/report/cores"),
                new BenchDriver.Query(
                        "record (newest)",
                        "/report/record/" + segment(newest.path("primary_key").asText())),
                new BenchDriver.Query("kpi/example", "/kpi/example"),
                new BenchDriver.Query("large_commits", "/report/large_commits"),
                // the defaults select marks (metric=marks, as the original): no commits, an empty answer
                new BenchDriver.Query(
                        "large_commits, commits of every release",
                        "/report/large_commits?release=all&project_type=all&metric=commits"),
                new BenchDriver.Query("single_plus_two_reviews", "/report/single_plus_two_reviews"),
                new BenchDriver.Query("widget", "/widget")));
        JsonNode blueprint = BenchDriver.getJson(
                        http, base, "/api/1.0/activity?release=all&project_type=all&metric=bpd&page_size=1")
                .path("activity")
                .path(0);
        if (!blueprint.path("module").asText().isEmpty()
                && !blueprint.path("name").asText().isEmpty()) {
            reports.add(
                    8,
                    new BenchDriver.Query(
                            "blueprint (newest)",
                            "/report/blueprint/"
                                    + segment(blueprint.path("module").asText()) + "/"
                                    + segment(blueprint.path("name").asText())));
        }
        return reports;
    }

    /**
     * The API answers the overview {@code /} asks {@code Queries} for (with the same defaults),
     * and the timeline its script fetches: where the page's server time goes, beside the
     * template's rendering (the rest).
     */
    private static List<BenchDriver.Query> overviewQueries() {
        return List.of(
                        "stats/companies",
                        "stats/modules",
                        "stats/engineers",
                        "activity",
                        "releases",
                        "project_types",
                        "modules",
                        "companies",
                        "metrics",
                        "stats/timeline")
                .stream()
                .map(endpoint -> new BenchDriver.Query(endpoint, "/api/1.0/" + endpoint))
                .toList();
    }

    /** A path segment, percent-encoded (a space as %20, not +). */
    private static String segment(String value) {
        return BenchDriver.q(value).replace("+", "%20");
    }

    /**
     * The reports that answer 200; each one that does not is logged and listed in
     * {@code ui.report.skipped} rather than ending the run.
     */
    private static List<BenchDriver.Query> answering(
            HttpClient http, String base, List<BenchDriver.Query> reports, Results results) throws Exception {
        List<BenchDriver.Query> answering = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (BenchDriver.Query report : reports) {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create(base + report.path()))
                            .timeout(Duration.ofMinutes(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 200) {
                answering.add(report);
            } else {
                BenchDriver.log("  %s answered %d: not measured", report.path(), response.statusCode());
                skipped.add(report.path() + " (" + response.statusCode() + ")");
            }
        }
        results.put("ui.report.skipped", skipped.isEmpty() ? "none" : String.join(", ", skipped));
        return answering;
    }

    private static HttpResponse<byte[]> get(HttpClient http, String base, String path, boolean gzip) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(2));
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return response;
    }

    /** Time to the last byte of each page's HTML, with clearResponseCache() (untimed) before each. */
    private static void serverTimes(
            HttpClient http,
            String base,
            VaultMXBean vault,
            List<BenchDriver.Query> pages,
            int warmup,
            int runs,
            Results results,
            String prefix)
            throws Exception {
        BenchDriver.log("ui: %d pages (%s), %d warm-up and %d measured rounds", pages.size(), prefix, warmup, runs);
        List<Samples> samples = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            samples.add(new Samples());
        }
        for (int round = 0; round < warmup + runs; round++) {
            for (int i = 0; i < pages.size(); i++) {
                vault.clearResponseCache();
                long t0 = System.nanoTime();
                get(http, base, pages.get(i).path(), false);
                double millis = (System.nanoTime() - t0) / 1e6;
                if (round >= warmup) {
                    samples.get(i).add(millis);
                }
            }
        }
        results.put(prefix + "pages", pages.size());
        results.put(prefix + "warmup", warmup);
        results.put(prefix + "runs", runs);
        for (int i = 0; i < pages.size(); i++) {
            String key = prefix + i + ".";
            HttpResponse<byte[]> plain = get(http, base, pages.get(i).path(), false);
            HttpResponse<byte[]> gzip = get(http, base, pages.get(i).path(), true);
            results.put(key + "name", pages.get(i).name());
            results.put(key + "path", pages.get(i).path());
            results.putMillis(key + "median_ms", samples.get(i).median());
            results.putMillis(key + "p90_ms", samples.get(i).percentile(90));
            results.putMillis(key + "p99_ms", samples.get(i).percentile(99));
            results.put(key + "bytes", plain.body().length);
            results.put(key + "wire_bytes", gzip.body().length);
            results.put(
                    key + "encoding",
                    gzip.headers().firstValue("Content-Encoding").orElse("identity"));
            BenchDriver.log(
                    "  %-50s median %7.2f ms  p90 %7.2f ms  p99 %7.2f ms  %,d bytes (%,d on the wire)",
                    pages.get(i).name(),
                    samples.get(i).median(),
                    samples.get(i).percentile(90),
                    samples.get(i).percentile(99),
                    plain.body().length,
                    gzip.body().length);
        }
    }

    /**
     * Each page {@code runs} times after one warm-up: about:blank, the browser's cache
     * cleared, the page (first visit); about:blank, the page again (repeat visit).
     */
    private static void browser(
            Path chromium, Path chromedriver, String base, List<BenchDriver.Query> pages, int runs, Results results)
            throws Exception {
        BenchDriver.log("ui: %d pages in headless Chromium, %d first and repeat visits each", pages.size(), runs);
        try (HeadlessChromium browser = HeadlessChromium.start(chromium, chromedriver)) {
            browser.devtools("Page.addScriptToEvaluateOnNewDocument", Map.of("source", READY_PROBE));
            results.put("ui.browser.pages", pages.size());
            results.put("ui.browser.runs", runs);
            for (int i = 0; i < pages.size(); i++) {
                String url = base + pages.get(i).path();
                Samples first = new Samples();
                Samples repeat = new Samples();
                JsonNode firstVisit = null;
                JsonNode repeatVisit = null;
                for (int run = 0; run <= runs; run++) { // run 0: warm-up
                    browser.open("about:blank");
                    browser.devtools("Network.clearBrowserCache", Map.of());
                    browser.open(url);
                    firstVisit = browser.executeAsync(MEASURE);
                    browser.open("about:blank");
                    browser.open(url);
                    repeatVisit = browser.executeAsync(MEASURE);
                    if (run > 0) {
                        first.add(firstVisit.path("ms").asDouble());
                        repeat.add(repeatVisit.path("ms").asDouble());
                    }
                }
                String key = "ui.browser." + i + ".";
                results.put(key + "path", pages.get(i).path());
                results.put(key + "until", firstVisit.path("until").asText());
                results.putMillis(key + "first_median_ms", first.median());
                results.putMillis(key + "first_max_ms", first.max());
                results.putMillis(key + "repeat_median_ms", repeat.median());
                results.put(key + "first_bytes", firstVisit.path("bytes").asLong());
                results.put(key + "repeat_bytes", repeatVisit.path("bytes").asLong());
                results.put(key + "requests", firstVisit.path("requests").asLong());
                BenchDriver.log(
                        "  %-50s until %s: first %7.1f ms (%,d bytes, %d requests), repeat %7.1f ms (%,d bytes)",
                        pages.get(i).path(),
                        firstVisit.path("until").asText(),
                        first.median(),
                        firstVisit.path("bytes").asLong(),
                        firstVisit.path("requests").asLong(),
                        repeat.median(),
                        repeatVisit.path("bytes").asLong());
            }
        }
    }
}
