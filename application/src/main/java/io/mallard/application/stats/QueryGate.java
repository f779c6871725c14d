package io.mallard.application.stats;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Bounds the queries running against the store at once ({@code MALLARD_MAX_CONCURRENT_QUERIES};
 * 0 = no bound). A query over the bound is refused at once with {@link TooBusyException} (429 with
 * Retry-After) instead of queueing: a 1 GB server answering ten heavy queries should not start an
 * eleventh, and a client retrying later gets a cached or faster answer.
 */
public final class QueryGate {
    public static final int RETRY_AFTER_SECONDS = 2;

    private final Semaphore permits;
    private final int limit;

    public QueryGate(int limit) {
        this.limit = limit;
        this.permits = limit > 0 ? new Semaphore(limit) : null;
    }

    public <T> T run(Supplier<T> query) {
        if (permits == null) {
            return query.get();
        }
        if (!permits.tryAcquire()) {
            throw new TooBusyException("more than " + limit + " stats queries are running; retry in " + RETRY_AFTER_SECONDS + " s",
                    RETRY_AFTER_SECONDS);
        }
        try {
            return query.get();
        } finally {
            permits.release();
        }
    }

    /** Queries running now. */
    public int running() {
        return permits == null ? 0 : limit - permits.availablePermits();
    }
}
