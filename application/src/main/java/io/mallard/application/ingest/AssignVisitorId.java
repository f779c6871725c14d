package io.mallard.application.ingest;

import io.mallard.domain.visitor.VisitorIdHasher;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Derives the pseudonymous visitor id: from the site's user key when the hit carries one, else from
 * the client address and User-Agent under the configured rotation.
 */
public record AssignVisitorId(VisitorIdHasher hasher) implements IngestStep {
    @Override
    public StepResult apply(PendingEvent event) {
        String userKey = event.hit().userKey();
        if (userKey != null) {
            return new StepResult.Continue(event.withVisitorId(hasher.identifiedUserId(event.hit().site(), userKey)));
        }
        ClientContext client = event.client();
        String userAgent = client.userAgent() == null ? "" : client.userAgent();
        LocalDate day = LocalDate.ofInstant(client.receivedAt(), ZoneOffset.UTC);
        String id = hasher.visitorId(event.hit().site(), event.clientAddress().getHostAddress(), userAgent, day);
        return new StepResult.Continue(event.withVisitorId(id));
    }
}
