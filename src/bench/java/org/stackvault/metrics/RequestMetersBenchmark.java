package org.stackvault.metrics;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What timing a request costs {@code ApiFilter}: the two {@code System.nanoTime()} calls and
 * {@link RequestMeters#record} (the endpoint looked up by path, the timer by status, the
 * histogram recorded), on one thread and on two contending for the same timer; and
 * {@code nanoTime} pair alone for comparison. A cached answer costs the filter about a
 * microsecond before this (docs/architecture.md).
 *
 * <pre>
 * mvn -q -Dmaven.test.skip=true package dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=target/bench/classpath.txt
 * java -cp target/stackvault-tools.jar:target/classes:$(cat target/bench/classpath.txt) org.openjdk.jmh.Main \
 *     RequestMetersBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RequestMetersBenchmark {
    /** An endpoint without and one with an id, and a path that is none. */
    @Param({"/stats/timeline", "/users/john_doe", "/no-such-endpoint"})
    public String path;

    private StackvaultMetrics metrics;
    private RequestMeters requests;

    @Setup
    public void setUp() {
        metrics = new StackvaultMetrics();
        requests = metrics.requests();
        requests.record(path, 200, 1); // the timer exists, as after a deployment's first request
    }

    @TearDown
    public void tearDown() {
        metrics.close();
    }

    @Benchmark
    public long nanoTimePair() {
        long started = System.nanoTime();
        return System.nanoTime() - started;
    }

    @Benchmark
    public void timedRequest() {
        long started = System.nanoTime();
        requests.record(path, 200, System.nanoTime() - started);
    }

    @Benchmark
    @Threads(2)
    public void timedRequestTwoThreads() {
        long started = System.nanoTime();
        requests.record(path, 200, System.nanoTime() - started);
    }
}
