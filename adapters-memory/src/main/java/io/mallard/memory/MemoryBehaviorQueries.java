package io.mallard.memory;

import io.mallard.application.behavior.BehaviorQueries;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.behavior.StepCondition;
import io.mallard.domain.event.EpochMicros;
import io.mallard.domain.event.Event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The behavioral stream over {@link CountedEvents}: each visitor's counted events with their
 * condition mask, cut to the scan's reach, in {@code (time, unsigned mask, arrival)} order.
 * Retention is the interface's default, the engine's own computation over this stream.
 */
final class MemoryBehaviorQueries implements BehaviorQueries {
    private final EventLog log;
    private final Duration visitTimeout;

    MemoryBehaviorQueries(EventLog log, Duration visitTimeout) {
        this.log = log;
        this.visitTimeout = visitTimeout;
    }

    private record Masked(long micros, int mask, long eventId, String path) {
    }

    @Override
    public void scan(StatsQuery query, BehaviorScan scan, EventSink sink) {
        Map<String, List<Masked>> byVisitor = new LinkedHashMap<>();
        for (Event event : new CountedEvents(log, query, visitTimeout).events) {
            if (scan.pageviewsOnly() && !event.eventName().isPageview()) {
                continue;
            }
            byVisitor.computeIfAbsent(event.visitorId(), visitor -> new ArrayList<>()).add(new Masked(EpochMicros.of(event.timestamp()),
                    mask(scan.conditions(), event), event.eventId(), scan.pageviewsOnly() ? event.pathname() : null));
        }
        long visitor = 0;
        for (List<Masked> events : byVisitor.values()) {
            List<Masked> reached = reached(events, scan.reach());
            reached.sort(Comparator.comparingLong(Masked::micros).thenComparing(Masked::mask, Integer::compareUnsigned)
                    .thenComparingLong(Masked::eventId));
            for (Masked event : reached) {
                if (scan.unmatchedToo() || event.mask() != 0) {
                    sink.event(visitor, event.micros(), event.mask(), event.path());
                }
            }
            visitor++;
        }
    }

    /** The visitor's events the reach keeps: all, or those from (up to) the first meeting condition 1, ties included. */
    private static List<Masked> reached(List<Masked> events, Reach reach) {
        if (reach == Reach.ALL) {
            return new ArrayList<>(events);
        }
        long first = events.stream().filter(event -> (event.mask() & 1) != 0).mapToLong(Masked::micros).min().orElse(Long.MIN_VALUE);
        if (first == Long.MIN_VALUE) {
            return new ArrayList<>();
        }
        return new ArrayList<>(events.stream()
                .filter(event -> reach == Reach.FROM_FIRST_MATCH ? event.micros() >= first : event.micros() <= first).toList());
    }

    @Override
    public long visitors(StatsQuery query) {
        return MemoryStatsQueries.visitors(new CountedEvents(log, query, visitTimeout).events);
    }

    /** Bit {@code i} set when the event meets condition {@code i}. */
    private static int mask(List<StepCondition> conditions, Event event) {
        int mask = 0;
        for (int i = 0; i < conditions.size(); i++) {
            if (meets(conditions.get(i), event)) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    private static boolean meets(StepCondition condition, Event event) {
        return switch (condition) {
            case StepCondition.AnyEvent any -> true;
            case StepCondition.Page page -> event.eventName().isPageview() && event.pathname() != null && page.matches(event.pathname());
            case StepCondition.CustomEvent custom -> event.eventName().equals(custom.name())
                    && (custom.propKey() == null || custom.propValue().equals(Values.prop(event, custom.propKey())));
        };
    }
}
