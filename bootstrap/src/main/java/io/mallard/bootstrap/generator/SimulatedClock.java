package io.mallard.bootstrap.generator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that shows whatever instant it was last set to: the generator's simulated time (event
 * ids follow it), and the server's time in tests that send events on given days.
 */
public final class SimulatedClock extends Clock {
    private final ZoneId zone;
    private final SimulatedClock source;
    private volatile Instant now = Instant.EPOCH;

    public SimulatedClock() {
        this(ZoneOffset.UTC, null);
    }

    private SimulatedClock(ZoneId zone, SimulatedClock source) {
        this.zone = zone;
        this.source = source;
    }

    /** Moves this clock and every view of it {@link #withZone} made. */
    public void set(Instant instant) {
        if (source != null) {
            source.set(instant);
        } else {
            now = instant;
        }
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return newZone.equals(zone) ? this : new SimulatedClock(newZone, source == null ? this : source);
    }

    @Override
    public Instant instant() {
        return source == null ? now : source.instant();
    }
}
