package io.mallard.http.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The registry behind {@code /metrics}: JVM and process meters, plus the server's own totals,
 * each read from the service that keeps it at scrape time (nothing is counted twice, and the
 * request path pays nothing for metrics). Micrometer names {@code mallard.events.ingested} are
 * exported as {@code mallard_events_ingested_total}.
 *
 * <p>Micrometer holds a function meter's state object only weakly, and the suppliers handed in here
 * are usually method references nobody else keeps: this class keeps them, or a garbage collection
 * would turn the counters into their last value and the gauges into {@code NaN}.
 */
public final class PrometheusMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final List<LongSupplier> sources = new ArrayList<>();

    public PrometheusMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /** A monotonically increasing total, read from {@code value}; {@code tags} are name/value pairs. */
    public PrometheusMetrics counter(String name, String description, LongSupplier value, String... tags) {
        sources.add(value);
        FunctionCounter.builder(name, value, supplier -> supplier.getAsLong()).description(description).tags(Tags.of(tags)).register(registry);
        return this;
    }

    /** A value that goes up and down, read from {@code value}. */
    public PrometheusMetrics gauge(String name, String description, LongSupplier value) {
        sources.add(value);
        Gauge.builder(name, value, supplier -> supplier.getAsLong()).description(description).register(registry);
        return this;
    }

    /** Every meter in the Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
