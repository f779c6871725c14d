package io.mallard.application.stats;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds the queries running against the store at once ({@code MALLARD_MAX_CONCURRENT_QUERIES};
 * 0 = no bound). A query over the bound waits its turn, first come first served, for at most
 * {@code MALLARD_QUERY_QUEUE_TIMEOUT}; it is refused with {@link TooBusyException} (429 with
 * Retry-After) when that wait runs out or when {@code 4 × limit} queries already wait.
 *
 * <p>Why wait rather than refuse at once: a dashboard asks about ten questions together, and on
 * two cores with a 256 MB DuckDB budget running them all at once only makes each slower and the
 * process larger, until the last answers outlive the connection's idle timeout (PERF.md: the
 * 90-day first load failed that way). Running a few and queueing the rest answers all of them in
 * about the same total time within the memory budget, and a flood still gets a prompt 429.
 */
public final class QueryGate {
    public static final int RETRY_AFTER_SECONDS = 2;
    private static final int QUEUED_PER_PERMIT = 4;

    private final Semaphore permits;
    private final int limit;
    private final Duration maxWait;
    private final AtomicInteger waiting = new AtomicInteger();

    public QueryGate(int limit, Duration maxWait) {
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative");
        }
        this.limit = limit;
        this.maxWait = maxWait;
        this.permits = limit > 0 ? new Semaphore(limit, true) : null;
    }

    public <T> T run(Supplier<T> query) {
        if (permits == null) {
            return query.get();
        }
        acquire();
        try {
            return query.get();
        } finally {
            permits.release();
        }
    }

    private void acquire() {
        if (permits.tryAcquire()) {
            return;
        }
        if (waiting.incrementAndGet() > limit * QUEUED_PER_PERMIT) {
            waiting.decrementAndGet();
            throw busy(limit * QUEUED_PER_PERMIT + " more waiting");
        }
        try {
            if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy("none finished within " + maxWait.toMillis() + " ms");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw busy("the wait was interrupted");
        } finally {
            waiting.decrementAndGet();
        }
    }

    private TooBusyException busy(String why) {
        return new TooBusyException("too many stats queries (" + limit + " running, " + why + "); retry in " + RETRY_AFTER_SECONDS + " s",
                RETRY_AFTER_SECONDS);
    }

    /** Queries running now. */
    public int running() {
        return permits == null ? 0 : limit - permits.availablePermits();
    }

    /** Queries waiting for a turn now. */
    public int waiting() {
        return waiting.get();
    }
}
