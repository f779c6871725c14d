package io.mallard.memory;

import io.mallard.application.stats.Breakdown;
import io.mallard.application.stats.BreakdownRow;
import io.mallard.application.stats.DailyRow;
import io.mallard.application.stats.GoalConversions;
import io.mallard.application.stats.Overview;
import io.mallard.application.stats.PageEngagement;
import io.mallard.application.stats.Realtime;
import io.mallard.application.stats.SeriesPoint;
import io.mallard.application.stats.StatsQueries;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.stats.Totals;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Goal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The stats questions over {@link CountedEvents}: each figure as METRICS.md defines it, computed the plain way. */
final class MemoryStatsQueries implements StatsQueries {
    /** Revenue is kept to the cent, as stored amounts are. */
    private static final int REVENUE_SCALE = 2;

    private final EventLog log;
    private final Duration visitTimeout;

    MemoryStatsQueries(EventLog log, Duration visitTimeout) {
        this.log = log;
        this.visitTimeout = visitTimeout;
    }

    private CountedEvents counted(StatsQuery query) {
        return new CountedEvents(log, query, visitTimeout);
    }

    @Override
    public Totals totals(StatsQuery query) {
        CountedEvents counted = counted(query);
        return new Totals(visitors(counted.events), counted.visits.size(), pageviews(counted.events), counted.events.size(),
                counted.visits.stream().filter(Visit::isBounce).count(), counted.visits.stream().mapToLong(visit -> visit.pageviews).sum(),
                counted.visits.stream().mapToDouble(Visit::seconds).sum(), engagement(counted.events));
    }

    @Override
    public List<SeriesPoint> series(StatsQuery query, List<Instant> bucketStarts) {
        CountedEvents counted = counted(query);
        Buckets buckets = new Buckets(bucketStarts);
        Map<Instant, List<Event>> events = byBucket(counted.events, event -> buckets.of(event.timestamp()));
        Map<Instant, List<Visit>> visits = byBucket(counted.visits, visit -> buckets.of(visit.started()));
        Set<Instant> starts = new java.util.TreeSet<>(events.keySet());
        starts.addAll(visits.keySet());
        return starts.stream().map(start -> {
            List<Event> inBucket = events.getOrDefault(start, List.of());
            return new SeriesPoint(start, visitors(inBucket), visits.getOrDefault(start, List.of()).size(), pageviews(inBucket));
        }).toList();
    }

    @Override
    public Overview overview(StatsQuery query, List<Instant> bucketStarts) {
        CountedEvents counted = counted(query);
        Buckets buckets = new Buckets(bucketStarts);
        Map<Instant, List<Event>> events = byBucket(counted.events, event -> buckets.of(event.timestamp()));
        List<Event> bucketed = events.values().stream().flatMap(List::stream).toList();
        List<Overview.Bucket> found = events.entrySet().stream()
                .map(entry -> new Overview.Bucket(entry.getKey(), visitors(entry.getValue()), pageviews(entry.getValue()))).toList();
        return new Overview(visitors(bucketed), pageviews(bucketed), found);
    }

    @Override
    public List<BreakdownRow> breakdown(StatsQuery query, Breakdown breakdown, int limit, int offset) {
        CountedEvents counted = counted(query);
        Dimension dimension = breakdown.dimension();
        Map<String, List<Event>> valued = new HashMap<>();
        for (Event event : counted.events) {
            if (dimension.scope() == Dimension.Scope.VISIT) {
                valued.computeIfAbsent(counted.visitOf(event).dimension(dimension), value -> new ArrayList<>()).add(event);
            } else if (countsFor(dimension, event)) {
                String value = Values.ofEvent(event, dimension, breakdown.propKey());
                if (value != null || dimension != Dimension.PROP) {
                    valued.computeIfAbsent(value == null ? dimension.missingLabel() : value, key -> new ArrayList<>()).add(event);
                }
            }
        }
        Map<String, PageEngagement> engaged = dimension == Dimension.PAGE ? engagementByPage(counted.events) : Map.of();
        List<BreakdownRow> rows = new ArrayList<>();
        valued.forEach((value, events) -> rows.add(row(value, events, counted, engaged.getOrDefault(value, PageEngagement.NONE))));
        if (dimension == Dimension.PAGE && query.clip() != null) {
            // A part of a larger question: pages left in this part but viewed in another carry their reports.
            engaged.forEach((page, engagement) -> {
                if (!valued.containsKey(page)) {
                    rows.add(new BreakdownRow(page, 0, 0, 0, 0, 0, List.of(), engagement));
                }
            });
        }
        return rows.stream().sorted(Comparator.comparingLong(BreakdownRow::visitors).reversed().thenComparing(BreakdownRow::value))
                .skip(offset).limit(limit).toList();
    }

    /**
     * Which counted events a breakdown by an event dimension lists: pages are pageviews, custom
     * events exclude page-leave reports, a property lists the events that have it.
     */
    private static boolean countsFor(Dimension dimension, Event event) {
        return switch (dimension) {
            case PAGE -> event.eventName().isPageview();
            case EVENT_NAME -> Visit.isInteraction(event);
            default -> true;
        };
    }

