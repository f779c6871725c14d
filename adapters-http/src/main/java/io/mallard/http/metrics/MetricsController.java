package io.mallard.http.metrics;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessRule;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code GET /metrics}: Prometheus text, for the {@code MALLARD_METRICS_TOKEN} bearer or an admin. */
@Controller("/metrics")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MetricsController {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMetrics metrics;

    public MetricsController(PrometheusMetrics metrics) {
        this.metrics = metrics;
    }

    @Get
    @Produces(PROMETHEUS_TEXT)
    @AccessRule(Access.METRICS)
    public String scrape() {
        return metrics.scrape();
    }
}
