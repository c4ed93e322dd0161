/**
 * The measuring side of {@code scripts/bench} and {@code scripts/soak} (src/bench/java, in
 * target/stackvault-tools.jar, never in the WAR): {@link org.stackvault.bench.BenchDriver}
 * attaches to the Tomcat JVM under test, measures heap, build and query times, writes updates
 * the way the processor does, reads wrk and GC logs, and runs the soak
 * ({@link org.stackvault.bench.Soak}); every figure goes to the run's
 * {@code results.properties}, which {@link org.stackvault.bench.Report} renders for
 * docs/benchmarks.md and docs/operations.md.
 */
package org.stackvault.bench;
