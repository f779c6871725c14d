package io.mallard.application.ingest;

import io.mallard.application.site.Sites;

/** Refuses events for unregistered sites, or sent from a page on another host. */
public record AdmitSite(Sites sites) implements IngestStep {
    @Override
    public StepResult apply(PendingEvent event) {
        return switch (sites.admit(event.hit().site(), event.client().originHost())) {
            case ADMITTED -> new StepResult.Continue(event);
            case UNKNOWN_SITE -> new StepResult.Refuse(Refusal.UNKNOWN_SITE);
            case FOREIGN_ORIGIN -> new StepResult.Refuse(Refusal.FOREIGN_ORIGIN);
        };
    }
}
