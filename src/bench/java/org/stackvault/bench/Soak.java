package org.stackvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.stackvault.jmx.VaultMXBean;
import org.stackvault.source.MemcachedStorage;

/**
 * The measuring half of {@code scripts/soak}: for a bounded time, {@code --connections}
 * client threads send a mixed set of requests (cached and uncached answers, JSONP, expected
 * 404s) while a writer changes records through the update log every {@code --write-seconds}
 * (as the processor does, so that the scheduler's refreshes are real incremental ones) and
 * {@code reload()} runs every {@code --reload-seconds}; every {@code --interval-seconds} it
 * records requests, failures, p50/p99, heap, threads, open files, the vault's generation and
 * the refreshes that ended, into the run's {@code results.properties} ({@code soak.*}).
 *
 * <pre>
 * BenchDriver soak --pid P --port H --memcached HOST:PORT --results FILE [--seconds 180]
 *     [--connections 64] [--max-requests 0 (no limit)] [--interval-seconds 10] [--write-seconds 5]
 *     [--updated 500] [--new 20] [--reload-seconds 60] [--timeout-seconds 30]
 * </pre>
 *
 * A failure is an answer whose status differs from the one its URL expects (a 404 the mix
 * asks for is expected, not a failure), a JSON or JSONP body of the wrong shape, a socket
 * error or a timeout. The command exits with status 3 when any request failed, a refresh
 * ended FAILED or REFUSED, or the writer failed; the figures are written either way.
 */
final class Soak {
    static final int PROBLEMS_FOUND = 3;
    private static final String CALLBACK = "soakcb";
    private static final int SAMPLES_KEPT = 20;

    /** One kind of request of the mix: its share, the status it must answer, and its URLs. */
    record Family(String name, int weight, int status, boolean jsonp, Function<Random, String> path) {}

    private final TomcatJvm jvm;
    private final VaultMXBean vault;
    private final Results results;
    private final String base;
    private final HttpClient http;
    private final List<Family> mix;
    private final int totalWeight;
    private final Duration timeout;
    private final long maxRequests;

    private final AtomicBoolean stop = new AtomicBoolean();
    private volatile long startNanos;
    private final AtomicLong issued = new AtomicLong();
    private final LatencyHistogram interval = new LatencyHistogram();
    private final LongAdder requests = new LongAdder();
    private final LongAdder notFound = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LatencyHistogram[] familyLatency;
    private final LongAdder[] familyRequests;
    private final LongAdder[] familyFailures;
    private final Map<String, LongAdder> failureKinds = new ConcurrentHashMap<>();
    private final List<String> failureSamples = Collections.synchronizedList(new ArrayList<>());

    /** Refreshes that ended, by outcome, since the last interval (written by the monitor thread only). */
    private final Map<String, LongAdder> refreshes = new ConcurrentHashMap<>();

    private final Map<String, Long> refreshTotals = new ConcurrentHashMap<>();
    private final AtomicLong refreshMaxMillis = new AtomicLong();
    private final List<String> refreshProblems = Collections.synchronizedList(new ArrayList<>());
    private volatile String lastRefreshTime;

    private final LongAdder batches = new LongAdder();
    private final AtomicLong batchesTotal = new AtomicLong();
    private final AtomicLong writerErrors = new AtomicLong();
    private volatile UpdateLog.Batch lastBatch;
    private final LongAdder reloads = new LongAdder();
    private final Map<String, Long> reloadAnswers = new ConcurrentHashMap<>();
    private final AtomicLong reloadBusy = new AtomicLong();

