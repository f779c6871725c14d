package io.mallard.application.ingest;

import io.mallard.domain.visitor.VisitorIdHasher;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** Derives the day's pseudonymous visitor id from the client address and User-Agent. */
public record AssignVisitorId(VisitorIdHasher hasher) implements IngestStep {
    @Override
    public StepResult apply(PendingEvent event) {
        ClientContext client = event.client();
        String userAgent = client.userAgent() == null ? "" : client.userAgent();
        LocalDate day = LocalDate.ofInstant(client.receivedAt(), ZoneOffset.UTC);
        String id = hasher.visitorId(event.hit().site(), event.clientAddress().getHostAddress(), userAgent, day);
        return new StepResult.Continue(event.withVisitorId(id));
    }
}
