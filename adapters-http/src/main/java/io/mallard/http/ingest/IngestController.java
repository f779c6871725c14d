package io.mallard.http.ingest;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessRule;
import io.mallard.application.ingest.ClientContext;
import io.mallard.application.ingest.IngestOutcome;
import io.mallard.application.ingest.IngestService;
import io.mallard.application.ingest.TrackingRequest;
import io.mallard.http.error.ErrorBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/event} and the {@code GET /api/event} pixel: the reference's ingestion contract.
 *
 * <p>Statuses, in the order they are decided: 413 body over 64 KiB; 400 malformed JSON or a field
 * breaking the contract (the body names the field); 403 site not registered or foreign Origin; 429
 * rate limited; 202 (empty body) stored or silently dropped as a bot. CORS is open to every origin:
 * Micronaut's CORS filter echoes the page's Origin and answers preflights (application.properties).
 * Runs on the blocking executor: User-Agent parsing and the durable commit must not hold the event
 * loop.
 */
@AccessRule(Access.PUBLIC)
@Controller("/api/event")
@ExecuteOn(TaskExecutors.BLOCKING)
public class IngestController {
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final IngestService ingest;
    private final Clock clock;

    public IngestController(IngestService ingest, Clock clock) {
        this.ingest = ingest;
        this.clock = clock;
    }

    @Post(consumes = MediaType.ALL)
    public MutableHttpResponse<?> track(HttpRequest<?> request, @Body @Nullable byte[] body) {
        if (body != null && body.length > MAX_BODY_BYTES) {
            return HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                    .body(ErrorBody.of("body must be at most " + MAX_BODY_BYTES + " bytes", "body"));
        }
        TrackingRequest payload = TrackingPayload.fromJson(body == null ? new byte[0] : body);
        return answer(ingest.ingest(payload, context(request)), HttpResponse.accepted());
    }

    @Get(produces = "image/gif")
    public MutableHttpResponse<?> pixel(HttpRequest<?> request) {
        Map<String, String> query = new LinkedHashMap<>();
        request.getParameters().forEach((name, values) -> query.put(name, values.isEmpty() ? null : values.getFirst()));
        TrackingRequest payload = TrackingPayload.fromQuery(query);
        MutableHttpResponse<?> gif = HttpResponse.ok(TransparentGif.BYTES)
                .contentType("image/gif")
                .header(HttpHeaders.CACHE_CONTROL, "no-store, max-age=0");
        return answer(ingest.ingest(payload, context(request)), gif);
    }

    private static MutableHttpResponse<?> answer(IngestOutcome outcome, MutableHttpResponse<?> success) {
        return switch (outcome) {
            case IngestOutcome.Accepted accepted -> success;
            case IngestOutcome.Dropped dropped -> success;
            case IngestOutcome.Refused refused -> switch (refused.refusal()) {
                case UNKNOWN_SITE -> HttpResponse.status(HttpStatus.FORBIDDEN).body(ErrorBody.of("site is not registered", "d"));
                case FOREIGN_ORIGIN -> HttpResponse.status(HttpStatus.FORBIDDEN).body(ErrorBody.of("origin is not allowed for this site", "d"));
                case RATE_LIMITED -> HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                        .header(HttpHeaders.RETRY_AFTER, "1").body(ErrorBody.of("rate limit exceeded", null));
            };
        };
    }

    private ClientContext context(HttpRequest<?> request) {
        return ClientContexts.of(request, clock);
    }
}
