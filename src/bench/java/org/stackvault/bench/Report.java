package org.stackvault.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders one run's {@code results.properties} and wrk outputs as Markdown, ready to be
 * pasted into docs/benchmarks.md: the machine, then one table per measurement. Sections
 * whose figures are missing (a step that was not run) are left out.
 */
final class Report {
    private final Properties r;
    private final Path runDir;
    private final StringBuilder out = new StringBuilder();

    private Report(Properties results, Path runDir) {
        this.r = results;
        this.runDir = runDir;
    }

    static void write(Path runDir, Path file) throws IOException {
        Report report = new Report(new Results(runDir.resolve("results.properties")).read(), runDir);
        String markdown = report.render();
        Files.writeString(file, markdown, StandardCharsets.UTF_8);
        System.out.print(markdown);
    }

    // --- values ------------------------------------------------------------------------------

    private String s(String key) {
        return r.getProperty(key, "");
    }

    private boolean has(String key) {
        return r.containsKey(key);
    }

    private double d(String key) {
        return Double.parseDouble(r.getProperty(key, "NaN"));
    }

    private long l(String key) {
        return Long.parseLong(r.getProperty(key, "0"));
    }

    private static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "–";
        }
        if (millis >= 100) {
            return String.format(Locale.ROOT, "%,.0f ms", millis);
        }
        if (millis >= 10) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        return String.format(Locale.ROOT, "%.2f ms", millis);
    }

    private static String mib(double bytes) {
        return String.format(Locale.ROOT, "%,.1f MiB", bytes / (1024.0 * 1024.0));
    }

    private static String n(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String rps(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static String duration(long seconds) {
        return seconds >= 60 ? String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60) : seconds + " s";
    }

    private void line(String format, Object... args) {
        out.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args))
                .append('\n');
    }

    private WrkRun wrk(String name) throws IOException {
        Path file = runDir.resolve("wrk").resolve(name + ".txt");
        return Files.exists(file) ? WrkRun.parse(file) : null;
    }

    // --- the report --------------------------------------------------------------------------

    private String render() throws IOException {
        gc = GcLog.read(runDir.resolve("gc.log"));
        header();
        builds();
        heap();
        residentMemory();
        latency();
        ui();
        throughput();
        refreshUnderLoad();
        soak();
        gcPauses();
        return out.toString();
    }

    private GcLog gc;

    private String pauses(GcLog.Summary s) {
        return s.count() == 0
                ? "none"
                : String.format(
                        Locale.ROOT,
                        "%d, max %s, total %s%s",
                        s.count(),
                        ms(s.maxMillis()),
                        ms(s.totalMillis()),
                        s.full() > 0 ? ", **" + s.full() + " full**" : "");
    }

    /** GC pauses of each phase that has a recorded span (those the heap measurements cause left out). */
    private void gcPauses() {
        if (gc.isEmpty() || has("soak.intervals")) { // a soak gives each interval its pauses instead
            return;
        }
        List<String[]> phases = new ArrayList<>();
        for (String key : r.stringPropertyNames()) {
            if (key.startsWith("phase.") && key.endsWith(".start_ms")) {
                String name = key.substring("phase.".length(), key.length() - ".start_ms".length());
                phases.add(new String[] {name, s(key), s("phase." + name + ".end_ms")});
            }
        }
        phases.sort((a, b) -> Long.compare(Long.parseLong(a[1]), Long.parseLong(b[1])));
        line("### GC pauses by phase");
        line("");
        line("Stop-the-world pauses in Tomcat's GC log (`-Xlog:gc`, G1, in the run directory), by the phase of the "
                + "run they ended in; the full collections the heap measurements cause (`System.gc()`, jcmd's class "
                + "histograms) are left out.");
        line("");
        line("| phase | seconds | pauses |");
        line("| --- | ---: | --- |");
        for (String[] p : phases) {
            long from = Long.parseLong(p[1]);
            long to = Long.parseLong(p[2]);
            line("| %s | %d | %s |", p[0].replace('-', ' '), (to - from) / 1000, pauses(gc.between(from, to)));
        }
        line("");
    }

    private void header() {
        line(
                "## Stackvault %s: size %s (%s records)",
                has("soak.intervals") ? "soak" : "benchmark", s("meta.size"), n(l("meta.records")));
        line("");
        line(
                "`%s`, %s, total run time %s (%s).",
                s("meta.command"), s("meta.date"), duration(l("meta.total_s")), s("meta.phase_times"));
        line("");
        line("| | |");
        line("| --- | --- |");
        line("| machine | %s × %s, %s RAM, %s |", s("meta.nproc"), s("meta.cpu"), s("meta.ram"), s("meta.os"));
        line("| Java | %s |", s("meta.java_version").replace("\n", "; "));
        line(
                "| Stackvault | Tomcat %s, %s, refresh-interval %s s, consumer id %s |",
                s("meta.tomcat_version"),
                s("meta.heap").isEmpty()
                        ? "heap sized by tomcat/setenv.sh for `STACKVAULT_RECORDS=" + s("meta.records") + "`"
                        : "`STACKVAULT_HEAP=" + s("meta.heap") + "`",
                s("meta.refresh_interval"),
                s("meta.consumer_id"));
        if (has("meta.jvm_options")) {
            line("| JVM options | `%s` |", s("meta.jvm_options"));
        }
        line(
                "| memcached | %s, `-m %s -I 4m`: after loading %s items, %s of %s MB used, %s evictions |",
                s("meta.memcached_version"),
                s("meta.memcached_mb"),
                n(l("meta.memcached_items")),
                mib(l("meta.memcached_bytes")),
                s("meta.memcached_mb"),
                s("meta.memcached_evictions"));
        line(
                "| data | `%s`: %s dump (%s); %s; loaded into memcached by scripts/load-dump in %s s |",
                s("meta.generate_command"),
                mib(l("meta.dump_bytes")),
                s("meta.reference_data"),
                s("meta.generated"),
                s("meta.load_s"));
        line(
                "| load average | %s at start, %s at end (a shared machine: compare figures of one run, side by side) |",
                s("meta.loadavg_start"), s("meta.loadavg_end"));
        if ("yes".equals(s("meta.profile"))) {
            line("| profiling | `--profile`: every phase recorded with JFR (settings=profile); hottest methods in "
                    + "the run directory, `profile-*.txt` |");
        }
        line("");
    }

    private void builds() {
        if (!has("build.count")) {
            return;
        }
        int count = (int) l("build.count");
        line("### 1. Vault build from memcached");
        line("");
        line(
                "A full build (`reload()` through JMX, timed by the caller, and the vault's own "
                        + "`LastRefreshDurationMillis`), %d times in a row. Build 1 is the first build of this data in the "
                        + "process, JIT-cold (the only builds before it were of the empty memcached).",
                count);
        line("");
        line("| build | reload() wall time | LastRefreshDurationMillis | records | users |");
        line("| --- | ---: | ---: | ---: | ---: |");
        List<Double> warmWall = new ArrayList<>();
        List<Double> warmDuration = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String p = "build." + i + ".";
            line(
                    "| %s | %s | %s | %s | %s |",
                    i == 1 ? "1 (JIT-cold)" : Integer.toString(i),
                    ms(d(p + "wall_ms")),
                    ms(d(p + "duration_ms")),
                    n(l(p + "records")),
                    n(l(p + "users")));
            if (i > 1) {
                warmWall.add(d(p + "wall_ms"));
                warmDuration.add(d(p + "duration_ms"));
            }
        }
        if (!warmWall.isEmpty()) {
            line(
                    "| **median of builds 2–%d** | **%s** | **%s** | | |",
                    count,
                    ms(Samples.median(
                            warmWall.stream().mapToDouble(Double::doubleValue).toArray())),
                    ms(Samples.median(warmDuration.stream()
                            .mapToDouble(Double::doubleValue)
                            .toArray())));
        }
        line("");
        if (!warmWall.isEmpty()) { // scripts/bench --ui-only builds once: no warm build
            double perRecord = Samples.median(
                            warmWall.stream().mapToDouble(Double::doubleValue).toArray())
                    / Math.max(1, l("build." + count + ".records"))
                    * 1000;
            line("Warm build: %.2f µs per record. Values skipped by the builds: %s.", perRecord, s("build.skipped"));
        } else {
            line("Values skipped by the build: %s.", s("build.skipped"));
        }
        line("");
    }

    private void heap() {
        if (!has("heap.empty.bytes") || !has("heap.loaded.bytes")) {
            return;
        }
        long empty = l("heap.empty.bytes");
        long loaded = l("heap.loaded.bytes");
        long records = l("heap.loaded.records");
        line("### 2. Retained heap");
        line("");
        line(
                "Heap used after two full GCs (`MemoryMXBean.gc()` twice, then `HeapMemoryUsage.used`), cached "
                        + "responses dropped, in one Tomcat process: first with the empty vault that reload() "
                        + "published from the empty memcached (refreshes refuse a source without records; one request per "
                        + "endpoint after it, so the classes of a build and a request are loaded), then after the builds "
                        + "of section 1. Heap max %s.",
                mib(l("heap.max_bytes")));
        line("");
        line("| state | records | heap used |");
        line("| --- | ---: | ---: |");
        line("| empty vault | %s | %s |", n(l("heap.empty.records")), mib(empty));
        line("| data loaded | %s | %s |", n(records), mib(loaded));
        line(
                "| **difference: the vault** | | **%s = %,.0f bytes per record** |",
                mib(loaded - empty), (double) (loaded - empty) / Math.max(1, records));
        if (has("heap.before-refresh.bytes") && has("heap.after-refresh.bytes")) {
            // after the wrk runs Tomcat keeps recycled connection processors and their buffers:
            // compare these rows with each other, not with the two above
            long before = l("heap.before-refresh.bytes");
            long beforeRecords = l("heap.before-refresh.records");
            long after = l("heap.after-refresh.bytes");
            long afterRecords = l("heap.after-refresh.records");
            line(
                    "| section 5, before the updates (after the wrk runs: Tomcat's recycled connection buffers "
                            + "included) | %s | %s |",
                    n(beforeRecords), mib(before));
            line(
                    "| section 5, after the incremental refresh | %s | %s: **%+,.0f bytes per added record** |",
                    n(afterRecords), mib(after), (double) (after - before) / Math.max(1, afterRecords - beforeRecords));
            if (has("heap.reloaded.bytes")) {
                long reloaded = l("heap.reloaded.bytes");
                line(
                        "| section 5, the same records after a full reload() | %s | %s (%+,.1f MiB against the "
                                + "incremental build) |",
                        n(l("heap.reloaded.records")), mib(reloaded), (reloaded - after) / (1024.0 * 1024.0));
            }
        }
        line("");
        line("Class histograms of each state (`jcmd <pid> GC.class_histogram`, top 60 lines) are in the run "
                + "directory, `histogram-*.txt`.");
        line("");
    }

    /** The measured states, in the order of a run, with what each is. */
    private static final String[][] RSS_STATES = {
        {"empty", "empty vault (after one request per endpoint)"},
        {"loaded", "**after load** (the builds of section 1)"},
        {"before-refresh", "after the cached runs (sections 3 and 4)"},
        {"after-refresh", "**after the incremental refresh under load** (section 5)"},
        {"reloaded", "after a full reload() of the same records"},
    };

    /**
     * The JVM's resident memory beside its heap at each measured state: RSS as the process
     * was (before the full GCs of the retained-heap measurement), committed and used heap,
     * direct buffers; and with --nmt, the JVM's own account of its native memory.
     */
    private void residentMemory() throws IOException {
        if (!has("heap.loaded.rss_bytes")) {
            return;
        }
        line("### 2b. Resident memory");
        line("");
        line("RSS (`VmRSS` of `/proc/<pid>/status`) of Tomcat's JVM at each state, read before the two full GCs of "
                + "section 2 (which may give heap back; after the quiet spell below, where there was one), beside the heap the JVM had committed and used then, its "
                + "direct buffers (Ehcache's off-heap store, NIO), and the RSS and committed heap after those GCs.");
        line("");
        line("| state | **RSS** | heap committed | heap used | direct buffers | retained heap | RSS after the GCs |"
                + " committed after the GCs |");
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (String[] state : RSS_STATES) {
            String p = "heap." + state[0] + ".";
            if (!has(p + "rss_bytes")) {
                continue;
            }
            line(
                    "| %s | **%s** | %s | %s | %s | %s | %s | %s |",
                    state[1],
                    mb(l(p + "rss_bytes")),
                    mib(l(p + "committed_bytes")),
                    mib(l(p + "used_bytes")),
                    mib(l(p + "direct_bytes")),
                    mib(l(p + "bytes")),
                    mb(l(p + "rss_after_gc_bytes")),
                    mib(l(p + "committed_after_gc_bytes")));
        }
        line("");
        if (has("rss.after-builds.bytes")) {
            line("The RSS at the moments issue 14 sets its target for, as the process was (no GC forced): at once, "
                    + "and after a quiet spell without requests that ends when G1's periodic collection "
                    + "(`G1PeriodicGCInterval`) and its concurrent cycle have run.");
            line("");
            line("| moment | RSS at once | RSS after the quiet spell |");
            line("| --- | ---: | ---: |");
            line(
                    "| after load (right after the 4 builds of section 1) | **%s** | **%s**%s |",
                    mb(l("rss.after-builds.bytes")),
                    has("rss.after-builds-quiet.bytes") ? mb(l("rss.after-builds-quiet.bytes")) : "–",
                    has("rss.after-builds-quiet.quiet_s") ? " (" + s("rss.after-builds-quiet.quiet_s") + " s)" : "");
            if (has("rss.after-refresh.bytes")) {
                line(
                        "| after the incremental refresh under load (as its wrk run ends) | **%s** | **%s**%s |",
                        mb(l("rss.after-refresh.bytes")),
                        has("rss.after-refresh-quiet.bytes") ? mb(l("rss.after-refresh-quiet.bytes")) : "–",
                        has("rss.after-refresh-quiet.quiet_s")
                                ? " (" + s("rss.after-refresh-quiet.quiet_s") + " s)"
                                : "");
            }
            line("");
        }
        if (has("refresh.rss_peak_bytes")) {
            line(
                    "During the refresh of section 5: RSS %s when refresh() was called, **peak %s**, %s when it "
                            + "returned; committed heap peak %s. ",
                    mb(l("refresh.rss_before_bytes")),
                    mb(l("refresh.rss_peak_bytes")),
                    mb(l("refresh.rss_after_bytes")),
                    mib(l("refresh.heap_committed_peak_bytes")));
        }
        if (has("rss.end.bytes")) {
            line(
                    "At the end of the run: RSS %s; the largest RSS of the whole run (`VmHWM`) %s.",
                    mb(l("rss.end.bytes")), mb(l("rss.end.peak_bytes")));
        }
        line("");
        nativeMemory();
    }

    /** {@code jcmd <pid> VM.native_memory summary} of each state, committed KB per category. */
    private void nativeMemory() throws IOException {
        List<String> states = new ArrayList<>();
        List<Map<String, Long>> committed = new ArrayList<>();
        LinkedHashSet<String> categories = new LinkedHashSet<>();
        Pattern total = Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB");
        Pattern category = Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");
        for (String[] state : RSS_STATES) {
            Path file = runDir.resolve("nmt-" + state[0] + ".txt");
            if (!Files.exists(file)) {
                continue;
            }
            Map<String, Long> values = new LinkedHashMap<>();
            for (String text : Files.readAllLines(file)) {
                Matcher m = total.matcher(text.trim());
                if (m.find()) {
                    values.put("Total", Long.parseLong(m.group(2)));
                }
                m = category.matcher(text.trim());
                if (m.find()) {
                    values.put(m.group(1).trim(), Long.parseLong(m.group(3)));
                }
            }
            if (values.isEmpty()) {
                continue;
            }
            states.add(state[0]);
            committed.add(values);
            categories.addAll(values.keySet());
        }
        if (states.isEmpty()) {
            return;
        }
        line("Native Memory Tracking (`-XX:NativeMemoryTracking=summary`, `jcmd <pid> VM.native_memory summary` "
                + "before the GCs of each state): committed memory by category, MiB. Committed is an upper bound of "
                + "what is resident (pages never touched are committed, not resident); the categories not listed "
                + "by the JVM (the C library's malloc arenas, the JVM binary's own code) are in the RSS, not here.");
        line("");
        line("| category | " + String.join(" | ", states) + " |");
        line("|" + " --- |" + " ---: |".repeat(states.size()));
        categories.remove("Total");
        List<String> rows = new ArrayList<>(categories);
        rows.add("Total");
        for (String c : rows) {
            StringBuilder row = new StringBuilder("| " + ("Total".equals(c) ? "**total committed**" : c) + " |");
            for (Map<String, Long> values : committed) {
                Long kb = values.get(c);
                row.append(' ')
                        .append(kb == null ? "–" : String.format(Locale.ROOT, "%,.1f", kb / 1024.0))
                        .append(" |");
            }
            line(row.toString());
        }
        line("");
    }

    /** Bytes as decimal megabytes (the RSS target of issue 14 is in MB). */
    private static String mb(double bytes) {
        return bytes < 0 ? "–" : String.format(Locale.ROOT, "%,.0f MB", bytes / 1e6);
    }

    private void latency() {
        if (!has("latency.queries")) {
            return;
        }
        int queries = (int) l("latency.queries");
        line("### 3. Single-thread latency of uncached queries");
        line("");
        line(
                "One client thread (java.net.http, keep-alive), `clearResponseCache()` through JMX before each request "
                        + "(not timed), so every answer is computed; time = request sent to last byte received. %s warm-up "
                        + "rounds, then %s measured rounds over the whole set in turn. p99 of %s samples (nearest rank) is "
                        + "their maximum.",
                s("latency.warmup"), s("latency.runs"), s("latency.runs"));
        line("");
        line("| query | median | p99 | min | response |");
        line("| --- | ---: | ---: | ---: | ---: |");
        for (int i = 0; i < queries; i++) {
            String p = "latency." + i + ".";
            line(
                    "| `%s` | %s | %s | %s | %s bytes |",
                    s(p + "path"), ms(d(p + "median_ms")), ms(d(p + "p99_ms")), ms(d(p + "min_ms")), n(l(p + "bytes")));
        }
        line("");
    }

    private void ui() {
        if (!has("ui.server.pages")) {
            return;
        }
        line("### 3b. The dashboard (UI)");
        line("");
        line(
                "Server time of the overview's HTML: one client thread, `clearResponseCache()` through JMX before "
                        + "each request (not timed), request sent to last byte received; %s warm-up rounds, then %s "
                        + "measured rounds over the pages in turn. On the wire: the same page asked with "
                        + "`Accept-Encoding: gzip`.",
                s("ui.server.warmup"), s("ui.server.runs"));
        line("");
        line("| page | median | p90 | p99 | HTML | on the wire |");
        line("| --- | ---: | ---: | ---: | ---: | ---: |");
        for (int i = 0; i < l("ui.server.pages"); i++) {
            String p = "ui.server." + i + ".";
            line(
                    "| `%s` | %s | %s | %s | %s bytes | %s bytes (%s) |",
                    s(p + "path"),
                    ms(d(p + "median_ms")),
                    ms(d(p + "p90_ms")),
                    ms(d(p + "p99_ms")),
                    n(l(p + "bytes")),
                    n(l(p + "wire_bytes")),
                    s(p + "encoding"));
        }
        line("");
        uiReports();
        uiApi();
        if (!has("ui.browser.pages")) {
            return;
        }
        line(
                "Headless Chromium %s (the browser suite's flags, 1280×1000): navigation start until the page is "
                        + "complete (`<html data-ready=\"true\">` when it loads stackvault.js, else the load event's "
                        + "end); median of %s visits after one warm-up. First visit: about:blank, the browser's cache "
                        + "cleared, the page; repeat visit: about:blank, the page again. Bytes: Resource Timing's "
                        + "`transferSize` of the document and every resource (compressed bodies and headers; 0 from "
                        + "the cache).",
                s("meta.chromium_version"), s("ui.browser.runs"));
        line("");
        line("| page | complete at | first visit | max | repeat visit | first transfer | repeat transfer | requests |");
        line("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int i = 0; i < l("ui.browser.pages"); i++) {
            String p = "ui.browser." + i + ".";
            line(
                    "| `%s` | %s | %s | %s | %s | %s bytes | %s bytes | %s |",
                    s(p + "path"),
                    s(p + "until"),
                    ms(d(p + "first_median_ms")),
                    ms(d(p + "first_max_ms")),
                    ms(d(p + "repeat_median_ms")),
                    n(l(p + "first_bytes")),
                    n(l(p + "repeat_bytes")),
                    s(p + "requests"));
        }
        line("");
    }

    /** The reports' server times (issue 13), the same way, against the target of 100 ms (median). */
    private void uiReports() {
        if (!has("ui.report.pages")) {
            return;
        }
        line(
                "Server time of each report, measured the same way (%s warm-up and %s measured rounds; ids from the "
                        + "data: the busiest company, module and contributor by commits, the newest record). Not "
                        + "measured (no 200 answer): %s.",
                s("ui.report.warmup"), s("ui.report.runs"), s("ui.report.skipped"));
        line("");
        line("| report | median | p90 | p99 | target (median) | met? | body | on the wire |");
        line("| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |");
        for (int i = 0; i < l("ui.report.pages"); i++) {
            String p = "ui.report." + i + ".";
            line(
                    "| `%s` | %s | %s | %s | 100 ms | %s | %s bytes | %s bytes (%s) |",
                    s(p + "path"),
                    ms(d(p + "median_ms")),
                    ms(d(p + "p90_ms")),
                    ms(d(p + "p99_ms")),
                    d(p + "median_ms") <= 100 ? "yes" : "**no**",
                    n(l(p + "bytes")),
                    n(l(p + "wire_bytes")),
                    s(p + "encoding"));
        }
        line("");
    }

    /** Where the overview's server time goes: the API answers behind it, uncached. */
    private void uiApi() {
        if (!has("ui.api.pages")) {
            return;
        }
        line("The API answers behind `/` (the same defaults, uncached, measured the same way): the page's "
                + "queries; its server time less their sum is the rendering of the HTML.");
        line("");
        line("| API | median | p90 | p99 | JSON |");
        line("| --- | ---: | ---: | ---: | ---: |");
        double sum = 0;
        for (int i = 0; i < l("ui.api.pages"); i++) {
            String p = "ui.api." + i + ".";
            sum += s(p + "path").endsWith("stats/timeline") ? 0 : d(p + "median_ms");
            line(
                    "| `%s` | %s | %s | %s | %s bytes |",
                    s(p + "path"), ms(d(p + "median_ms")), ms(d(p + "p90_ms")), ms(d(p + "p99_ms")), n(l(p + "bytes")));
        }
        line("| sum of the medians (without the timeline the script fetches) | %s | | | |", ms(sum));
        line("");
    }

    private void throughput() throws IOException {
        if (!has("wrk.connections")) {
            return;
        }
        int rounds = (int) l("wrk.rounds");
        line("### 4. Cached responses under wrk, beside nginx serving the same bytes");
        line("");
        line(
                "`%s` (%s bytes, `%s`), cached by Stackvault (warmed first); nginx %s serves the same bytes as a "
                        + "static file with the same Content-Type (and Stackvault's CORS/nosniff headers) from a config in "
                        + "target/bench/ (%s). `wrk --latency -d %ss -t min(c,2) -c c`; per connection count the runs "
                        + "alternate (Stackvault, nginx, nginx, Stackvault, ...), %d run(s) each; figures are the means. "
                        + "wrk runs on the same 2 cores as the server.",
                s("wrk.path"),
                n(l("wrk.body_bytes")),
                s("wrk.content_type"),
                s("meta.nginx_version"),
                s("wrk.nginx_note"),
                s("wrk.duration_s"),
                rounds);
        line("");
        line("| connections | Stackvault req/s | nginx req/s | **Stackvault / nginx** | Stackvault p50 | nginx p50 "
                + "| Stackvault p99 | nginx p99 | failed (Stackvault, nginx) |");
        line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (String c : s("wrk.connections").trim().split("\\s+")) {
            double[] sv = mean(c, "stackvault", rounds);
            double[] nx = mean(c, "nginx", rounds);
            if (sv == null || nx == null) {
                continue;
            }
            line(
                    "| %s | %s | %s | **%s** | %s | %s | %s | %s | %d, %d |",
                    c,
                    rps(sv[0]),
                    rps(nx[0]),
                    ratio(sv[0], nx[0]),
                    ms(sv[1]),
                    ms(nx[1]),
                    ms(sv[2]),
                    ms(nx[2]),
                    (long) sv[3],
                    (long) nx[3]);
        }
        line("");
        line("Single runs (req/s): %s.", singleRuns(rounds));
        line("");
    }

    /** Mean requests/s, p50, p99 and the summed failures over the rounds, or null if none ran. */
    private double[] mean(String connections, String server, int rounds) throws IOException {
        double[] sum = new double[4];
        int found = 0;
        for (int round = 1; round <= rounds; round++) {
            WrkRun run = wrk(server + "-c" + connections + "-r" + round);
            if (run == null) {
                continue;
            }
            found++;
            sum[0] += run.requestsPerSecond();
            sum[1] += run.p50Millis();
            sum[2] += run.p99Millis();
            sum[3] += run.failures();
        }
        if (found == 0) {
            return null;
        }
        return new double[] {sum[0] / found, sum[1] / found, sum[2] / found, sum[3]};
    }

    private String singleRuns(int rounds) throws IOException {
        List<String> parts = new ArrayList<>();
        for (String c : s("wrk.connections").trim().split("\\s+")) {
            List<String> runs = new ArrayList<>();
            for (String server : List.of("stackvault", "nginx")) {
                List<String> values = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    WrkRun run = wrk(server + "-c" + c + "-r" + round);
                    if (run != null) {
                        values.add(rps(run.requestsPerSecond()));
                    }
                }
                runs.add(server + " " + String.join(" / ", values));
            }
            parts.add("c=" + c + ": " + String.join(", ", runs));
        }
        return String.join("; ", parts);
    }

    private void refreshUnderLoad() throws IOException {
        WrkRun steady = wrk("steady");
        WrkRun swap = wrk("swap");
        if (steady == null || swap == null || !has("refresh.outcome")) {
            return;
        }
        double startOffset = (l("refresh.started_epoch_ms") - l("rul.swap_wrk_started_epoch_ms")) / 1000.0;
        double endOffset = (l("refresh.ended_epoch_ms") - l("rul.swap_wrk_started_epoch_ms")) / 1000.0;
        line("### 5. Refresh under load");
        line("");
        line(
                "%s updated records (an existing record, `date` + 1 s) and %s new ones (copies of existing records "
                        + "with the next ids and unique primary keys; `record:count` %s → %s) written into memcached as the "
                        + "processor writes them (`record:N`, then `update:K` = record id, then `update:count` %s → %s; "
                        + "values as python-memcached stores them), in %s s. Then `wrk -t2 -c10 -d%ss --latency` on %s "
                        + "cached URLs in turn (%s) twice: a steady run, and a run during which `refresh()` is called "
                        + "through JMX (the heap polled every %s ms through JMX meanwhile).",
                n(l("updates.updated")),
                n(l("updates.new")),
                n(l("updates.record_count_before")),
                n(l("updates.record_count_after")),
                n(l("updates.update_count_before")),
                n(l("updates.update_count_after")),
                s("updates.seconds"),
                s("rul.duration_s"),
                s("rul.paths_count"),
                s("rul.paths"),
                s("refresh.poll_ms"));
        line("");
        line("| | steady run | run with the swap |");
        line("| --- | ---: | ---: |");
        line("| requests/s | %s | %s |", rps(steady.requestsPerSecond()), rps(swap.requestsPerSecond()));
        line("| p50 | %s | %s |", ms(steady.p50Millis()), ms(swap.p50Millis()));
        line("| p90 | %s | %s |", ms(steady.p90Millis()), ms(swap.p90Millis()));
        line("| **p99** | **%s** | **%s** |", ms(steady.p99Millis()), ms(swap.p99Millis()));
        line("| max | %s | %s |", ms(steady.maxMillis()), ms(swap.maxMillis()));
        line("| requests | %s | %s |", n(steady.requests()), n(swap.requests()));
        line("| **failed** (non-2xx + socket errors) | **%s** | **%s** |", steady.failureText(), swap.failureText());
        if (!gc.isEmpty() && has("rul.steady_wrk_started_epoch_ms")) {
            long steadyStart = l("rul.steady_wrk_started_epoch_ms");
            long swapStart = l("rul.swap_wrk_started_epoch_ms");
            long length = (long) (steady.seconds() * 1000);
            line(
                    "| GC pauses during the run | %s | %s |",
                    pauses(gc.between(steadyStart, steadyStart + length)),
                    pauses(gc.between(swapStart, swapStart + (long) (swap.seconds() * 1000))));
        }
        line("");
        line("| refresh() | |");
        line("| --- | --- |");
        line("| outcome | **%s** (`%s`) |", s("refresh.outcome"), s("refresh.answer"));
        line(
                "| time | **%s** wall (JMX call), LastRefreshDurationMillis %s; from %.1f s to %.1f s into the %s s run |",
                ms(d("refresh.wall_ms")), ms(d("refresh.duration_ms")), startOffset, endOffset, s("rul.duration_s"));
        line(
                "| vault | generation %s → %s, records %s → %s |",
                s("refresh.generation_before"),
                s("refresh.generation_after"),
                n(l("refresh.records_before")),
                n(l("refresh.records_after")));
        line(
                "| heap | used %s when refresh() was called, **peak %s** during it (%s polls), max %s |",
                mib(l("refresh.heap_before_bytes")),
                mib(l("refresh.heap_peak_bytes")),
                s("refresh.heap_polls"),
                mib(l("refresh.heap_max_bytes")));
        line("");
    }

    private static String clock(long millis) {
        long seconds = Math.round(millis / 1000.0);
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "–" : String.format(Locale.ROOT, "%.0f %%", 100.0 * part / whole);
    }

    private String heapAfterGc(GcLog.Summary g) {
        if (g.minHeapAfterBytes() < 0) {
            return "–";
        }
        return g.minHeapAfterBytes() == g.maxHeapAfterBytes()
                ? mib(g.minHeapAfterBytes())
                : String.format(
                        Locale.ROOT,
                        "%,.0f–%,.0f MiB",
                        g.minHeapAfterBytes() / 1048576.0,
                        g.maxHeapAfterBytes() / 1048576.0);
    }

    private String gcColumn(GcLog.Summary g) {
        return g.count() == 0
                ? "none"
                : String.format(
                        Locale.ROOT,
                        "%d, max %s%s",
                        g.count(),
                        ms(g.maxMillis()),
                        g.full() > 0 ? ", **" + g.full() + " full**" : "");
    }

    /** scripts/soak: one row per interval, then the totals and the request mix. */
    private void soak() {
        if (!has("soak.intervals")) {
            return;
        }
        int intervals = (int) l("soak.intervals");
        long start = l("soak.start_ms");
        long end = l("soak." + intervals + ".end_ms"); // when the last request ended
        long requests = l("soak.total.requests");
        long failures = l("soak.total.failures");
        long refreshProblems = l("soak.total.refresh_problems");
        long writerErrors = l("soak.total.writer_errors");
        String endedBadly = has("soak.ended_badly") ? s("soak.ended_badly") : null; // seen by scripts/soak
        boolean pass = failures == 0 && refreshProblems == 0 && writerErrors == 0 && endedBadly == null;
        line(
                "### Soak: %s at %s connections, refreshes every %s s",
                duration((end - start) / 1000), s("soak.connections"), s("meta.refresh_interval"));
        line("");
        line(
                "%s client threads (java.net.http, HTTP/1.1 keep-alive, a %s s timeout) send requests back to back, "
                        + "drawn at random from the mix below: fixed URLs, cached after their first answer in each "
                        + "generation; URLs with companies, modules, users, metrics and pages drawn from the data, mostly "
                        + "cache misses; and URLs that must answer 404. Meanwhile a writer puts a batch of %s updated and "
                        + "%s new records into memcached every %s s as the processor does (`record:N`, `update:K`, "
                        + "`update:count`), the scheduler refreshes every %s s by itself, and `reload()` runs through JMX "
                        + "every %s s. A request **fails** when its status is not the one its URL expects, its body is not "
                        + "JSON (JSONP), or on a socket error or timeout. Latency: request sent to last byte received, on "
                        + "the same cores as the server; percentiles within 1 %%. Heap used: at the end of the interval "
                        + "(JMX); heap after GC: the least and most left by a GC pause of the interval (GC log).",
                s("soak.connections"),
                s("soak.timeout_s"),
                n(l("soak.updated_per_batch")),
                n(l("soak.new_per_batch")),
                s("soak.write_s"),
                s("meta.refresh_interval"),
                s("soak.reload_s"));
        line("");
        line(
                "**%s**: %s requests, **%s failed**; refreshes: %s; FAILED or REFUSED refreshes: **%d**; writer "
                        + "errors: %d.",
                pass ? "PASS" : "FAIL",
                n(requests),
                n(failures),
                s("soak.total.refreshes"),
                refreshProblems,
                writerErrors);
        line("");
        if (endedBadly != null) {
            line("**At the end**: %s.", endedBadly);
            line("");
        }
        line("| time | requests/s | failed | 404 (expected) | p50 | **p99** | max | cache hits | heap used | heap "
                + "after GC | GC pauses | threads | open files | generation | records | refreshes ended |");
        line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: "
                + "| --- |");
        for (int i = 1; i <= intervals; i++) {
            String p = "soak." + i + ".";
            long from = l(p + "start_ms");
            long to = l(p + "end_ms");
            GcLog.Summary g = gc.between(from, to);
            String refreshed = s(p + "refreshes");
            line(
                    "| %s | %s | %s | %s | %s | **%s** | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
                    clock(to - start),
                    rps(l(p + "requests") / Math.max(0.001, d(p + "seconds"))),
                    l(p + "failures") == 0 ? "0" : "**" + n(l(p + "failures")) + "**",
                    n(l(p + "not_found")),
                    ms(d(p + "p50_ms")),
                    ms(d(p + "p99_ms")),
                    ms(d(p + "max_ms")),
                    percent(l(p + "cache_hits"), l(p + "cache_hits") + l(p + "cache_misses")),
                    mib(l(p + "heap_used")),
                    heapAfterGc(g),
                    gcColumn(g),
                    s(p + "threads"),
                    s(p + "open_files"),
                    s(p + "generation"),
                    n(l(p + "records")),
                    refreshed.isEmpty() ? "–" : refreshed);
        }
        line("");
        GcLog.Summary all = gc.between(start, end);
        GcLog.Summary first = gc.between(l("soak.1.start_ms"), l("soak.1.end_ms"));
        GcLog.Summary last = gc.between(l("soak." + intervals + ".start_ms"), l("soak." + intervals + ".end_ms"));
        line("| totals | |");
        line("| --- | --- |");
        line(
                "| requests | %s in %s: %s per second; %s answered 404 as their URL expects |",
                n(requests),
                duration((end - start) / 1000),
                rps(requests / Math.max(0.001, (end - start) / 1000.0)),
                n(sum("not_found", intervals)));
        line(
                "| **failed requests** | **%s**%s |",
                n(failures), failures == 0 ? "" : " (" + s("soak.total.failure_kinds") + ")");
        line(
                "| latency, whole run | p50 %s, **p99 %s**, max %s |",
                ms(d("soak.total.p50_ms")), ms(d("soak.total.p99_ms")), ms(d("soak.total.max_ms")));
        line(
                "| refreshes that ended | %s; the longest %s |",
                s("soak.total.refreshes"), ms(l("soak.total.refresh_max_ms")));
        line(
                "| reload() through JMX | %s (%s retries after BUSY: a scheduled refresh was running) |",
                s("soak.total.reloads"), s("soak.total.reload_busy_retries"));
        line(
                "| writer | %s batches; `record:count` %s → %s, `update:count` → %s; %s errors |",
                n(l("soak.total.batches")),
                n(l("soak.records_before")),
                n(l("soak.total.record_count_after")),
                n(l("soak.total.update_count_after")),
                s("soak.total.writer_errors"));
        line(
                "| vault | generation %s → %s, records %s → %s |",
                s("soak.generation_before"),
                s("soak.generation_after"),
                n(l("soak.records_before")),
                n(l("soak.records_after")));
        line(
                "| heap after GC | first interval %s, last interval %s (max heap %s) |",
                heapAfterGc(first), heapAfterGc(last), mib(l("soak.heap_max_bytes")));
        line(
                "| retained heap (two full GCs, cache cleared) | before the load %s, after it %s (class histograms: "
                        + "`histogram-before.txt`, `histogram-after.txt` in the run directory) |",
                mib(l("soak.retained_before_bytes")), mib(l("soak.retained_after_bytes")));
        line("| GC pauses | %s |", pauses(all));
        line("| memcached | evictions at the end: %s |", s("meta.memcached_evictions_end"));
        line("");
        line("| request | share | expects | requests | failed | p50 | p99 | example |");
        line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        int families = (int) l("soak.families");
        long weights = 0;
        for (int k = 0; k < families; k++) {
            weights += l("soak.family." + k + ".weight");
        }
        for (int k = 0; k < families; k++) {
            String p = "soak.family." + k + ".";
            line(
                    "| %s | %s | %s | %s | %s | %s | %s | `%s` |",
                    s(p + "name"),
                    percent(l(p + "weight"), weights),
                    s(p + "status"),
                    n(l(p + "requests")),
                    n(l(p + "failures")),
                    ms(d(p + "p50_ms")),
                    ms(d(p + "p99_ms")),
                    s(p + "example"));
        }
        line("");
        samples("Failed requests (the first ones)", "soak.failure.");
        samples("Refreshes that FAILED or were REFUSED", "soak.refresh_problem.");
    }

    private long sum(String figure, int intervals) {
        long total = 0;
        for (int i = 1; i <= intervals; i++) {
            total += l("soak." + i + "." + figure);
        }
        return total;
    }

    private void samples(String title, String prefix) {
        if (!has(prefix + "0")) {
            return;
        }
        line("%s:", title);
        line("");
        for (int i = 0; has(prefix + i); i++) {
            line("* `%s`", s(prefix + i));
        }
        line("");
    }
}
