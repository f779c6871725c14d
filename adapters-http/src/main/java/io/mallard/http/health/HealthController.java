package io.mallard.http.health;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessRule;
import io.mallard.application.health.HealthService;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Probes: {@code /health} (liveness, {@code ok}), {@code /health/ready} (200 once storage answers a
 * real query, else 503), {@code /health/detailed} (JSON status).
 */
@AccessRule(Access.PUBLIC)
@Controller("/health")
public class HealthController {
    private final HealthService health;

    public HealthController(HealthService health) {
        this.health = health;
    }

    @Get(produces = MediaType.TEXT_PLAIN)
    public String live() {
        return "ok";
    }

    @Get(value = "/ready", produces = MediaType.TEXT_PLAIN)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> ready() {
        return health.isReady() ? HttpResponse.ok("ready") : HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body("not ready");
    }

    @Get(value = "/detailed", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<StatusBody> detailed() {
        StatusBody body = StatusBody.from(health.status());
        return body.storageReady() ? HttpResponse.ok(body) : HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
