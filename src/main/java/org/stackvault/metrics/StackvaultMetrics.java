package org.stackvault.metrics;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The meter registry of one deployed application (never Micrometer's global one), with the
 * JVM's memory, GC and thread meters and the request timers bound; the other meters are
 * bound by the wiring point ({@link #bind}). {@link #scrape()} writes them all as
 * Prometheus text 0.0.4. {@link #close()} unbinds the GC listener and closes the registry,
 * so an undeployed application leaves nothing registered in the JVM.
 *
 * <p>Thread-safe.
 */
public final class StackvaultMetrics implements AutoCloseable {
    /** The content type of {@link #scrape()}. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;
    private final RequestMeters requests;

    public StackvaultMetrics() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), Clock.SYSTEM);
        this.gc = new JvmGcMetrics();
        bind(new JvmMemoryMetrics(), gc, new JvmThreadMetrics());
        this.requests = new RequestMeters(registry);
    }

    /** Binds meters to this registry. */
    public StackvaultMetrics bind(MeterBinder... binders) {
        for (MeterBinder binder : binders) {
            binder.bindTo(registry);
        }
        return this;
    }

    /** The registry, for binders that need it before they can be built. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The request timers, by endpoint and status. */
    public RequestMeters requests() {
        return requests;
    }

    /** Every meter as Prometheus text format 0.0.4 ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
