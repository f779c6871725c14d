package io.mallard.duckdb;

import io.mallard.application.erasure.EventEraser;
import io.mallard.domain.event.SiteId;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Erasure across the places an event lives here: every event acknowledged before the request is
 * loaded into the hot table and flushed to Parquet first (the flush also deletes the journal
 * segments that held them), then the range (or the visitors) is erased from the cold files in one transaction. So no
 * copy remains for a replay to bring back, and a crash between the steps leaves either the events
 * not yet erased (the request can be repeated) or erased for good. Events that arrive while the
 * erasure runs are not part of it.
 */
public final class DuckDbEventEraser implements EventEraser {
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final DuckDbEventStore store;
    private final DuckDbTieredStorage tiers;
    private final Runnable afterErasure;

    /** {@code afterErasure} runs after each erasure (the rollups drop the days it changed). */
    public DuckDbEventEraser(DuckDbEventStore store, DuckDbTieredStorage tiers, Runnable afterErasure) {
        this.store = store;
        this.tiers = tiers;
        this.afterErasure = afterErasure;
    }

    @Override
    public Erased erase(SiteId site, Instant from, Instant until) {
        store.drainJournal(DRAIN_TIMEOUT);
        tiers.flushToCold();
        Erased erased = tiers.erase(site, from, until);
        afterErasure.run();
        return erased;
    }

    @Override
    public Erased eraseVisitors(SiteId site, Set<String> visitorIds) {
        store.drainJournal(DRAIN_TIMEOUT);
        tiers.flushToCold();
        Erased erased = tiers.eraseVisitors(site, visitorIds);
        afterErasure.run();
        return erased;
    }
}
