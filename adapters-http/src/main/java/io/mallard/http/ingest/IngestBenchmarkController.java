package io.mallard.http.ingest;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessRule;
import io.mallard.application.ingest.Hit;
import io.mallard.application.ingest.IngestService;
import io.mallard.application.ingest.IngestStep.StepResult;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;

/**
 * Baselines for the ingestion benchmark, each answering 202 to the tracker's request: doing nothing
 * on the event loop, doing nothing on the blocking executor, and running the whole pipeline without
 * storing. Side by side with {@code /api/event} they show where ingestion's time goes. Exists only
 * when the JVM runs with {@code -Dmallard.benchmark=true} (set by {@code scripts/bench/ingest.sh},
 * never by configuration).
 */
@AccessRule(Access.PUBLIC)
@Controller("/bench")
@Requires(property = "mallard.benchmark", value = "true")
public class IngestBenchmarkController {
    private final IngestService ingest;
    private final Clock clock;

    public IngestBenchmarkController(IngestService ingest, Clock clock) {
        this.ingest = ingest;
        this.clock = clock;
    }

    @Post(value = "/noop", consumes = MediaType.ALL)
    public HttpResponse<?> noop(@Body @Nullable byte[] body) {
        return HttpResponse.accepted();
    }

    @Post(value = "/noop/blocking", consumes = MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> noopOnBlockingExecutor(@Body @Nullable byte[] body) {
        return HttpResponse.accepted();
    }

    /**
     * Parsing, validation and every pipeline step, assembled into an event that is then discarded;
     * on the event loop like {@code /api/event} (the benchmark's User-Agents are all parsed during
     * its warm-up, so none would go to the blocking executor there).
     */
    @Post(value = "/pipeline", consumes = MediaType.ALL)
    public HttpResponse<?> pipelineWithoutStorage(HttpRequest<?> request, @Body @Nullable byte[] body) {
        Hit hit = Hit.validate(TrackingPayload.fromJson(body == null ? new byte[0] : body).getFirst());
        if (ingest.process(hit, ClientContexts.of(request, clock)) instanceof StepResult.Continue accepted) {
            ingest.assemble(accepted.event());
        }
        return HttpResponse.accepted();
    }
}
