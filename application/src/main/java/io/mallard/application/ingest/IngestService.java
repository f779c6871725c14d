package io.mallard.application.ingest;

import io.mallard.application.ingest.IngestStep.StepResult;
import io.mallard.application.storage.EventStore;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.Revenue;
import io.mallard.domain.page.ScreenSize;
import io.mallard.domain.privacy.PrivacyPolicy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Use case: ingest one tracking request. Runs the pipeline's steps in order — each may enrich,
 * drop (silently, 202) or refuse (an error status) — then assembles the stored event, applies the
 * privacy policy, assigns its visit (from the visitor id the policy left), and stores it durably.
 *
 * <p>Thread-safe. {@link #ingestAsync} never waits for the store, and its steps do not block unless
 * {@link #mayBlock} says so for the client (a User-Agent not parsed before), so an event loop may
 * call it for every other request.
 */
public final class IngestService {
    private final List<IngestStep> steps;
    private final PrivacyPolicy privacy;
    private final EventIds eventIds;
    private final Supplier<String> randomVisitorId;
    private final EventStore store;
    private final VisitAssigner visits;
    private final IngestCounters counters = new IngestCounters();

    public IngestService(List<IngestStep> steps, PrivacyPolicy privacy, EventIds eventIds,
                         Supplier<String> randomVisitorId, EventStore store, VisitAssigner visits) {
        this.steps = List.copyOf(steps);
        this.privacy = privacy;
        this.eventIds = eventIds;
        this.randomVisitorId = randomVisitorId;
        this.store = store;
        this.visits = visits;
    }

    /**
     * Validates, enriches and stores. The future completes once the event is durable (or fails with
     * the store's exception); a malformed request throws {@link InvalidEventException} at once.
     */
    public CompletableFuture<IngestOutcome> ingestAsync(TrackingRequest request, ClientContext client) {
        return switch (decide(request, client)) {
            case Decision.Answer answer -> CompletableFuture.completedFuture(counted(answer.outcome()));
            case Decision.Store store -> this.store.appendAsync(List.of(store.event()))
                    .thenApply(stored -> counted(new IngestOutcome.Accepted(store.event().eventId())));
        };
    }

    /** Whether ingesting this client's request may block: run it off the event loop then. */
    public boolean mayBlock(ClientContext client) {
        for (IngestStep step : steps) {
            if (step.mayBlock(client)) {
                return true;
            }
        }
        return false;
    }

    /** What the pipeline made of a request: an answer without storing, or an event to store. */
    private sealed interface Decision {
        record Answer(IngestOutcome outcome) implements Decision {
        }

        record Store(Event event) implements Decision {
        }
    }

    private Decision decide(TrackingRequest request, ClientContext client) {
        return switch (process(Hit.validate(request), client)) {
            case StepResult.Drop drop -> new Decision.Answer(new IngestOutcome.Dropped(drop.reason()));
            case StepResult.Refuse refuse -> new Decision.Answer(new IngestOutcome.Refused(refuse.refusal()));
            case StepResult.Continue done -> new Decision.Store(assemble(done.event()));
        };
    }

    private IngestOutcome counted(IngestOutcome outcome) {
        counters.count(outcome);
        return outcome;
    }

    /** Outcomes of {@link #ingestAsync} since start. */
    public IngestCounters counters() {
        return counters;
    }

    /** Runs the steps and assembles the event without storing it (used by batch feeders). */
    public StepResult process(Hit hit, ClientContext client) {
        PendingEvent pending = PendingEvent.of(hit, client);
        for (IngestStep step : steps) {
            StepResult result = step.apply(pending);
            if (!(result instanceof StepResult.Continue next)) {
                return result;
            }
            pending = next.event();
        }
        return new StepResult.Continue(pending);
    }

    public Event assemble(PendingEvent pending) {
        Hit hit = pending.hit();
        Revenue revenue = hit.revenue();
        String deviceType = pending.agent().deviceType();
        if (deviceType == null && hit.width() != null) {
            deviceType = switch (ScreenSize.fromWidth(hit.width())) {
                case MOBILE -> "Mobile";
                case TABLET -> "Tablet";
                case LAPTOP, DESKTOP -> "Desktop";
            };
        }
        Event event = Event.builder()
                .eventId(eventIds.next()).siteId(hit.site()).visitorId(pending.visitorId())
                .timestamp(pending.client().receivedAt()).eventName(hit.name())
                .pathname(hit.page().pathname()).hostname(hit.page().hostname())
                .referrer(hit.referrer()).referrerSource(pending.referrerSource())
                .utmSource(hit.page().utm().source()).utmMedium(hit.page().utm().medium()).utmCampaign(hit.page().utm().campaign())
                .utmContent(hit.page().utm().content()).utmTerm(hit.page().utm().term())
                .browser(pending.agent().browser()).browserVersion(pending.agent().browserVersion())
                .os(pending.agent().os()).osVersion(pending.agent().osVersion()).deviceType(deviceType)
                .screenSize(hit.width() == null ? null : ScreenSize.fromWidth(hit.width()).label())
                .countryCode(pending.location().countryCode()).region(pending.location().region()).city(pending.location().city())
                .props(hit.props())
                .revenue(revenue == null ? null : revenue.amount(), revenue == null ? null : revenue.currency())
                .engagement(hit.engagement())
                .build();
        return visits.assign(privacy.apply(event, randomVisitorId));
    }
}
