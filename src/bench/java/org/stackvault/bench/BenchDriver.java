package org.stackvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.stackvault.jmx.VaultMXBean;

/**
 * The measuring half of {@code scripts/bench} and {@code scripts/soak} (the scripts start
 * and stop the processes: memcached, Tomcat, nginx, wrk). Each command attaches to the
 * Tomcat JVM by process id (no JMX port, no password: see {@link TomcatJvm}), measures one
 * thing and appends its
 * figures to the run's {@code results.properties}; {@code report} turns them into the
 * Markdown table.
 *
 * <pre>
 * java -cp target/stackvault-tools.jar:target/classes:$(cat target/bench/classpath.txt) org.stackvault.bench.BenchDriver \
 *     COMMAND --results target/bench/run-.../results.properties [options]
 *
 *   heap --pid P --label L [--warm-port H]
 *                                        heap used after two full GCs (cached responses dropped first), and
 *                                        the RSS, committed heap and direct buffers before and after them;
 *                                        with --warm-port, one reload() and one request per endpoint first;
 *                                        with --reload yes, one reload() first
 *   builds --pid P --count N             N full builds through reload(), each timed
 *   latency --pid P --port H [--warmup W] [--runs R]
 *                                        uncached single-thread latency of the query set
 *   ui --pid P --port H [--warmup W] [--runs R] [--browser-runs B] [--chromium PATH] [--chromedriver PATH]
 *                                        the overview's HTML uncached (server time) and the overview in
 *                                        headless Chromium (load time, first and repeat transfer; {@link UiBench})
 *   fetch --port H --path /api/... --out FILE
 *                                        one GET; body to FILE, Content-Type to stdout
 *   apply-updates --memcached HOST:PORT [--updated N] [--new N] [--batches B --every-ms M]
 *                                        writes updated and new records and the update log (B batches,
 *                                        M ms apart)
 *   refresh --pid P [--delay-ms D] [--poll-ms M] [--ready-file F --go-file G]
 *                                        (once attached, writes F and waits for G to exist,) waits D ms,
 *                                        then refresh() while polling the heap and the RSS
 *   soak --pid P --port H --memcached HOST:PORT [--seconds S] [--connections C] [--max-requests N] ...
 *                                        mixed requests while records change and refreshes run (scripts/soak;
 *                                        see {@link Soak}); exits 3 when a request or a refresh failed
 *   report --run-dir DIR --out FILE      the Markdown table (stdout and FILE)
 *   hot --jfr FILE [--top N] [--threads PREFIX]
 *                                        the hottest methods of a JFR recording (scripts/bench --profile)
 * </pre>
 */
