package io.mallard.duckdb;

import java.time.LocalDate;

/**
 * Port: the hot (embedded database) and cold (Parquet) tiers and the moves between them.
 *
 * <p>Every operation is atomic from a query's point of view: a query sees each event exactly once,
 * before, during and after a move, and after a crash at any point (startup reconciles). Operations
 * may run while events are appended and queried; they are serialised among themselves.
 */
public interface TieredStorage {
    /** Events in the hot tier (committed, not yet moved to Parquet). */
    long hotEventCount();

    /** Moves every hot event committed before the call to Parquet partitions (site, UTC date). */
    MoveReport flushToCold();

    /** Rewrites each partition dated before {@code firstOpenDay} that has several files, or files not yet in their final layout, as one file. */
    MoveReport compactBefore(LocalDate firstOpenDay);

    /** Deletes every event, hot or cold, dated before {@code cutoff} (UTC). */
    MoveReport deleteBefore(LocalDate cutoff);

    /** What a move did: events moved or removed, and files written or deleted. */
    record MoveReport(long events, int filesWritten, int filesDeleted) {
        public static final MoveReport NOTHING = new MoveReport(0, 0, 0);
    }
}
