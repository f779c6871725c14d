package io.mallard.http.ingest;

import io.mallard.application.ingest.IngestOutcome;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.application.validation.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.concurrent.CompletionException;

/**
 * Why a pixel request stored nothing, as the value of its refusal header: {@code invalid:<field>},
 * {@code unknown-site}, {@code foreign-origin}, {@code rate-limited}, {@code storage-unavailable} or
 * {@code error}; null when it was stored or dropped as a bot (a silent drop, as for POST).
 */
final class PixelRefusal {
    private static final Logger LOG = LoggerFactory.getLogger(PixelRefusal.class);

    private PixelRefusal() {
    }

    static String of(IngestOutcome outcome) {
        return outcome instanceof IngestOutcome.Refused refused
                ? refused.refusal().name().toLowerCase(Locale.ROOT).replace('_', '-') : null;
    }

    static String of(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return switch (cause) {
            case FieldError invalid -> invalid.field() == null ? "invalid" : "invalid:" + invalid.field();
            case StorageUnavailableException unavailable -> {
                LOG.error("GET /api/event: {}", unavailable.getMessage());
                yield "storage-unavailable";
            }
            default -> {
                LOG.error("GET /api/event failed", cause);
                yield "error";
            }
        };
    }
}
