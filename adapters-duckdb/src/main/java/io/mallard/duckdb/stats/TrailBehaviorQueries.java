package io.mallard.duckdb.stats;

import io.mallard.application.behavior.BehaviorQueries;
import io.mallard.application.stats.RollupStore;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.stats.Totals;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.behavior.StepCondition;
import io.mallard.domain.event.EpochMicros;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link BehaviorQueries} that reads the day trails of the rollups ({@link DayTrail}) where they
 * answer, and the events ({@code events}, usually {@link DuckDbBehaviorQueries}) for the rest.
 *
 * <p>Trails answer a question whose event filters are on what a trail carries, the event's name and
 * page ({@link TrailScan#reads}); property conditions on custom events take their matches from the
 * events ({@link PropertyEvents}). Visit filters are
 * answered from trails on whole UTC days with stored visits: the visits they keep are read from
 * {@code rollup_visits} ({@link KeptVisits}) and matched to the trail's visit ids; days the range cuts
 * are read from events then, since a visit's dimensions there are those of its events in the range.
 * Each UTC day the
 * question touches is read from its trail when it has a usable one, clipped to the question's
 * instants; the other days are read from events in runs. Each visitor's events must come from one
 * source, so this holds only when no visitor key occurs in two of those parts: trail days are
 * additive (their keys occur on no other stored day) and the runs read from events are checked
 * against the trail days and each other ({@link DuckDbRollupStore#disjoint}). When that fails, when
 * no day has a trail, or when a trail day changes between planning and reading, the whole question
 * is read from events: slower, never different.
 */
public final class TrailBehaviorQueries implements BehaviorQueries {
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private final BehaviorQueries events;
    private final DuckDbRollupStore rollups;

    public TrailBehaviorQueries(BehaviorQueries events, DuckDbRollupStore rollups) {
        this.events = events;
        this.rollups = rollups;
    }

    /** Trail days (ascending, at least one) and the clipped runs of the other days. */
    private record Plan(List<LocalDate> trailDays, List<StatsQuery.Clip> eventParts) {
    }

    @Override
    public void scan(StatsQuery query, BehaviorScan scan, EventSink sink) {
        Plan plan = plan(query, scan.conditions());
        if (plan == null || !readTrails(query, plan, new TrailScan(scan, query.filters().all(), micros(query.from()), micros(query.until()), sink),
                scan.conditions())) {
            events.scan(query, scan, sink);
            return;
        }
        for (StatsQuery.Clip part : plan.eventParts()) {
            events.scan(query.clippedTo(part), scan, sink);
        }
    }

    /**
     * Whole trail days of a question without event filters count stored visitors without reading
     * the files again after a scan just did: an unfiltered question's from the days' rollups (the
     * same distinct keys), a visit filter's from the stored visits it keeps. The other days are decoded.
     */
    @Override
    public long visitors(StatsQuery query) {
        Plan plan = plan(query, List.of(new StepCondition.AnyEvent()));
        if (plan == null) {
            return events.visitors(query);
        }
        long from = micros(query.from());
        long until = micros(query.until());
        List<LocalDate> whole = new ArrayList<>();
        List<LocalDate> cut = new ArrayList<>();
        for (LocalDate day : plan.trailDays()) {
            long start = dayStartMicros(day);
            (query.filters().of(Dimension.Scope.EVENT).isEmpty() && from <= start && start + MICROS_PER_DAY <= until ? whole : cut).add(day);
        }
        List<Filter> visitFilters = query.filters().of(Dimension.Scope.VISIT);
        Long rolledUp = whole.isEmpty() ? Long.valueOf(0)
                : visitFilters.isEmpty() ? rolledUpVisitors(query, whole) : rollups.keptVisitors(query.site(), whole, visitFilters);
        BehaviorScan any = new BehaviorScan(List.of(new StepCondition.AnyEvent()), false, false, Reach.ALL);
        TrailScan counting = new TrailScan(any, query.filters().all(), from, until, null);
        long[] visitors = {rolledUp == null ? 0 : rolledUp};
        if (rolledUp == null || (!cut.isEmpty()
                && !forEachTrail(query, new Plan(cut, List.of()), null,
                (day, trail, kept, properties) -> visitors[0] += counting.day(trail, dayStartMicros(day), kept, properties)))) {
            return events.visitors(query);
        }
        for (StatsQuery.Clip part : plan.eventParts()) {
            visitors[0] += events.visitors(query.clippedTo(part));
        }
        return visitors[0];
    }

    /** The stored visitors of whole days; null when one of them is no longer usable. */
    private Long rolledUpVisitors(StatsQuery query, List<LocalDate> days) {
        RollupStore.Snapshot snapshot = rollups.read(query.site(), days.getFirst(), days.getLast(), null);
        if (!snapshot.usable().containsAll(days)) {
            return null;
        }
        return days.stream().map(snapshot.totals()::get).filter(java.util.Objects::nonNull).mapToLong(Totals::visitors).sum();
    }

    /** From trails, the engine's grid over {@link #scan}; otherwise the events' own (SQL) grid. */
    @Override
    public long[][] retention(StatsQuery query, RetentionScan retention) {
        if (plan(query, List.of(retention.cohortEvent(), retention.returnEvent())) == null) {
            return events.retention(query, retention);
        }
        return BehaviorQueries.super.retention(query, retention);
    }

    private boolean readTrails(StatsQuery query, Plan plan, TrailScan scan, List<StepCondition> conditions) {
        return forEachTrail(query, plan, PropertyEvents.needed(conditions) ? conditions : null,
                (day, trail, kept, properties) -> scan.day(trail, dayStartMicros(day), kept, properties));
    }

    /**
     * Receives one day's trail: its bytes start {@code trail}, which may be longer and is reused for
     * the next day; {@code keptVisits} are the visits the question's visit filters keep that day
     * (ascending ids), null without a visit filter; {@code properties} the events meeting the
     * question's property conditions, null without one.
     */
    @FunctionalInterface
    private interface TrailConsumer {
        void accept(LocalDate day, byte[] trail, long[] keptVisits, PropertyEvents properties);
    }

    /**
     * Hands over the plan's trails in day order; false, having handed over nothing, when one is no
     * longer current. A trail failing its checks drops its day (rebuilt by the upkeep) and fails the
     * question with a 503: part of it may already have been streamed.
     */
    private boolean forEachTrail(StatsQuery query, Plan plan, List<StepCondition> propertyConditions, TrailConsumer consumer) {
        DuckDbRollupStore.OpenedTrails opened = rollups.openTrails(query.site(), plan.trailDays(), query.filters().of(Dimension.Scope.VISIT),
                propertyConditions == null ? null : new DuckDbRollupStore.PropertyQuestion(query.from(), query.until(), propertyConditions,
                        query.filters().all().stream().anyMatch(filter -> filter.dimension() == Dimension.PAGE)));
        if (opened == null) {
            return false;
        }
        Map<LocalDate, TrailFiles.Opened> open = opened.files();
        try {
            byte[] buffer = new byte[0];
            for (LocalDate day : plan.trailDays()) {
                TrailFiles.Opened trail = open.get(day);
                // A day on which the visit filters keep no visit has nothing to decode.
                if (trail != null && (opened.kept() == null || opened.kept().any(day))) {
                    buffer = readOrDrop(query, day, trail, buffer);
                    consumer.accept(day, buffer, opened.kept() == null ? null : opened.kept().of(day), opened.properties());
                }
            }
            return true;
        } finally {
            open.values().forEach(TrailFiles.Opened::close);
        }
    }

    private byte[] readOrDrop(StatsQuery query, LocalDate day, TrailFiles.Opened trail, byte[] buffer) {
        try {
            return trail.read(buffer);
        } catch (IOException e) {
            rollups.dropDay(query.site(), day);
            throw new StorageUnavailableException("the trail of " + day + " was damaged (" + e.getMessage()
                    + "); its rollup is dropped and will be rebuilt, ask again", e);
        }
    }

    /** How to read the question from trails and events; null when trails cannot answer it. */
    private Plan plan(StatsQuery query, List<StepCondition> conditions) {
        if (!conditions.stream().allMatch(PropertyEvents::answers) || !query.filters().of(Dimension.Scope.EVENT).stream().allMatch(TrailScan::reads)) {
            return null;
        }
        Instant from = query.from();
        Instant until = query.until();
        LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(until.minusNanos(1), ZoneOffset.UTC);
        Set<LocalDate> usable = new HashSet<>(rollups.trailDays(query.site(), first, last));
        if (!query.filters().of(Dimension.Scope.VISIT).isEmpty()) {
            usable.retainAll(rollups.visitDays(query.site(), first, last));
            usable.removeIf(day -> from.isAfter(day.atStartOfDay(ZoneOffset.UTC).toInstant())
                    || until.isBefore(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        List<LocalDate> trailDays = new ArrayList<>();
        List<StatsQuery.Clip> eventParts = new ArrayList<>();
        LocalDate runStart = null;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (usable.contains(day)) {
                trailDays.add(day);
                if (runStart != null) {
                    eventParts.add(clip(runStart, day, from, until));
                    runStart = null;
                }
            } else if (runStart == null) {
                runStart = day;
            }
        }
        if (runStart != null) {
            eventParts.add(clip(runStart, last.plusDays(1), from, until));
        }
        if (trailDays.isEmpty() || (!eventParts.isEmpty() && !rollups.disjoint(query, eventParts, usable))) {
            return null;
        }
        return new Plan(List.copyOf(trailDays), List.copyOf(eventParts));
    }

    /** The instants of the days {@code [start, end)} inside {@code [from, until)}. */
    private static StatsQuery.Clip clip(LocalDate start, LocalDate end, Instant from, Instant until) {
        Instant runFrom = start.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant runUntil = end.atStartOfDay(ZoneOffset.UTC).toInstant();
        return new StatsQuery.Clip(runFrom.isBefore(from) ? from : runFrom, runUntil.isAfter(until) ? until : runUntil);
    }

    private static long dayStartMicros(LocalDate day) {
        return micros(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static long micros(Instant instant) {
        return EpochMicros.of(instant);
    }
}
