package io.mallard.application.ingest;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Unique, time-ordered 64-bit event ids: milliseconds since the epoch in the high 43 bits, a
 * counter in the low 20 bits. Strictly increasing within a process, even if the clock steps back;
 * ids from a later start are larger as long as the clock does not go back across the restart.
 * Thread-safe.
 */
public final class EventIds {
    private static final int COUNTER_BITS = 20;
    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    public EventIds(Clock clock) {
        this.clock = clock;
    }

    public long next() {
        long candidate = clock.millis() << COUNTER_BITS;
        return last.updateAndGet(previous -> Math.max(previous + 1, candidate));
    }
}
