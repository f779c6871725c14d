package io.mallard.application.erasure;

import io.mallard.domain.event.SiteId;

import java.time.Instant;
import java.util.Set;

/**
 * Port: removes events from every place storage keeps them — not yet loaded (journal, buffers),
 * the hot tier, and the cold files (a file holding events on both sides of the range is rewritten
 * without them) — so that no query and no file on disk holds them afterwards.
 *
 * <p>Covers every event of {@code site} with {@code from <= timestamp < until} acknowledged before
 * the call; events arriving during the call may or may not be removed. Atomic from a query's point
 * of view per tier; safe to retry after a failure. Serialised with the storage's own moves.
 */
public interface EventEraser {
    Erased erase(SiteId site, Instant from, Instant until);

    /** A visitor id as ingestion stores it: an HMAC, 64 lower-case hex digits. */
    java.util.regex.Pattern VISITOR_ID = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    /**
     * Removes every event of {@code site} (matched case-insensitively) whose visitor id is one of
     * {@code visitorIds}, on every day, with the guarantees of {@link #erase}. Throws
     * {@link IllegalArgumentException} when the set is empty or an id is not a {@link #VISITOR_ID}.
     */
    Erased eraseVisitors(SiteId site, Set<String> visitorIds);

    /** What an erasure removed: events, whole cold files deleted, and cold files rewritten without the range. */
    record Erased(long events, int filesDeleted, int filesRewritten) {
    }
}