    private Soak(
            TomcatJvm jvm,
            Results results,
            String base,
            HttpClient http,
            List<Family> mix,
            Duration timeout,
            long maxRequests) {
        this.jvm = jvm;
        this.vault = jvm.vault();
        this.results = results;
        this.base = base;
        this.http = http;
        this.mix = mix;
        this.totalWeight = mix.stream().mapToInt(Family::weight).sum();
        this.timeout = timeout;
        this.maxRequests = maxRequests;
        this.familyLatency = new LatencyHistogram[mix.size()];
        this.familyRequests = new LongAdder[mix.size()];
        this.familyFailures = new LongAdder[mix.size()];
        for (int i = 0; i < mix.size(); i++) {
            familyLatency[i] = new LatencyHistogram();
            familyRequests[i] = new LongAdder();
            familyFailures[i] = new LongAdder();
        }
    }

    /** Runs the soak; answers 0, or {@link #PROBLEMS_FOUND}. */
    static int run(Map<String, String> options, Results results) throws Exception {
        long seconds = BenchDriver.intOption(options, "--seconds", 180);
        int connections = BenchDriver.intOption(options, "--connections", 64);
        long maxRequests = Long.parseLong(options.getOrDefault("--max-requests", "0"));
        int intervalSeconds = BenchDriver.intOption(options, "--interval-seconds", 10);
        int writeSeconds = BenchDriver.intOption(options, "--write-seconds", 5);
        int updated = BenchDriver.intOption(options, "--updated", 500);
        int added = BenchDriver.intOption(options, "--new", 20);
        int reloadSeconds = BenchDriver.intOption(options, "--reload-seconds", 60);
        int timeoutSeconds = BenchDriver.intOption(options, "--timeout-seconds", 30);
        String base = "http://127.0.0.1:" + BenchDriver.require(options, "--port");
        // the client drops pooled connections idle for 10 s, before Tomcat closes them (20 s):
        // a request never goes out on a connection the server is closing
        System.setProperty("jdk.httpclient.keepalive.timeout", "10");
        HttpClient http = BenchDriver.http();

        try (TomcatJvm jvm = TomcatJvm.attach(Long.parseLong(BenchDriver.require(options, "--pid")));
                MemcachedStorage storage = UpdateLog.connect(BenchDriver.require(options, "--memcached"))) {
            BenchDriver.awaitIdle(jvm.vault());
            List<Family> mix = mix(http, base);
            Soak soak = new Soak(jvm, results, base, http, mix, Duration.ofSeconds(timeoutSeconds), maxRequests);
            soak.validate();
            results.put("soak.planned_s", seconds);
            results.put("soak.connections", connections);
            results.put("soak.max_requests", maxRequests);
            results.put("soak.interval_s", intervalSeconds);
            results.put("soak.write_s", writeSeconds);
            results.put("soak.updated_per_batch", updated);
            results.put("soak.new_per_batch", added);
            results.put("soak.reload_s", reloadSeconds);
            results.put("soak.timeout_s", timeoutSeconds);
            results.put("soak.heap_max_bytes", jvm.heapMax());
            results.put("soak.records_before", jvm.vault().getRecordCount());
            results.put("soak.generation_before", jvm.vault().getGeneration());
            Path runDir = Path.of(BenchDriver.require(options, "--results"))
                    .toAbsolutePath()
                    .getParent();
            results.put("soak.retained_before_bytes", soak.retainedHeap(runDir.resolve("histogram-before.txt")));
            int status = soak.soak(
                    storage,
                    connections,
                    Duration.ofSeconds(seconds),
                    Duration.ofSeconds(intervalSeconds),
                    writeSeconds,
                    updated,
                    added,
                    reloadSeconds);
            results.put("soak.retained_after_bytes", soak.retainedHeap(runDir.resolve("histogram-after.txt")));
            return status;
        }
    }

    /**
     * What the live objects retain, outside the measured intervals (two full GCs): a leak
     * shows as a rise from before the load to after it that the few added records do not
     * explain. Cached answers are dropped first, as they differ between the two moments.
     * The class histogram goes to {@code histogram}: what grew, if anything did.
     */
    private long retainedHeap(Path histogram) throws Exception {
        BenchDriver.awaitIdle(vault);
        vault.clearResponseCache();
        long bytes = jvm.retainedHeap();
        Files.writeString(histogram, jvm.classHistogram(60));
        BenchDriver.log(
                "soak: %,d bytes retained after two full GCs (generation %d, %,d records)",
                bytes, vault.getGeneration(), vault.getRecordCount());
        return bytes;
    }

