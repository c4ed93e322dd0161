package org.stackvault.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.stackvault.metrics.AddressAllowList;
import org.stackvault.source.PythonMemcachedHash;
import org.stackvault.vault.ConsumerId;

/**
 * The whole configuration, validated. Immutable. Every key is documented in
 * {@code docs/operations.md} and {@code conf/stackvault.properties}.
 *
 * @param memcachedServers     servers in the processor's order; empty: no memcached
 * @param dumpFile             a stackalytics-dump file to serve from memory; null: none
 * @param refreshIntervalSeconds how often the vault is refreshed ({@code dashboard_update_interval})
 * @param consumerId           this instance's cursor {@code pid:<id>}: configured, or derived
 *                             from host name, pid and a random part ({@link ConsumerId})
 * @param metricsAllow         the addresses that may read {@code /-/metrics}
 * @param ageWarnSeconds       data older than this gets the dashboard's "last updated on"
 *                             banner (the original's {@code age_warn})
 */
public record StackvaultConfig(
        List<String> memcachedServers,
        Path dumpFile,
        int refreshIntervalSeconds,
        PythonMemcachedHash memcachedHash,
        int memcachedTimeoutMillis,
        int maxValueBytes,
        ConsumerId consumerId,
        int buildThreads,
        String defaultRelease,
        String defaultMetric,
        String defaultProjectType,
        String ehcacheConfig,
        int maxQueryLength,
        AddressAllowList metricsAllow,
        long ageWarnSeconds) {

    /** Every key with its default (null: none). */
    public static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("memcached", "");
        d.put("dump", "");
        d.put("refresh-interval", "300");
        d.put("memcached-hash", "1.59");
        d.put("memcached-timeout-ms", "5000");
        d.put("max-value-bytes", Integer.toString(20 << 20));
        d.put("consumer-id", "");
        d.put("build-threads", "0");
        d.put("default-release", "");
        d.put("default-metric", "marks");
        d.put("default-project-type", "openstack");
        d.put("ehcache-config", "");
        d.put("max-query-length", "4096");
        d.put("metrics-allow", AddressAllowList.PRIVATE_NETWORKS);
        d.put("age-warn", Long.toString(2 * 24 * 3600));
        // read by scripts/run (the HTTP port, its address, the servlet container); the WAR ignores them
        d.put("port", "8080");
        d.put("address", "");
        d.put("container", "tomcat");
        return java.util.Collections.unmodifiableMap(d);
    }

    public StackvaultConfig {
        memcachedServers = List.copyOf(memcachedServers);
        if (refreshIntervalSeconds < 1) {
            throw new IllegalArgumentException("refresh-interval must be at least 1 second");
        }
        if (memcachedTimeoutMillis < 1) {
            throw new IllegalArgumentException("memcached-timeout-ms must be positive");
        }
        if (maxValueBytes < 1024) {
            throw new IllegalArgumentException("max-value-bytes must be at least 1024");
        }
        if (!memcachedServers.isEmpty() && dumpFile != null) {
            throw new IllegalArgumentException("configure either memcached or dump, not both");
        }
        if (ageWarnSeconds < 1) {
            throw new IllegalArgumentException("age-warn must be at least 1 second");
        }
    }

    /** Builds the configuration from keys (unknown keys are refused, so typos do not pass silently). */
    public static StackvaultConfig of(Map<String, String> values) {
        Map<String, String> v = new LinkedHashMap<>(DEFAULTS);
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!DEFAULTS.containsKey(e.getKey())) {
                throw new IllegalArgumentException(
                        "unknown configuration key '" + e.getKey() + "'; known: " + DEFAULTS.keySet());
            }
            v.put(e.getKey(), e.getValue() == null ? "" : e.getValue().trim());
        }
        List<String> servers = new ArrayList<>();
        for (String s : v.get("memcached").split(",")) {
            if (!s.isBlank()) {
                servers.add(s.trim());
            }
        }
        String dump = v.get("dump");
        int threads = integer(v, "build-threads");
        String consumer = v.get("consumer-id");
        return new StackvaultConfig(
                servers,
                dump.isEmpty() ? null : Path.of(dump),
                integer(v, "refresh-interval"),
                PythonMemcachedHash.of(v.get("memcached-hash")),
                integer(v, "memcached-timeout-ms"),
                integer(v, "max-value-bytes"),
                consumer.isEmpty() ? ConsumerId.forThisProcess() : ConsumerId.of(consumer),
                threads > 0 ? threads : Math.max(1, Runtime.getRuntime().availableProcessors()),
                v.get("default-release").isEmpty() ? null : v.get("default-release"),
                v.get("default-metric").toLowerCase(Locale.ROOT),
                v.get("default-project-type").toLowerCase(Locale.ROOT),
                v.get("ehcache-config").isEmpty() ? null : v.get("ehcache-config"),
                integer(v, "max-query-length"),
                metricsAllow(v.get("metrics-allow")),
                integer(v, "age-warn"));
    }

    /** The default configuration with some keys set: {@code of("memcached", "127.0.0.1:11211")}. */
    public static StackvaultConfig of(String... keyValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            values.put(keyValues[i], keyValues[i + 1]);
        }
        return of(values);
    }

    private static AddressAllowList metricsAllow(String spec) {
        try {
            return AddressAllowList.of(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("metrics-allow: " + e.getMessage(), e);
        }
    }

    private static int integer(Map<String, String> v, String key) {
        try {
            return Integer.parseInt(v.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be an integer, not '" + v.get(key) + "'");
        }
    }

    /**
     * Reads the configuration. Later layers override earlier ones: built-in defaults, the
     * properties file, {@code STACKVAULT_<KEY>} environment variables, {@code stackvault.<key>}
     * context init parameters (e.g. in Tomcat's context descriptor), {@code stackvault.<key>}
     * system properties.
     */
    public static StackvaultConfig load(
            Properties file, Map<String, String> env, Map<String, String> contextParams, Properties system) {
        Map<String, String> values = new LinkedHashMap<>();
        file.stringPropertyNames().forEach(k -> values.put(k, file.getProperty(k)));
        for (String key : DEFAULTS.keySet()) {
            String envName = "STACKVAULT_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
            if (env.containsKey(envName)) {
                values.put(key, env.get(envName));
            }
            if (contextParams.containsKey("stackvault." + key)) {
                values.put(key, contextParams.get("stackvault." + key));
            }
            String sys = system.getProperty("stackvault." + key);
            if (sys != null) {
                values.put(key, sys);
            }
        }
        return of(values);
    }

    /** Where the vault is read from, for logs and JMX. */
    public String sourceDescription() {
        if (!memcachedServers.isEmpty()) {
            return "memcached " + String.join(",", memcachedServers);
        }
        return dumpFile != null ? "dump " + dumpFile : "bundled sample data";
    }

    @Override
    public String toString() {
        return "StackvaultConfig" + Arrays.asList(sourceDescription(), "refresh-interval=" + refreshIntervalSeconds);
    }
}
