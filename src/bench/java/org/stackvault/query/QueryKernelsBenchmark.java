package org.stackvault.query;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.stackvault.cli.GenerateData;
import org.stackvault.cli.Progress;
import org.stackvault.source.DumpStorage;
import org.stackvault.vault.BuildProgress;
import org.stackvault.vault.ConsumerId;
import org.stackvault.vault.RefreshResult;
import org.stackvault.vault.SkippedValues;
import org.stackvault.vault.Vault;
import org.stackvault.vault.VaultBuilder;
import org.stackvault.vault.VaultHolder;

/**
 * The query kernels behind an uncached API answer, on a vault built in this JVM from a
 * generated data set (a dump read into a {@link DumpStorage}, built by {@link VaultBuilder}
 * through a {@link VaultHolder}, as Stackvault builds it from memcached): the record filter
 * alone ({@link RecordFilter#select}), and through {@link Queries} with a {@link RequestParams}
 * lambda as the API calls them, {@code stats/companies} and {@code stats/engineers}
 * ({@link StatsQuery#aggregate}), {@code stats/timeline} ({@link TimelineQuery#timeline}) and
 * {@code contribution} ({@link ContributionQuery#summary}). No JSON, no HTTP: see scripts/bench
 * for those.
 *
 * <p>{@code scope=all}: {@code release=all} (and the defaults metric=marks,
 * project_type=openstack); {@code scope=filtered}: {@code release=all&company=<the company
 * with the most commits>}.
 *
 * <p>The data set: the dump named by {@code -Dstackvault.bench.dump=FILE} (or the environment
 * variable {@code STACKVAULT_BENCH_DUMP}, which forked JVMs inherit), else one generated
 * in a temporary file ({@code -Dstackvault.bench.records=N}, default 100,000, seed 42,
 * {@code -Dstackvault.bench.default-data=FILE} or the built-in reference data).
 *
 * <pre>
 * scripts/bench --jmh [--size S|M|L]
 * # or by hand, from the project root:
 * mvn -Dmaven.test.skip=true package dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/bench/classpath.txt
 * java -cp target/stackvault-tools.jar:target/classes:$(cat target/bench/classpath.txt) org.openjdk.jmh.Main \
 *     QueryKernelsBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s \
 *     -jvmArgsAppend -Dstackvault.bench.dump=target/bench/data/stackalytics-100000-seed42.pickle
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// AlwaysPreTouch: without it the first iterations page-fault on fresh eden (16 ms instead of 1.2 ms a select)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseG1GC", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class QueryKernelsBenchmark {
    @Param({"all", "filtered"})
    public String scope;

    private Vault vault;
    private Queries queries;
    private RequestParams params;
    private Filter filter;
    private long now;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        vault = buildVault(dumpFile());
        InstantSource clock = InstantSource.system();
        now = clock.instant().getEpochSecond();
        queries = new Queries(Defaults.ORIGINAL, clock);
        if (scope.equals("all")) {
            params = name -> name.equals("release") ? "all" : null;
        } else {
            String company = busiestCompany();
            params = name -> switch (name) {
                case "release" -> "all";
                case "company" -> company;
                default -> null;
            };
        }
        filter = Filter.parse(params, vault, Defaults.ORIGINAL);
        System.err.printf(
                "vault: %,d records; %s selects %,d rows%n",
                vault.recordCount(),
                scope,
                RecordFilter.select(vault, filter, now).size());
    }

    private static Path dumpFile() throws Exception {
        String dump = System.getProperty("stackvault.bench.dump", System.getenv("STACKVAULT_BENCH_DUMP"));
        if (dump != null && !dump.isEmpty()) {
            return Path.of(dump);
        }
        long records = Long.getLong("stackvault.bench.records", 100_000);
        String defaultData = System.getProperty("stackvault.bench.default-data");
        Path file = Files.createTempFile("stackvault-bench-", ".pickle");
        file.toFile().deleteOnExit();
        GenerateData.generate(
                new GenerateData.Settings(
                        records, 42, defaultData == null || defaultData.isEmpty() ? null : Path.of(defaultData), file),
                new Progress(
                        "generate-data",
                        records,
                        new PrintStream(OutputStream.nullOutputStream()),
                        false,
                        System::nanoTime));
        return file;
    }

    /** Builds the vault as Stackvault does (full build, two decoder threads), from a dump held in memory. */
    static Vault buildVault(Path dump) throws IOException {
        DumpStorage storage = DumpStorage.load(dump);
        ExecutorService decoders = Executors.newFixedThreadPool(2);
        try {
            VaultHolder holder = new VaultHolder(
                    new VaultBuilder(
                            storage,
                            ConsumerId.of("1"),
                            decoders,
                            2,
                            new BuildProgress(),
                            new SkippedValues(),
                            InstantSource.system()),
                    List.of(),
                    InstantSource.system());
            RefreshResult result = holder.refresh(true);
            if (result.outcome() != RefreshResult.Outcome.FULL) {
                throw new IllegalStateException("building the vault from " + dump + ": " + result);
            }
            return holder.current();
        } finally {
            decoders.shutdownNow();
        }
    }

    private String busiestCompany() {
        Answers.Stats stats = queries.answer(
                Endpoint.STATS_COMPANIES,
                null,
                name -> switch (name) {
                    case "release", "project_type" -> "all";
                    case "metric" -> "commits";
                    default -> null;
                },
                vault);
        for (StatsRow row : stats.stats()) {
            String id = row.id();
            if (!id.startsWith("*")) {
                return id;
            }
        }
        throw new IllegalStateException("no company in the data set");
    }

    @Benchmark
    public Selection select() {
        return RecordFilter.select(vault, filter, now);
    }

    @Benchmark
    public Answers.Stats statsCompanies() {
        return queries.answer(Endpoint.STATS_COMPANIES, null, params, vault);
    }

    @Benchmark
    public Answers.Stats statsEngineers() {
        return queries.answer(Endpoint.STATS_ENGINEERS, null, params, vault);
    }

    @Benchmark
    public Answers.Timeline timeline() {
        return queries.answer(Endpoint.STATS_TIMELINE, null, params, vault);
    }

    @Benchmark
    public Answers.Contribution contribution() {
        return queries.answer(Endpoint.CONTRIBUTION, null, params, vault);
    }
}
