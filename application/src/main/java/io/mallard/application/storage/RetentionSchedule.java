package io.mallard.application.storage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.ToLongFunction;

/**
 * Retention ({@code MALLARD_RETENTION_DAYS}): once per UTC day, deletes the events dated before
 * {@code today - retentionDays} through the engine's {@link StorageEngine#deleteBefore}. Zero days
 * keeps everything. {@link #tick()} is called often by a scheduler and is cheap in between; a failed
 * run is tried again at the next tick. Not thread-safe: call from one thread.
 */
public final class RetentionSchedule {
    private final ToLongFunction<LocalDate> deleteBefore;
    private final Clock clock;
    private final int retentionDays;
    private LocalDate lastRun;

    public RetentionSchedule(ToLongFunction<LocalDate> deleteBefore, Clock clock, int retentionDays) {
        if (retentionDays < 0) {
            throw new IllegalArgumentException("retention days must not be negative: " + retentionDays);
        }
        this.deleteBefore = deleteBefore;
        this.clock = clock;
        this.retentionDays = retentionDays;
    }

    /** Events deleted by this tick (zero when the day's run already happened or retention is off). */
    public long tick() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (retentionDays == 0 || today.equals(lastRun)) {
            return 0;
        }
        long deleted = deleteBefore.applyAsLong(today.minusDays(retentionDays));
        lastRun = today;
        return deleted;
    }
}