    // --- the URL mix -----------------------------------------------------------------------------

    /**
     * About 55 % of the requests on a few fixed URLs (cached after their first answer in each
     * generation), 40 % with parameters drawn from the data (companies, modules, users,
     * metrics, pages: mostly cache misses), 5 % that must answer 404.
     */
    static List<Family> mix(HttpClient http, String base) throws Exception {
        List<String> companies =
                ids(BenchDriver.getJson(http, base, "/api/1.0/companies?release=all&project_type=all"));
        List<String> modules = ids(BenchDriver.getJson(http, base, "/api/1.0/modules?release=all&project_type=all"));
        List<String> users = ids(BenchDriver.getJson(http, base, "/api/1.0/users?release=all&project_type=all"));
        List<String> metrics = ids(BenchDriver.getJson(http, base, "/api/1.0/metrics"));
        // a filter's value is a comma-separated list (as in the original): "Apple, Inc." cannot
        // be one, so only the other names go into the company filter
        List<String> filterable =
                companies.stream().filter(c -> c.indexOf(',') < 0).toList();
        String all = "release=all&project_type=all";
        List<Family> m = new ArrayList<>();
        // cached
        m.add(fixed("stats/companies", 8, "/api/1.0/stats/companies?release=all"));
        m.add(fixed("stats/companies, default release", 4, "/api/1.0/stats/companies"));
        m.add(fixed("stats/modules", 6, "/api/1.0/stats/modules?release=all"));
        m.add(fixed("stats/engineers", 6, "/api/1.0/stats/engineers?release=all"));
        m.add(fixed("stats/timeline", 8, "/api/1.0/stats/timeline?release=all"));
        m.add(fixed("contribution", 5, "/api/1.0/contribution?release=all"));
        m.add(fixed("activity, first page", 5, "/api/1.0/activity?release=all"));
        m.add(fixed("companies list", 4, "/api/1.0/companies?" + all));
        m.add(new Family(
                "releases, metrics, project_types",
                5,
                200,
                false,
                r -> List.of("/api/1.0/releases", "/api/1.0/metrics", "/api/1.0/project_types")
                        .get(r.nextInt(3))));
        m.add(new Family(
                "JSONP stats/companies",
                4,
                200,
                true,
                r -> "/api/1.0/stats/companies?release=all&callback=" + CALLBACK));
        // drawn from the data
        m.add(new Family(
                "stats/engineers?company&metric",
                6,
                200,
                false,
                r -> "/api/1.0/stats/engineers?" + all + "&company=" + BenchDriver.q(any(r, filterable)) + "&metric="
                        + any(r, metrics)));
        m.add(new Family(
                "stats/timeline?company",
                4,
                200,
                false,
                r -> "/api/1.0/stats/timeline?" + all + "&company=" + BenchDriver.q(any(r, filterable))));
        m.add(new Family(
                "stats/modules?company",
                3,
                200,
                false,
                r -> "/api/1.0/stats/modules?" + all + "&company=" + BenchDriver.q(any(r, filterable))));
        m.add(new Family(
                "activity?page_size&start_record",
                6,
                200,
                false,
                r -> "/api/1.0/activity?" + all + "&page_size="
                        + List.of(10, 50, 100).get(r.nextInt(3)) + "&start_record=" + 10 * r.nextInt(201)));
        m.add(new Family(
                "activity?user_id",
                3,
                200,
                false,
                r -> "/api/1.0/activity?" + all + "&user_id=" + BenchDriver.q(any(r, users))));
        m.add(new Family(
                "contribution?user_id",
                4,
                200,
                false,
                r -> "/api/1.0/contribution?" + all + "&user_id=" + BenchDriver.q(any(r, users))));
        m.add(new Family("users/{id}", 4, 200, false, r -> "/api/1.0/users/" + segment(any(r, users))));
        m.add(new Family(
                "modules/{id}", 3, 200, false, r -> "/api/1.0/modules/" + segment(any(r, modules)) + "?" + all));
        m.add(new Family(
                "companies/{name}",
                3,
                200,
                false,
                r -> "/api/1.0/companies/" + segment(any(r, companies)) + "?" + all));
        m.add(new Family(
                "users?company",
                2,
                200,
                false,
                r -> "/api/1.0/users?" + all + "&company=" + BenchDriver.q(any(r, filterable))));
        m.add(new Family(
                "JSONP contribution?user_id",
                2,
                200,
                true,
                r -> "/api/1.0/contribution?" + all + "&user_id=" + BenchDriver.q(any(r, users)) + "&callback="
                        + CALLBACK));
        // expected 404s: unknown release, module, company, user, endpoint
        m.add(new Family(
                "404: unknown release, module, company, user, endpoint", 5, 404, false, r -> switch (r.nextInt(5)) {
                    case 0 -> "/api/1.0/stats/companies?release=no-such-release-" + r.nextInt(1000);
                    case 1 -> "/api/1.0/modules/no-such-module-" + r.nextInt(1000);
                    case 2 -> "/api/1.0/companies/no-such-company-" + r.nextInt(1000);
                    case 3 -> "/api/1.0/users/no-such-user-" + r.nextInt(1000);
                    default -> "/api/1.0/no-such-endpoint-" + r.nextInt(1000);
                }));
        return m;
    }

