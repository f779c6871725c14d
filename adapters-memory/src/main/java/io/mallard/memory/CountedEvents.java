package io.mallard.memory;

import io.mallard.application.ingest.VisitAssigner;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a stats question counts (METRICS.md), in plain Java:
 * <ol>
 *   <li>the site's events in the range, grouped into visits: events stored with a visit id (assigned
 *   at ingestion) by that id; older events by the rule ingestion applies — a gap of at most the
 *   timeout continues a visit, and so does a page-leave report less than
 *   {@link VisitAssigner#PAGE_LEAVE_REACH} after the visitor's previous event;</li>
 *   <li>a filter on a visit dimension keeps whole visits;</li>
 *   <li>a filter on an event dimension keeps the events it matches, within the kept visits;</li>
 *   <li>the counted visits are the kept visits with at least one counted event.</li>
 * </ol>
 */
final class CountedEvents {
    /** The counted events, visit by visit. */
    final List<Event> events = new ArrayList<>();
    /** The counted visits. */
    final List<Visit> visits = new ArrayList<>();
    private final Map<Event, Visit> visitOf = new IdentityHashMap<>();

    CountedEvents(EventLog log, StatsQuery query, Duration visitTimeout) {
        List<Filter> visitFilters = query.filters().of(Dimension.Scope.VISIT);
        List<Filter> eventFilters = query.filters().of(Dimension.Scope.EVENT);
        for (Visit visit : visits(log.read(query.site(), query.from(), query.until()), visitTimeout)) {
            if (!visitFilters.stream().allMatch(filter -> filter.test(visit.dimension(filter.dimension())))) {
                continue;
            }
            List<Event> counted = visit.events.stream().filter(event -> matches(event, eventFilters)).toList();
            if (!counted.isEmpty()) {
                visits.add(visit);
                events.addAll(counted);
                counted.forEach(event -> visitOf.put(event, visit));
            }
        }
    }

    /** Whether the event meets every filter (all on event dimensions). */
    static boolean matches(Event event, List<Filter> filters) {
        return filters.stream().allMatch(filter -> filter.test(Values.ofEvent(event, filter.dimension(), filter.propKey())));
    }

    Visit visitOf(Event event) {
        return visitOf.get(event);
    }

    /** The visits of these events: per visitor, those with a visit id by id, the others by the gap rule. */
    static List<Visit> visits(List<Event> events, Duration timeout) {
        Map<String, List<Event>> byVisitor = new LinkedHashMap<>();
        events.forEach(event -> byVisitor.computeIfAbsent(event.visitorId(), visitor -> new ArrayList<>()).add(event));
        List<Visit> visits = new ArrayList<>();
        byVisitor.forEach((visitor, own) -> {
            Map<Long, List<Event>> assigned = new TreeMap<>();
            List<Event> legacy = new ArrayList<>();
            for (Event event : own) {
                if (event.visitId() != null) {
                    assigned.computeIfAbsent(event.visitId(), id -> new ArrayList<>()).add(event);
                } else {
                    legacy.add(event);
                }
            }
            assigned.values().forEach(group -> {
                group.sort(Comparator.comparingLong(Event::eventId));
                visits.add(new Visit(visitor, group));
            });
            visits.addAll(byGaps(visitor, legacy, timeout));
        });
        return visits;
    }

    private static List<Visit> byGaps(String visitor, List<Event> events, Duration timeout) {
        List<Visit> visits = new ArrayList<>();
        List<Event> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(Event::timestamp).thenComparingLong(Event::eventId));
        List<Event> current = new ArrayList<>();
        Event previous = null;
        for (Event event : ordered) {
            if (previous != null && !continues(previous, event, timeout)) {
                visits.add(new Visit(visitor, current));
                current = new ArrayList<>();
            }
            current.add(event);
            previous = event;
        }
        if (!current.isEmpty()) {
            visits.add(new Visit(visitor, current));
        }
        return visits;
    }

    private static boolean continues(Event previous, Event next, Duration timeout) {
        Duration gap = Duration.between(previous.timestamp(), next.timestamp());
        return gap.compareTo(timeout) <= 0
                || next.eventName().equals(EventName.ENGAGEMENT) && gap.compareTo(VisitAssigner.PAGE_LEAVE_REACH) < 0;
    }
}
