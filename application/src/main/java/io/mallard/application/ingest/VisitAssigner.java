package io.mallard.application.ingest;

import io.mallard.application.storage.StorageEngine;
import io.mallard.domain.event.EpochMicros;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers visits as events arrive, so stats group events by a stored {@code visit_id} instead of
 * re-deriving visits with window functions on every query (docs/METRICS.md, PERF.md).
 *
 * <p>An event continues its visitor's visit when it arrives at most the visit timeout after the
 * visitor's previous event, or when it is a page-leave report ({@code engagement}) less than
 * {@link #PAGE_LEAVE_REACH} after it: a report belongs to the page it reports on however long that
 * page stayed open. Otherwise it opens a visit whose id is its own event id. This is the rule the
 * stats adapter applies to events stored without a visit id, event for event.
 *
 * <p>Memory: one entry per visitor seen within {@link #PAGE_LEAVE_REACH}, about 100 bytes each
 * (a 64-bit key, not the id's text), swept every {@link #SWEEP_EVERY} assignments; a sweep over
 * {@code capacity} entries also drops visitors idle longer than the timeout, and between sweeps a
 * new visitor beyond capacity is not remembered (each of its events then opens a visit) rather than
 * letting the heap grow. Thread-safe: one visitor's events are assigned one at a time.
 */
public final class VisitAssigner {
    /** How long after a visitor's last event a page-leave report still joins that visit. */
    public static final Duration PAGE_LEAVE_REACH = Duration.ofDays(1);
    static final int SWEEP_EVERY = 10_000;

    private final long timeoutMicros;
    private final long reachMicros = PAGE_LEAVE_REACH.toNanos() / 1000;
    private final int capacity;
    private final ConcurrentHashMap<Long, OpenVisit> visits = new ConcurrentHashMap<>();
    private final AtomicLong assigned = new AtomicLong();
    private final AtomicLong newestMicros = new AtomicLong(Long.MIN_VALUE);

    /** The visit a visitor's last event belongs to, and when that event happened (epoch micros). */
    public record OpenVisit(long visitId, long lastSeenMicros) {
    }

    public VisitAssigner(Duration visitTimeout, int capacity) {
        if (visitTimeout.isNegative() || visitTimeout.isZero() || capacity < 1) {
            throw new IllegalArgumentException("visit timeout and capacity must be positive");
        }
        this.timeoutMicros = visitTimeout.toNanos() / 1000;
        this.capacity = capacity;
    }

    /** The event with its visit id; {@code event}'s own id opens a visit. */
    public Event assign(Event event) {
        long at = micros(event.timestamp());
        boolean pageLeave = event.eventName().equals(EventName.ENGAGEMENT);
        long visitor = key(event.visitorId());
        long[] visitId = new long[1];
        visits.compute(visitor, (key, open) -> {
            if (open == null && visits.size() >= capacity) {
                visitId[0] = event.eventId();
                return null;
            }
            long gap = open == null ? Long.MAX_VALUE : at - open.lastSeenMicros();
            visitId[0] = open != null && (gap <= timeoutMicros || pageLeave && gap < reachMicros) ? open.visitId() : event.eventId();
            return new OpenVisit(visitId[0], open == null ? at : Math.max(at, open.lastSeenMicros()));
        });
        newestMicros.accumulateAndGet(at, Math::max);
        if (assigned.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep();
        }
        return event.withVisitId(visitId[0]);
    }

    /** Remembers visits stored before a restart (the latest event of each visitor within the reach). */
    public void restore(long visitorKey, OpenVisit visit) {
        visits.merge(visitorKey, visit, (mine, theirs) -> mine.lastSeenMicros() >= theirs.lastSeenMicros() ? mine : theirs);
        newestMicros.accumulateAndGet(visit.lastSeenMicros(), Math::max);
    }

    /**
     * Continues the visits a previous run left open: asks storage for each visitor's latest event
     * within {@link #PAGE_LEAVE_REACH} before {@code now} and remembers them. Returns how many.
     */
    public int restoreOpenVisits(StorageEngine storage, Instant now) {
        List<StorageEngine.RecentVisit> recent = storage.recentVisits(now.minus(PAGE_LEAVE_REACH));
        for (StorageEngine.RecentVisit visit : recent) {
            restore(key(visit.visitorId()), new OpenVisit(visit.visitId(), EpochMicros.of(visit.lastEvent())));
        }
        return recent.size();
    }

    /** Visitors remembered now. */
    public int size() {
        return visits.size();
    }

    /**
     * Forgets visitors no later event can join: idle longer than the page-leave reach, measured
     * from the newest event seen (not the wall clock, so replays and generated history work), and,
     * while over capacity, those idle longer than the timeout.
     */
    void sweep() {
        long newest = newestMicros.get();
        visits.values().removeIf(open -> newest - open.lastSeenMicros() > reachMicros);
        if (visits.size() >= capacity) {
            visits.values().removeIf(open -> newest - open.lastSeenMicros() > timeoutMicros);
        }
    }

    /**
     * A 64-bit key for a visitor id: a 64-bit FNV-1a hash of all its characters. Two visitors with
     * one key would share their open visit, and the stats join events to visits by visit id alone
     * (a visit's id names one visitor's visit), so every character counts: ids that differ only at
     * the end (numbered test ids, identified users' ids) get distinct keys.
     */
    public static long key(String visitorId) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < visitorId.length(); i++) {
            hash = (hash ^ visitorId.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    private static long micros(Instant instant) {
        return EpochMicros.of(instant);
    }
}