    private static Family fixed(String name, int weight, String path) {
        return new Family(name, weight, 200, false, r -> path);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        for (JsonNode entry : list.path("data")) {
            String id = entry.path("id").asText();
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("an empty lookup list: " + list);
        }
        return ids;
    }

    private static String any(Random r, List<String> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** A path segment: percent-encoded, a space as %20 (URLEncoder's '+' means a plus there). */
    private static String segment(String value) {
        return BenchDriver.q(value).replace("+", "%20");
    }

    /** Every family answers as it should before the load starts: a wrong mix is a bug of this program, not of the server. */
    private void validate() throws Exception {
        Random random = new Random(42);
        for (Family f : mix) {
            for (int i = 0; i < 5; i++) {
                String path = f.path().apply(random);
                HttpResponse<byte[]> response = send(path);
                String problem = check(f, response);
                if (problem != null) {
                    throw new IllegalStateException("the URL mix is wrong: " + path + ": " + problem);
                }
            }
        }
        BenchDriver.log("soak: %d kinds of request, each checked 5 times", mix.size());
    }

    private HttpResponse<byte[]> send(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Null when the answer is what the family expects, else what is wrong with it. */
    private static String check(Family f, HttpResponse<byte[]> response) {
        if (response.statusCode() != f.status()) {
            return "HTTP " + response.statusCode() + " (expected " + f.status() + ")";
        }
        String head = new String(response.body(), 0, Math.min(64, response.body().length), StandardCharsets.UTF_8);
        if (f.jsonp() ? !head.startsWith("/**/" + CALLBACK + "(") : !head.startsWith("{")) {
            return "a body of the wrong shape (" + (f.jsonp() ? "JSONP" : "JSON") + " expected)";
        }
        return null;
    }

    // --- the run ---------------------------------------------------------------------------------

    private int soak(
            MemcachedStorage storage,
            int connections,
            Duration length,
            Duration intervalLength,
            int writeSeconds,
            int updated,
            int added,
            int reloadSeconds)
            throws Exception {
        lastRefreshTime = vault.getLastRefreshTime();
        ScheduledExecutorService background = Executors.newScheduledThreadPool(3, r -> {
            Thread t = new Thread(r, "soak-background");
            t.setDaemon(true);
            return t;
        });
        background.scheduleWithFixedDelay(this::pollRefreshes, 200, 200, TimeUnit.MILLISECONDS);
        background.scheduleAtFixedRate(
                () -> writeBatch(storage, updated, added), 1000, writeSeconds * 1000L, TimeUnit.MILLISECONDS);
        // in the middle of the run's minutes, not at its end
        background.scheduleWithFixedDelay(this::reload, reloadSeconds / 2, reloadSeconds, TimeUnit.SECONDS);

        CountDownLatch workers = new CountDownLatch(connections);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread t = new Thread(
                    () -> {
                        try {
                            work();
                        } finally {
                            workers.countDown();
                        }
                    },
                    "soak-client-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        BenchDriver.log(
                "soak: %d connections for %d s (at most %s requests), a batch of %d updated + %d new records "
                        + "every %d s, reload() every %d s",
                connections,
                length.toSeconds(),
                maxRequests > 0 ? Long.toString(maxRequests) : "unlimited",
                updated,
                added,
                writeSeconds,
                reloadSeconds);
        long start = System.nanoTime();
        startNanos = start;
        long end = start + length.toNanos();
        results.put("soak.start_ms", System.currentTimeMillis());
        threads.forEach(Thread::start);

        LatencyHistogram.Snapshot total = new LatencyHistogram.Snapshot();
        long intervalStart = start;
        long intervalStartMillis = System.currentTimeMillis();
        long hits = vault.getCacheHits();
        long misses = vault.getCacheMisses();
        int index = 0;
        boolean finished = false;
        while (!finished) {
            long boundary = Math.min(intervalStart + intervalLength.toNanos(), end);
            while (System.nanoTime() < boundary && workers.getCount() > 0) {
                Thread.sleep(50);
            }
            finished = System.nanoTime() >= end || workers.getCount() == 0;
            if (finished) {
                stop.set(true);
                if (!workers.await(timeout.toSeconds() + 10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("client threads still busy " + timeout + " after the end");
                }
            }
            long now = System.nanoTime();
            long nowMillis = System.currentTimeMillis();
            LatencyHistogram.Snapshot latency = interval.drain();
            total.add(latency);
            long h = vault.getCacheHits();
            long m = vault.getCacheMisses();
            index++;
            String p = "soak." + index + ".";
            long n = requests.sumThenReset();
            long failures = failed.sumThenReset();
            results.put(p + "start_ms", intervalStartMillis);
            results.put(p + "end_ms", nowMillis);
            results.putMillis(p + "seconds", (now - intervalStart) / 1e6 / 1000);
            results.put(p + "requests", n);
            results.put(p + "not_found", notFound.sumThenReset());
            results.put(p + "failures", failures);
            results.putMillis(p + "p50_ms", latency.percentile(50));
            results.putMillis(p + "p99_ms", latency.percentile(99));
            results.putMillis(p + "max_ms", latency.max());
            results.put(p + "cache_hits", h - hits);
            results.put(p + "cache_misses", m - misses);
            long heap = jvm.heapUsed();
            results.put(p + "heap_used", heap);
            results.put(p + "generation", vault.getGeneration());
            results.put(p + "records", vault.getRecordCount());
            results.put(p + "threads", jvm.threadCount());
            results.put(p + "open_files", jvm.openFileDescriptors());
            results.put(p + "batches", batches.sumThenReset());
            results.put(p + "reloads", reloads.sumThenReset());
            String refreshed = drainRefreshes();
            results.put(p + "refreshes", refreshed);
            BenchDriver.log(
                    "soak: %4.0f s  %,8d requests (%,6.0f/s)  failures %d  p50 %7.2f ms  p99 %8.2f ms  "
                            + "heap %,5.0f MiB  generation %d  refreshes %s",
                    (now - start) / 1e9,
                    n,
                    n / ((now - intervalStart) / 1e9),
                    failures,
                    latency.percentile(50),
                    latency.percentile(99),
                    heap / 1048576.0,
                    vault.getGeneration(),
                    refreshed.isEmpty() ? "-" : refreshed);
            hits = h;
            misses = m;
            intervalStart = now;
            intervalStartMillis = nowMillis;
        }
        background.shutdown();
        if (!background.awaitTermination(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the writer or a reload() did not end within 2 minutes");
        }
        pollRefreshes(); // a refresh that ended meanwhile
        results.put("soak.intervals", index);
        return totals(total);
    }

    private void work() {
        Random random = ThreadLocalRandom.current();
        while (!stop.get() && (maxRequests <= 0 || issued.incrementAndGet() <= maxRequests)) {
            int pick = random.nextInt(totalWeight);
            int k = 0;
            while (pick >= mix.get(k).weight()) {
                pick -= mix.get(k++).weight();
            }
            Family f = mix.get(k);
            String path = f.path().apply(random);
            String problem;
            long started = System.nanoTime();
            try {
                HttpResponse<byte[]> response = send(path);
                long nanos = System.nanoTime() - started;
                interval.record(nanos);
                familyLatency[k].record(nanos);
                problem = check(f, response);
            } catch (HttpTimeoutException e) {
                problem = "timeout (" + timeout.toSeconds() + " s)";
            } catch (IOException e) {
                problem = "socket error: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            requests.increment();
            familyRequests[k].increment();
            if (problem != null) {
                failed.increment();
                familyFailures[k].increment();
                String kind = problem.startsWith("socket error") ? "socket error" : problem;
                failureKinds.computeIfAbsent(kind, x -> new LongAdder()).increment();
                if (failureSamples.size() < SAMPLES_KEPT) {
                    String sample = String.format(
                            Locale.ROOT, "%.1f s: %s: %s", (System.nanoTime() - startNanos) / 1e9, path, problem);
                    failureSamples.add(sample);
                    BenchDriver.log("soak: FAILED %s", sample);
                }
            } else if (f.status() == 404) {
                notFound.increment();
            }
        }
    }

    // --- refreshes, the writer, reload() ---------------------------------------------------------

    /** Counts each refresh that ended since the last poll (its LastRefreshTime changed). */
    private void pollRefreshes() {
        try {
            String time = vault.getLastRefreshTime();
            if (time.equals(lastRefreshTime)) {
                return;
            }
            String outcome = vault.getLastRefreshOutcome();
            String message = vault.getLastRefreshMessage();
            long millis = vault.getLastRefreshDurationMillis();
            if (!time.equals(vault.getLastRefreshTime())) {
                return; // another one ended meanwhile: read it at the next poll
            }
            lastRefreshTime = time;
            refreshes.computeIfAbsent(outcome, x -> new LongAdder()).increment();
            refreshTotals.merge(outcome, 1L, Long::sum);
            refreshMaxMillis.accumulateAndGet(millis, Math::max);
            if ((outcome.equals("FAILED") || outcome.equals("REFUSED")) && refreshProblems.size() < SAMPLES_KEPT) {
                refreshProblems.add(time + " " + outcome + ": " + message);
                BenchDriver.log("soak: refresh %s: %s", outcome, message);
            }
        } catch (RuntimeException e) {
            BenchDriver.log("soak: cannot read the refresh state: %s", e);
        }
    }

    /** "INCREMENTAL 2, UNCHANGED 1" for the refreshes counted since the last call. */
    private String drainRefreshes() {
        Map<String, Long> counts = new TreeMap<>();
        refreshes.forEach((outcome, adder) -> {
            long n = adder.sumThenReset();
            if (n > 0) {
                counts.put(outcome, n);
            }
        });
        List<String> parts = new ArrayList<>();
        counts.forEach((outcome, n) -> parts.add(outcome + " " + n));
        return String.join(", ", parts);
    }

    private void writeBatch(MemcachedStorage storage, int updated, int added) {
        try {
            long number = batchesTotal.get();
            lastBatch = UpdateLog.write(storage, updated, added, number * 7919);
            batchesTotal.incrementAndGet();
            batches.increment();
        } catch (RuntimeException e) {
            writerErrors.incrementAndGet();
            BenchDriver.log("soak: the writer failed: %s", e);
        }
    }

    /** reload() through JMX; a scheduled refresh running at that moment makes it retry. */
    private void reload() {
        try {
            for (int attempt = 0; attempt < 100 && !stop.get(); attempt++) {
                String answer = vault.reload();
                String outcome = answer.substring(0, Math.max(0, answer.indexOf(':')));
                if (!outcome.equals("BUSY")) {
                    reloads.increment();
                    reloadAnswers.merge(outcome, 1L, Long::sum);
                    BenchDriver.log("soak: reload(): %s", answer);
                    return;
                }
                reloadBusy.incrementAndGet();
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            reloadAnswers.merge("error", 1L, Long::sum);
            BenchDriver.log("soak: reload() failed: %s", e);
        }
    }

    // --- totals ----------------------------------------------------------------------------------

    private int totals(LatencyHistogram.Snapshot latency) throws IOException {
        long all = 0;
        long failures = 0;
        for (int k = 0; k < mix.size(); k++) {
            Family f = mix.get(k);
            LatencyHistogram.Snapshot s = familyLatency[k].drain();
            String p = "soak.family." + k + ".";
            results.put(p + "name", f.name());
            results.put(p + "weight", f.weight());
            results.put(p + "status", f.status());
            results.put(p + "example", f.path().apply(new Random(k)));
            results.put(p + "requests", familyRequests[k].sum());
            results.put(p + "failures", familyFailures[k].sum());
            results.putMillis(p + "p50_ms", s.percentile(50));
            results.putMillis(p + "p99_ms", s.percentile(99));
            all += familyRequests[k].sum();
            failures += familyFailures[k].sum();
        }
        results.put("soak.families", mix.size());
        results.put("soak.total.requests", all);
        results.put("soak.total.failures", failures);
        results.putMillis("soak.total.p50_ms", latency.percentile(50));
        results.putMillis("soak.total.p99_ms", latency.percentile(99));
        results.putMillis("soak.total.max_ms", latency.max());
        results.put("soak.total.failure_kinds", describe(failureKinds));
        for (int i = 0; i < failureSamples.size(); i++) {
            results.put("soak.failure." + i, failureSamples.get(i));
        }
        results.put("soak.total.refreshes", describe(refreshTotals));
        results.put("soak.total.refresh_max_ms", refreshMaxMillis.get());
        long problems = refreshTotals.getOrDefault("FAILED", 0L) + refreshTotals.getOrDefault("REFUSED", 0L);
        results.put("soak.total.refresh_problems", problems);
        for (int i = 0; i < refreshProblems.size(); i++) {
            results.put("soak.refresh_problem." + i, refreshProblems.get(i));
        }
        results.put("soak.total.reloads", describe(reloadAnswers));
        results.put("soak.total.reload_busy_retries", reloadBusy.get());
        results.put("soak.total.batches", batchesTotal.get());
        results.put("soak.total.writer_errors", writerErrors.get());
        UpdateLog.Batch last = lastBatch;
        if (last != null) {
            results.put("soak.total.record_count_after", last.recordCountAfter());
            results.put("soak.total.update_count_after", last.updateCountAfter());
        }
        results.put("soak.generation_after", vault.getGeneration());
        results.put("soak.records_after", vault.getRecordCount());
        BenchDriver.log(
                "soak: %,d requests, %d failed; refreshes %s; reload() %s; %d batches written, %d writer errors",
                all,
                failures,
                describe(refreshTotals),
                describe(reloadAnswers),
                batchesTotal.get(),
                writerErrors.get());
        return failures > 0 || problems > 0 || writerErrors.get() > 0 ? PROBLEMS_FOUND : 0;
    }

    private static String describe(Map<String, ? extends Number> counts) {
        List<String> parts = new ArrayList<>();
        new TreeMap<>(counts).forEach((k, v) -> parts.add(k + " " + v.longValue()));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
