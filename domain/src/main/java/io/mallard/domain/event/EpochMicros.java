package io.mallard.domain.event;

import java.time.Instant;

/**
 * Microseconds since the Unix epoch: how event times are stored (DuckDB's {@code TIMESTAMP} and
 * the journal) and compared in bulk. Computed with plain arithmetic, which the ingestion path
 * needs several times per event ({@code ChronoUnit.MICROS.between} took a visible share of a
 * profile).
 */
public final class EpochMicros {
    private EpochMicros() {
    }

    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
