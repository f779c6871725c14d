package io.mallard.memory;

import io.mallard.application.behavior.BehaviorQueries;
import io.mallard.application.erasure.EventEraser;
import io.mallard.application.stats.StatsQueries;
import io.mallard.application.storage.EventStore;
import io.mallard.application.storage.StorageEngine;
import io.mallard.application.storage.StorageFigures;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.application.storage.StoredEvents;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.SiteId;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reference engine: every event in the heap ({@link EventLog}), every question answered from
 * them by the definitions of METRICS.md in plain Java. It passes the whole contract kit and is the
 * example to copy when writing an engine. Not durable: an append is "safe" only as long as the
 * process lives, so it is for tests, demos and trying the product, never for production.
 * Metadata (accounts, sites, goals) is left to the embedded store.
 */
public final class MemoryStorageEngine implements StorageEngine {
    private final EventLog log = new EventLog();
    private final MemoryStatsQueries stats;
    private final MemoryBehaviorQueries behavior;
    private volatile boolean closed;

    public MemoryStorageEngine(Duration visitTimeout) {
        this.stats = new MemoryStatsQueries(log, visitTimeout);
        this.behavior = new MemoryBehaviorQueries(log, visitTimeout);
    }

    private final EventStore events = new EventStore() {
        @Override
        public void append(List<Event> events) {
            checkWritable();
            log.append(events);
        }

        @Override
        public void checkReadable() {
            checkOpen();
        }

        @Override
        public void checkWritable() {
            checkOpen();
        }
    };

    private final EventEraser eraser = new EventEraser() {
        @Override
        public Erased erase(SiteId site, Instant from, Instant until) {
            checkOpen();
            long removed = log.remove(site, event -> !event.timestamp().isBefore(from) && event.timestamp().isBefore(until));
            return new Erased(removed, 0, 0);
        }

        @Override
        public Erased eraseVisitors(SiteId site, Set<String> visitorIds) {
            if (visitorIds.isEmpty() || !visitorIds.stream().allMatch(id -> VISITOR_ID.matcher(id).matches())) {
                throw new IllegalArgumentException("visitor ids must be 64 hex digits");
            }
            checkOpen();
            long removed = log.remove(site, event -> visitorIds.contains(event.visitorId()));
            return new Erased(removed, 0, 0);
        }
    };

    private void checkOpen() {
        if (closed) {
            throw new StorageUnavailableException("the memory engine is closed", null);
        }
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public StatsQueries stats() {
        return stats;
    }

    @Override
    public BehaviorQueries behavior() {
        return behavior;
    }

    @Override
    public EventEraser eraser() {
        return eraser;
    }

    @Override
    public long deleteBefore(LocalDate cutoff) {
        checkOpen();
        Instant start = cutoff.atStartOfDay(ZoneOffset.UTC).toInstant();
        return log.remove(null, event -> event.timestamp().isBefore(start));
    }

    @Override
    public List<RecentVisit> recentVisits(Instant since) {
        checkOpen();
        return log.readAll(event -> event.visitId() != null && !event.timestamp().isBefore(since)).stream()
                .collect(Collectors.groupingBy(Event::visitorId, Collectors.maxBy(Comparator.comparing(Event::timestamp))))
                .values().stream().flatMap(java.util.Optional::stream)
                .map(latest -> new RecentVisit(latest.visitorId(), latest.visitId(), latest.timestamp())).toList();
    }

    /** The stored events read back, as an export would: oldest first. */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type != StoredEvents.class) {
            return Optional.empty();
        }
        StoredEvents stored = (site, from, until, limit) -> {
            if (limit < 1 || limit > StoredEvents.MAX_EVENTS) {
                throw new IllegalArgumentException("limit must be 1-" + StoredEvents.MAX_EVENTS);
            }
            checkOpen();
            return log.read(site, from, until).stream()
                    .sorted(Comparator.comparing(Event::timestamp).thenComparingLong(Event::eventId)).limit(limit).toList();
        };
        return Optional.of(type.cast(stored));
    }

    /** Nothing is buffered or tiered: every event is visible at once and counted as stored ({@code cold}). */
    @Override
    public StorageFigures figures() {
        checkOpen();
        return new StorageFigures(0, 0, log.size(), 0);
    }

    /** Nothing to keep: the events go with the process. */
    @Override
    public void close(Duration timeout) {
        closed = true;
    }
}
