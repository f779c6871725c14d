package io.mallard.application.ingest;

/** One named step of the ingestion pipeline: enriches the event, or drops or refuses it. */
public interface IngestStep {
    StepResult apply(PendingEvent event);

    /** Whether this step may block or take long for the client's request (see {@link IngestService#mayBlock}). */
    default boolean mayBlock(ClientContext client) {
        return false;
    }

    sealed interface StepResult {
        record Continue(PendingEvent event) implements StepResult {
        }

        record Drop(DropReason reason) implements StepResult {
        }

        record Refuse(Refusal refusal) implements StepResult {
        }
    }
}
