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
import jakarta.inject.Named;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * {@code POST /api/event} and the {@code GET /api/event} pixel: the reference's ingestion contract.
 *
 * <p>Statuses, in the order they are decided: 413 body over 64 KiB; 400 malformed JSON or a field
 * breaking the contract (the body names the field); 403 site not registered or foreign Origin; 429
 * rate limited; 202 (empty body) stored or silently dropped as a bot. CORS is open to every origin:
 * Micronaut's CORS filter echoes the page's Origin and answers preflights (application.properties).
 *
 * <p>Threads: a request runs on the event loop that read it, and its answer is sent when the
 * journal has forced the event to disk; no thread waits for the disk. A request whose User-Agent
 * has not been parsed before runs on the blocking executor instead, because parsing a new one may
 * take milliseconds ({@link IngestService#mayBlock}). The other steps compute in memory; a GeoIP
 * lookup reads MaxMind's memory-mapped file, which the OS keeps in its page cache once read.
 */
@AccessRule(Access.PUBLIC)
@Controller("/api/event")
public class IngestController {
    static final int MAX_BODY_BYTES = 64 * 1024;
    static final String REFUSAL_HEADER = "X-Mallard-Refused";
    /** On a 202 that stored nothing because the client is a bot. */
    static final String DROPPED_HEADER = "X-Mallard-Dropped";
    static final String PLAUSIBLE_DROPPED_HEADER = "X-Plausible-Dropped";

    private final IngestService ingest;
    private final Clock clock;
    private final ExecutorService blocking;

    public IngestController(IngestService ingest, Clock clock, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.ingest = ingest;
        this.clock = clock;
        this.blocking = blocking;
    }

    @Post(consumes = MediaType.ALL)
    public CompletableFuture<MutableHttpResponse<?>> track(HttpRequest<?> request, @Body @Nullable byte[] body) {
        if (body != null && body.length > MAX_BODY_BYTES) {
            return CompletableFuture.completedFuture(HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                    .body(ErrorBody.of("body must be at most " + MAX_BODY_BYTES + " bytes", "body")));
        }
        List<CompletableFuture<IngestOutcome>> outcomes = TrackingPayload.fromJson(body == null ? new byte[0] : body).stream()
                .map(payload -> ingest(payload, request)).toList();
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenApply(done -> answer(outcomes.stream().map(CompletableFuture::join).toList()));
    }

    /**
     * One answer for a body sent to one or several sites: 202 when one stored it, else 202 with
     * {@value #DROPPED_HEADER} (and Plausible's {@value #PLAUSIBLE_DROPPED_HEADER}) when a bot was
     * dropped, else the first refusal.
     */
    private static MutableHttpResponse<?> answer(List<IngestOutcome> outcomes) {
        if (outcomes.stream().anyMatch(IngestOutcome.Accepted.class::isInstance)) {
            return HttpResponse.accepted();
        }
        if (outcomes.stream().anyMatch(IngestOutcome.Dropped.class::isInstance)) {
            return HttpResponse.accepted().header(DROPPED_HEADER, "bot").header(PLAUSIBLE_DROPPED_HEADER, "1");
        }
        return answer(outcomes.getFirst(), HttpResponse.accepted());
    }

    /**
     * The pixel answers the 43-byte GIF to every request, as the reference does, so a page never
     * shows a broken image: {@code n} defaults to {@code pageview}, and an event that is not stored
     * says why in {@value #REFUSAL_HEADER} (a field name or a reason word, never request text).
     */
    @Get(produces = "image/gif")
    public CompletableFuture<MutableHttpResponse<?>> pixel(HttpRequest<?> request) {
        Map<String, String> query = new LinkedHashMap<>();
        request.getParameters().forEach((name, values) -> query.put(name, values.isEmpty() ? null : values.getFirst()));
        query.putIfAbsent("n", "pageview");
        CompletableFuture<IngestOutcome> outcome;
        try {
            outcome = ingest(TrackingPayload.fromQuery(query), request);
        } catch (RuntimeException refused) {
            outcome = CompletableFuture.failedFuture(refused);
        }
        return outcome.handle((result, failure) -> {
            MutableHttpResponse<?> gif = HttpResponse.ok(TransparentGif.BYTES).contentType("image/gif")
                    .header(HttpHeaders.CACHE_CONTROL, "no-store, max-age=0");
            String refusal = failure == null ? PixelRefusal.of(result) : PixelRefusal.of(failure);
            return refusal == null ? gif : gif.header(REFUSAL_HEADER, refusal);
        });
    }

    /** Here on the event loop when nothing can block, else on the blocking executor. */
    private CompletableFuture<IngestOutcome> ingest(TrackingRequest payload, HttpRequest<?> request) {
        ClientContext client = context(request);
        if (!ingest.mayBlock(client)) {
            return ingest.ingestAsync(payload, client);
        }
        return CompletableFuture.supplyAsync(() -> ingest.ingestAsync(payload, client), blocking).thenCompose(Function.identity());
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
