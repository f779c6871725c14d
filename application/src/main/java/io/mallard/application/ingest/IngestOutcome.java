package io.mallard.application.ingest;

/** The result of ingesting one request: stored, silently dropped, or refused. */
public sealed interface IngestOutcome {
    record Accepted(long eventId) implements IngestOutcome {
    }

    record Dropped(DropReason reason) implements IngestOutcome {
    }

    record Refused(Refusal refusal) implements IngestOutcome {
    }
}
