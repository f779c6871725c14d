package io.mallard.duckdb;

import io.mallard.application.erasure.EventEraser;
import io.mallard.domain.event.SiteId;
import io.mallard.duckdb.journal.JournalPosition;

import java.time.Duration;
import java.time.Instant;

/**
 * Erasure across the three places an event lives here: the journal (drained into the hot table
 * first, so a not-yet-loaded event cannot escape), the hot table and the cold files (one
 * transaction), and then the journal segments that still hold copies. A crash between the steps
 * leaves nothing resurrectable: replay starts after the loaded position, and startup deletes
 * older segments.
 */
public final class DuckDbEventEraser implements EventEraser {
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final DuckDbEventStore store;
    private final DuckDbTieredStorage tiers;

    public DuckDbEventEraser(DuckDbEventStore store, DuckDbTieredStorage tiers) {
        this.store = store;
        this.tiers = tiers;
    }

    @Override
    public Erased erase(SiteId site, Instant from, Instant until) {
        JournalPosition drained = store.drainJournal(DRAIN_TIMEOUT);
        Erased erased = tiers.erase(site, from, until);
        store.discardJournalBefore(drained);
        return erased;
    }
}
