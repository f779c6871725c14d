package io.mallard.duckdb;

import io.mallard.duckdb.TieredStorage.MoveReport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.LongAdder;

/**
 * When to move data between tiers: flush when the hot tier holds {@code flushCount} events or
 * {@code flushInterval} has passed since the last flush (whichever comes first, so a quiet site
 * still reaches Parquet); compact finished days once a day. Retention is the application's
 * ({@code RetentionSchedule}), through {@link TieredStorage#deleteBefore}.
 *
 * <p>{@link #tick()} is called often (every second) by a scheduler; it is cheap when there is
 * nothing to do. Not thread-safe: call from one thread.
 */
final class StorageMaintenance {
    private final TieredStorage storage;
    private final Clock clock;
    private final long flushCount;
    private final Duration flushInterval;
    private Instant lastFlush;
    private LocalDate lastDailyRun;
    private final LongAdder flushFailures = new LongAdder();

    StorageMaintenance(TieredStorage storage, Clock clock, long flushCount, Duration flushInterval) {
        this.storage = storage;
        this.clock = clock;
        this.flushCount = flushCount;
        this.flushInterval = flushInterval;
        this.lastFlush = clock.instant();
    }

    public void tick() {
        Instant now = clock.instant();
        long hot = storage.hotEventCount();
        boolean intervalDue = !now.isBefore(lastFlush.plus(flushInterval));
        if (hot >= flushCount || (intervalDue && hot > 0)) {
            flush();
        } else if (intervalDue) {
            lastFlush = now;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (!today.equals(lastDailyRun)) {
            daily(today);
        }
    }

    public MoveReport flush() {
        MoveReport report;
        try {
            report = storage.flushToCold();
        } catch (RuntimeException e) {
            flushFailures.increment();
            throw e;
        }
        lastFlush = clock.instant();
        return report;
    }

    /** Flushes to Parquet that failed since start (each is retried at the next tick). Thread-safe. */
    public long flushFailures() {
        return flushFailures.sum();
    }

    /** Compacts days before yesterday (late events may still arrive for yesterday). */
    void daily(LocalDate today) {
        storage.compactBefore(today.minusDays(1));
        lastDailyRun = today;
    }
}