public final class BenchDriver {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchDriver() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(
                    "usage: BenchDriver heap|builds|latency|ui|fetch|apply-updates|refresh|soak|report|hot [options]");
            System.exit(2);
        }
        Map<String, String> options = options(args);
        Results results = options.containsKey("--results") ? new Results(Path.of(options.get("--results"))) : null;
        switch (args[0]) {
            case "heap" -> heap(options, results);
            case "builds" -> builds(options, results);
            case "latency" -> latency(options, results);
            case "ui" -> UiBench.run(options, results);
            case "fetch" -> fetch(options);
            case "apply-updates" -> UpdateLog.apply(options, results);
            case "refresh" -> refresh(options, results);
            case "soak" -> {
                int status = Soak.run(options, results);
                if (status != 0) {
                    System.exit(status);
                }
            }
            case "report" -> Report.write(Path.of(require(options, "--run-dir")), Path.of(require(options, "--out")));
            case "hot" ->
                HotMethods.print(
                        Path.of(require(options, "--jfr")), intOption(options, "--top", 25), options.get("--threads"));
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }

    static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    static int intOption(Map<String, String> options, String name, int otherwise) {
        String value = options.get(name);
        return value == null ? otherwise : Integer.parseInt(value);
    }

    private static TomcatJvm attach(Map<String, String> options) throws Exception {
        return TomcatJvm.attach(Long.parseLong(require(options, "--pid")));
    }

    static void log(String format, Object... args) {
        System.err.println("bench: " + String.format(Locale.ROOT, format, args));
    }

    /** Waits until no refresh runs (the scheduler's, or one a previous command started). */
    static void awaitIdle(VaultMXBean vault) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (vault.isRefreshing()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("a refresh has been running for 30 minutes");
            }
            Thread.sleep(100);
        }
    }

    // --- heap --------------------------------------------------------------------------------

    private static void heap(Map<String, String> options, Results results) throws Exception {
        String label = require(options, "--label");
        try (TomcatJvm jvm = attach(options)) {
            VaultMXBean vault = jvm.vault();
            awaitIdle(vault);
            if (options.containsKey("--warm-port")) {
                warm(vault, "http://127.0.0.1:" + options.get("--warm-port"));
            }
            if ("yes".equals(options.get("--reload"))) {
                long started = System.nanoTime();
                String answer = vault.reload();
                results.putMillis("heap." + label + ".reload_ms", (System.nanoTime() - started) / 1e6);
                log("heap %s: reload() first: %s", label, answer);
            }
            // the process as it is, before the collections below give memory back
            results.put("heap." + label + ".rss_bytes", jvm.rss());
            results.put("heap." + label + ".committed_bytes", jvm.heapCommitted());
            results.put("heap." + label + ".used_bytes", jvm.heapUsed());
            results.put("heap." + label + ".direct_bytes", jvm.directBufferBytes());
            vault.clearResponseCache(); // off-heap anyway, but nothing of a response should stay
            long retained = jvm.retainedHeap();
            results.put("heap." + label + ".bytes", retained);
            results.put("heap." + label + ".rss_after_gc_bytes", jvm.rss());
            results.put("heap." + label + ".committed_after_gc_bytes", jvm.heapCommitted());
            results.put("heap." + label + ".records", vault.getRecordCount());
            results.put("heap." + label + ".generation", vault.getGeneration());
            results.put("heap.max_bytes", jvm.heapMax());
            log(
                    "heap %s: %,d bytes used after two full GCs, %,d records (generation %d)",
                    label, retained, vault.getRecordCount(), vault.getGeneration());
        }
    }

    /** Endpoints asked once before the empty vault's heap is measured (any answer will do). */
    private static final List<String> WARM_PATHS = List.of(
            "/api/1.0/stats/timeline?release=all",
            "/api/1.0/stats/companies?release=all",
            "/api/1.0/stats/modules?release=all",
            "/api/1.0/stats/engineers?release=all",
            "/api/1.0/contribution?release=all",
            "/api/1.0/activity?release=all",
            "/api/1.0/releases",
            "/api/1.0/health");

    /**
     * Loads what a build and a request load (classes, pools, lazily made singletons) so that
     * the heap of the empty vault and that of the loaded one differ only by the data: one
     * reload() and one request per endpoint.
     */
    private static void warm(VaultMXBean vault, String base) throws Exception {
        String answer = vault.reload();
        log("warm-up of the empty process: reload() answered %s", answer);
        HttpClient http = http();
        for (String path : WARM_PATHS) {
            HttpResponse<byte[]> response = get(http, base, path);
            log("warm-up: %s answered %d", path, response.statusCode());
        }
    }

    // --- builds ------------------------------------------------------------------------------

    private static void builds(Map<String, String> options, Results results) throws Exception {
        int count = intOption(options, "--count", 4);
        try (TomcatJvm jvm = attach(options)) {
            VaultMXBean vault = jvm.vault();
            for (int i = 1; i <= count; i++) {
                awaitIdle(vault);
                long started = System.nanoTime();
                String answer = vault.reload();
                double wall = (System.nanoTime() - started) / 1e6;
                if (!answer.startsWith("FULL")) {
                    throw new IllegalStateException("reload() answered " + answer);
                }
                results.putMillis("build." + i + ".wall_ms", wall);
                results.put("build." + i + ".duration_ms", vault.getLastRefreshDurationMillis());
                results.put("build." + i + ".records", vault.getRecordCount());
                results.put("build." + i + ".users", vault.getUserCount());
                log(
                        "build %d: reload() took %.0f ms (LastRefreshDurationMillis %d): %s",
                        i, wall, vault.getLastRefreshDurationMillis(), answer);
            }
            results.put("build.count", count);
            results.put("build.skipped", vault.getSkippedValues());
        }
    }

    // --- uncached latency --------------------------------------------------------------------

    /** One query of the latency set. */
    record Query(String name, String path) {}

    static HttpClient http() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static HttpResponse<byte[]> get(HttpClient http, String base, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(5))
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode getJson(HttpClient http, String base, String path) throws Exception {
        HttpResponse<byte[]> response = get(http, base, path);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return JSON.readTree(response.body());
    }

    /** The id of the first entry of a stats list that is not {@code *independent}. */
    static String topId(JsonNode stats) {
        for (JsonNode entry : stats.path("stats")) {
            String id = entry.path("id").asText();
            if (!id.isEmpty() && !id.startsWith("*")) {
                return id;
            }
        }
        throw new IllegalStateException("no entries in " + stats);
    }

    static String q(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The query set: each endpoint with release=all (the defaults: metric=marks,
     * project_type=openstack) and with filters taken from the data (the busiest company,
     * module and engineer by commits, the last year of records).
     */
    static List<Query> querySet(HttpClient http, String base) throws Exception {
        String company =
                topId(getJson(http, base, "/api/1.0/stats/companies?release=all&metric=commits&project_type=all"));
        String module =
                topId(getJson(http, base, "/api/1.0/stats/modules?release=all&metric=commits&project_type=all"));
        String user =
                topId(getJson(http, base, "/api/1.0/stats/engineers?release=all&metric=commits&project_type=all"));
        // the last day with records: the end of the timeline of everything
        JsonNode timeline = getJson(http, base, "/api/1.0/stats/timeline?release=all&project_type=all&metric=all")
                .path("timeline")
                .path(0);
        LocalDate end = null;
        for (JsonNode point : timeline) { // ["2017-11-26 00:00:00", 2]
            if (point.path(1).asLong() > 0) {
                LocalDate day = LocalDate.parse(point.path(0).asText().substring(0, 10));
                end = end == null || day.isAfter(end) ? day : end;
            }
        }
        if (end == null) {
            throw new IllegalStateException("the timeline of everything is empty");
        }
        LocalDate start = end.minusYears(1);
        List<Query> set = new ArrayList<>();
        set.add(new Query("timeline, release=all", "/api/1.0/stats/timeline?release=all"));
        set.add(new Query(
                "timeline, company=" + company + ", metric=commits",
                "/api/1.0/stats/timeline?release=all&company=" + q(company) + "&metric=commits"));
        set.add(new Query("stats/companies, release=all", "/api/1.0/stats/companies?release=all"));
        set.add(new Query(
                "stats/companies, metric=commits, project_type=all",
                "/api/1.0/stats/companies?release=all&metric=commits&project_type=all"));
        set.add(new Query("stats/modules, release=all", "/api/1.0/stats/modules?release=all"));
        set.add(new Query(
                "stats/modules, company=" + company + ", metric=person-day",
                "/api/1.0/stats/modules?release=all&company=" + q(company) + "&metric=person-day"));
        set.add(new Query("stats/engineers, release=all", "/api/1.0/stats/engineers?release=all"));
        set.add(new Query(
                "stats/engineers, module=" + module + ", metric=commits",
                "/api/1.0/stats/engineers?release=all&module=" + q(module) + "&metric=commits"));
        set.add(new Query("contribution, release=all", "/api/1.0/contribution?release=all"));
        set.add(new Query("contribution, user_id=" + user, "/api/1.0/contribution?release=all&user_id=" + q(user)));
        set.add(new Query("activity, release=all", "/api/1.0/activity?release=all"));
        set.add(new Query(
                "activity, project_type=all, " + start + ".." + end,
                "/api/1.0/activity?release=all&project_type=all&start_date=" + start + "&end_date=" + end));
        return set;
    }

    private static void latency(Map<String, String> options, Results results) throws Exception {
        int warmup = intOption(options, "--warmup", 10);
        int runs = intOption(options, "--runs", 30);
        String base = "http://127.0.0.1:" + require(options, "--port");
        HttpClient http = http();
        try (TomcatJvm jvm = attach(options)) {
            VaultMXBean vault = jvm.vault();
            awaitIdle(vault);
            List<Query> set = querySet(http, base);
            int[] bytes = new int[set.size()];
            for (int i = 0; i < set.size(); i++) {
                HttpResponse<byte[]> response = get(http, base, set.get(i).path());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(set.get(i).path() + " answered " + response.statusCode());
                }
                bytes[i] = response.body().length;
            }
            // the answer is computed, not served from the cache: clearResponseCache() then a miss
            vault.clearResponseCache();
            long misses = vault.getCacheMisses();
            long hits = vault.getCacheHits();
            get(http, base, set.get(0).path());
            if (vault.getCacheMisses() != misses + 1 || vault.getCacheHits() != hits) {
                throw new IllegalStateException("a request after clearResponseCache() was not a cache miss");
            }
            log("latency: %d queries, %d warm-up rounds, %d measured rounds (round-robin)", set.size(), warmup, runs);
            Samples[] samples = new Samples[set.size()];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = new Samples();
            }
            long started = System.nanoTime();
            for (int round = 0; round < warmup + runs; round++) {
                for (int i = 0; i < set.size(); i++) {
                    vault.clearResponseCache(); // not timed
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> response = get(http, base, set.get(i).path());
                    double millis = (System.nanoTime() - t0) / 1e6;
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(set.get(i).path() + " answered " + response.statusCode());
                    }
                    if (round >= warmup) {
                        samples[i].add(millis);
                    }
                }
                if (round == warmup - 1) {
                    log("latency: warm-up done after %.1f s", (System.nanoTime() - started) / 1e9);
                }
            }
            results.put("latency.queries", set.size());
            results.put("latency.warmup", warmup);
            results.put("latency.runs", runs);
            for (int i = 0; i < set.size(); i++) {
                String key = "latency." + i;
                results.put(key + ".name", set.get(i).name());
                results.put(key + ".path", set.get(i).path());
                results.putMillis(key + ".median_ms", samples[i].median());
                results.putMillis(key + ".p99_ms", samples[i].percentile(99));
                results.putMillis(key + ".min_ms", samples[i].min());
                results.putMillis(key + ".max_ms", samples[i].max());
                results.put(key + ".bytes", bytes[i]);
                log(
                        "  %-60s median %8.2f ms  p99 %8.2f ms  %,d bytes",
                        set.get(i).name(), samples[i].median(), samples[i].percentile(99), bytes[i]);
            }
        }
    }

    // --- fetch -------------------------------------------------------------------------------

    private static void fetch(Map<String, String> options) throws Exception {
        String base = "http://127.0.0.1:" + require(options, "--port");
        HttpResponse<byte[]> response = get(http(), base, require(options, "--path"));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(options.get("--path") + " answered " + response.statusCode());
        }
        Files.write(Path.of(require(options, "--out")), response.body());
        System.out.println(response.headers().firstValue("Content-Type").orElse("application/octet-stream"));
    }

    // --- refresh under load --------------------------------------------------------------------

    private static void refresh(Map<String, String> options, Results results) throws Exception {
        int delay = intOption(options, "--delay-ms", 5000);
        int poll = intOption(options, "--poll-ms", 50);
        try (TomcatJvm jvm = attach(options)) {
            VaultMXBean vault = jvm.vault();
            awaitIdle(vault);
            long generationBefore = vault.getGeneration();
            long recordsBefore = vault.getRecordCount();
            if (options.containsKey("--ready-file")) {
                // attached: tell the script, which then starts wrk and gives the signal to go
                Files.writeString(Path.of(options.get("--ready-file")), "attached\n");
                Path go = Path.of(require(options, "--go-file"));
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (!Files.exists(go)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no " + go + " within 2 minutes");
                    }
                    Thread.sleep(5);
                }
            }
            Thread.sleep(delay);
            long heapBefore = jvm.heapUsed();
            long rssBefore = jvm.rss();

            AtomicBoolean done = new AtomicBoolean();
            AtomicLong peak = new AtomicLong();
            AtomicLong peakCommitted = new AtomicLong();
            AtomicLong peakRss = new AtomicLong(rssBefore);
            AtomicLong polls = new AtomicLong();
            Thread poller = new Thread(
                    () -> {
                        while (!done.get()) {
                            long used = jvm.heapUsed();
                            peak.accumulateAndGet(used, Math::max);
                            peakCommitted.accumulateAndGet(jvm.heapCommitted(), Math::max);
                            peakRss.accumulateAndGet(jvm.rss(), Math::max);
                            polls.incrementAndGet();
                            try {
                                Thread.sleep(poll);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "heap-poller");
            poller.setDaemon(true);
            long startedEpoch = System.currentTimeMillis();
            poller.start();
            long started = System.nanoTime();
            String answer = vault.refresh();
            double wall = (System.nanoTime() - started) / 1e6;
            long endedEpoch = System.currentTimeMillis();
            done.set(true);
            poller.join();
            peak.accumulateAndGet(jvm.heapUsed(), Math::max);
            long rssAfter = jvm.rss();
            peakRss.accumulateAndGet(rssAfter, Math::max);

            results.put("refresh.answer", answer);
            results.putMillis("refresh.wall_ms", wall);
            results.put("refresh.duration_ms", vault.getLastRefreshDurationMillis());
            results.put("refresh.outcome", vault.getLastRefreshOutcome());
            results.put("refresh.message", vault.getLastRefreshMessage());
            results.put("refresh.generation_before", generationBefore);
            results.put("refresh.generation_after", vault.getGeneration());
            results.put("refresh.records_before", recordsBefore);
            results.put("refresh.records_after", vault.getRecordCount());
            results.put("refresh.heap_before_bytes", heapBefore);
            results.put("refresh.heap_peak_bytes", peak.get());
            results.put("refresh.heap_max_bytes", jvm.heapMax());
            results.put("refresh.heap_committed_peak_bytes", peakCommitted.get());
            results.put("refresh.rss_before_bytes", rssBefore);
            results.put("refresh.rss_peak_bytes", peakRss.get());
            results.put("refresh.rss_after_bytes", rssAfter);
            results.put("refresh.heap_polls", polls.get());
            results.put("refresh.poll_ms", poll);
            results.put("refresh.started_epoch_ms", startedEpoch);
            results.put("refresh.ended_epoch_ms", endedEpoch);
            log(
                    "refresh: %s; %.0f ms; peak heap %,d bytes, peak RSS %,d bytes (%d polls)",
                    answer, wall, peak.get(), peakRss.get(), polls.get());
        }
    }
}