    /** One row: the value's counted events, and the visits holding one of them. */
    private static BreakdownRow row(String value, List<Event> events, CountedEvents counted, PageEngagement engagement) {
        Set<Visit> visits = Collections.newSetFromMap(new IdentityHashMap<>());
        events.forEach(event -> visits.add(counted.visitOf(event)));
        return new BreakdownRow(value, visitors(events), visits.size(), pageviews(events), events.size(),
                visits.stream().filter(Visit::isBounce).count(), revenue(events), engagement);
    }

    @Override
    public List<GoalConversions> goals(StatsQuery query, List<Goal> goals) {
        CountedEvents counted = counted(query);
        return goals.stream().map(goal -> {
            List<Event> conversions = counted.events.stream().filter(event -> CountedEvents.matches(event, goal.conversions())).toList();
            return new GoalConversions(goal, visitors(conversions), conversions.size());
        }).toList();
    }

    @Override
    public List<DailyRow> daily(StatsQuery query) {
        CountedEvents counted = counted(query);
        Buckets days = new Buckets(query.range().first().datesUntil(query.range().last().plusDays(1))
                .map(day -> day.atStartOfDay(query.zone()).toInstant()).toList());
        Map<Instant, List<Event>> events = byBucket(counted.events, event -> days.of(event.timestamp()));
        Map<Instant, List<Visit>> visits = byBucket(counted.visits, visit -> days.of(visit.started()));
        return events.entrySet().stream().map(day -> {
            List<Event> dayEvents = day.getValue();
            String topPage = mostFrequent(dayEvents.stream().filter(event -> event.eventName().isPageview())
                    .map(Event::pathname).filter(java.util.Objects::nonNull).toList());
            String topSource = mostFrequent(visits.getOrDefault(day.getKey(), List.of()).stream()
                    .map(visit -> visit.dimension(Dimension.SOURCE)).toList());
            LocalDate date = day.getKey().atZone(query.zone()).toLocalDate();
            return new DailyRow(date, visitors(dayEvents), pageviews(dayEvents), topPage, topSource);
        }).toList();
    }

    @Override
    public Realtime realtime(SiteId site, Instant currentSince, Instant minutesSince) {
        long current = log.read(site, event -> !event.timestamp().isBefore(currentSince)).stream()
                .map(Event::visitorId).distinct().count();
        Map<Instant, Long> perMinute = new TreeMap<>(log.read(site, event -> event.eventName().isPageview()
                        && !event.timestamp().isBefore(minutesSince)).stream()
                .collect(Collectors.groupingBy(event -> event.timestamp().truncatedTo(ChronoUnit.MINUTES), Collectors.counting())));
        return new Realtime(current, perMinute.entrySet().stream().map(entry -> new Realtime.Minute(entry.getKey(), entry.getValue())).toList());
    }

    static long visitors(List<Event> events) {
        return events.stream().map(Event::visitorId).distinct().count();
    }

    private static long pageviews(List<Event> events) {
        return events.stream().filter(event -> event.eventName().isPageview()).count();
    }

    /** Grouped by bucket start, ascending; items outside every bucket left out. */
    private static <T> Map<Instant, List<T>> byBucket(List<T> items, Function<T, Instant> bucket) {
        Map<Instant, List<T>> grouped = new TreeMap<>();
        for (T item : items) {
            Instant start = bucket.apply(item);
            if (start != null) {
                grouped.computeIfAbsent(start, key -> new ArrayList<>()).add(item);
            }
        }
        return grouped;
    }

    /** The most frequent value, the smallest on a tie; null for none. */
    private static String mostFrequent(List<String> values) {
        return values.stream().collect(Collectors.groupingBy(value -> value, Collectors.counting())).entrySet().stream()
                .min(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(null);
    }

    /** Page-leave reports of the counted events, per (page, visitor): visible time summed, deepest scroll. */
    private static PageEngagement engagement(List<Event> events) {
        return engagementByPage(events).values().stream().reduce(PageEngagement.NONE,
                (a, b) -> new PageEngagement(a.engagedMillis() + b.engagedMillis(), a.pageVisitors() + b.pageVisitors(),
                        a.depthSum() + b.depthSum()));
    }

    private static Map<String, PageEngagement> engagementByPage(List<Event> events) {
        record Read(String page, String visitor) {
        }
        Map<Read, long[]> reads = new HashMap<>();
        for (Event event : events) {
            if (event.engagement() != null) {
                long[] read = reads.computeIfAbsent(new Read(event.pathname(), event.visitorId()), key -> new long[2]);
                read[0] += event.engagement().engagedMillis();
                read[1] = Math.max(read[1], event.engagement().scrollDepth());
            }
        }
        Map<String, PageEngagement> pages = new HashMap<>();
        reads.forEach((read, figures) -> pages.merge(read.page(), new PageEngagement(figures[0], 1, figures[1]),
                (a, b) -> new PageEngagement(a.engagedMillis() + b.engagedMillis(), a.pageVisitors() + b.pageVisitors(),
                        a.depthSum() + b.depthSum())));
        return pages;
    }

    /** Revenue per currency, currencies in order. */
    private static List<BreakdownRow.Amount> revenue(List<Event> events) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (Event event : events) {
            if (event.revenueAmount() != null && event.revenueCurrency() != null) {
                sums.merge(event.revenueCurrency(), event.revenueAmount().setScale(REVENUE_SCALE, RoundingMode.HALF_UP), BigDecimal::add);
            }
        }
        return sums.entrySet().stream().map(entry -> new BreakdownRow.Amount(entry.getKey(), entry.getValue())).toList();
    }
}
