package io.mallard.application.stats;

import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Goal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * {@link StatsQueries} that answer unfiltered questions from daily rollups where they can and from
 * the events everywhere else, with the same figures as the events alone would give.
 *
 * <p>Why the figures are the same: a range splits into parts — whole UTC days with a usable rollup,
 * and the rest (the edges of a range in another time zone, today, days not rolled up yet), read from
 * the events. Every figure is a count or sum over visitors, visits or events, so the range's figure
 * is the sum of the parts' figures as soon as no visitor key occurs in two parts: a visit then lies
 * in one part, and a visitor is counted once. Usable days are disjoint from each other (checked when
 * each is stored, {@link RollupStore#save}); the parts read from events are checked against them
 * and each other on every question ({@link RollupStore#disjoint}). Visitor ids change every UTC day
 * by default, so this holds on ordinary traffic; ids that last longer (identified users, weekly or
 * monthly rotation) make the days overlap, and those questions are answered from the events.
 *
 * <p>A question with filters, a clip, a custom-property breakdown, or more than
 * {@value #MAX_EVENT_PARTS} parts to read from events goes to the events unchanged.
 */
public final class RolledUpStatsQueries implements StatsQueries {
    /** The breakdowns kept in rollups: all but custom properties, whose keys are open-ended. */
    public static final Set<Dimension> ROLLED_UP = EnumSet.complementOf(EnumSet.of(Dimension.PROP));
    private static final int MAX_EVENT_PARTS = 3;

    private final StatsQueries events;
    private final RollupStore rollups;

    public RolledUpStatsQueries(StatsQueries events, RollupStore rollups) {
        this.events = events;
        this.rollups = rollups;
    }

    /** A question split into rolled-up days and parts read from events. */
    private record Plan(RollupStore.Snapshot snapshot, List<StatsQuery.Clip> eventParts) {
    }

    @Override
    public Totals totals(StatsQuery query) {
        return plan(query, null).map(plan -> totals(query, plan)).orElseGet(() -> events.totals(query));
    }

    private Totals totals(StatsQuery query, Plan plan) {
        Totals sum = plan.snapshot().totals().values().stream().reduce(Totals.EMPTY, Totals::plus);
        for (StatsQuery.Clip part : plan.eventParts()) {
            sum = sum.plus(events.totals(query.clippedTo(part)));
        }
        return sum;
    }

    @Override
    public List<BreakdownRow> breakdown(StatsQuery query, Breakdown breakdown, int limit, int offset) {
        Optional<Plan> planned = ROLLED_UP.contains(breakdown.dimension()) ? plan(query, breakdown.dimension()) : Optional.empty();
        if (planned.isEmpty()) {
            return events.breakdown(query, breakdown, limit, offset);
        }
        Map<String, BreakdownRow> byValue = new HashMap<>();
        planned.get().snapshot().rows().forEach(row -> byValue.put(row.value(), row));
        for (StatsQuery.Clip part : planned.get().eventParts()) {
            for (BreakdownRow row : events.breakdown(query.clippedTo(part), breakdown, Integer.MAX_VALUE, 0)) {
                byValue.merge(row.value(), row, BreakdownRow::plus);
            }
        }
        // Parts list pages that were only left, not viewed, in them (StatsQueries#breakdown); the whole lists viewed ones.
        return byValue.values().stream().filter(row -> row.visitors() > 0).sorted(BreakdownRow.ORDER).skip(offset).limit(limit).toList();
    }

    @Override
    public List<SeriesPoint> series(StatsQuery query, List<Instant> bucketStarts) {
        return bucketed(query, bucketStarts, events::series,
                (start, day) -> new SeriesPoint(start, day.visitors(), day.visits(), day.pageviews()))
                .orElseGet(() -> events.series(query, bucketStarts));
    }

    @Override
    public Overview overview(StatsQuery query, List<Instant> bucketStarts) {
        Optional<Plan> planned = plan(query, null);
        if (planned.isEmpty()) {
            return events.overview(query, bucketStarts);
        }
        Optional<List<Overview.Bucket>> buckets = bucketed(query, bucketStarts, (part, starts) -> events.overview(part, starts).buckets(),
                (start, day) -> new Overview.Bucket(start, day.visitors(), day.pageviews()));
        if (buckets.isEmpty()) {
            return events.overview(query, bucketStarts);
        }
        Totals totals = totals(query, planned.get());
        return new Overview(totals.visitors(), totals.pageviews(), buckets.get());
    }

    @Override
    public List<GoalConversions> goals(StatsQuery query, List<Goal> goals) {
        return events.goals(query, goals);
    }

    @Override
    public List<DailyRow> daily(StatsQuery query) {
        return events.daily(query);
    }

    @Override
    public Realtime realtime(SiteId site, Instant currentSince, Instant minutesSince) {
        return events.realtime(site, currentSince, minutesSince);
    }

    /**
     * Splits the range at the usable days between its first and last whole UTC day; empty when
     * rollups cannot answer (see the class comment).
     */
    private Optional<Plan> plan(StatsQuery query, Dimension dimension) {
        if (!query.filters().isEmpty() || query.clip() != null) {
            return Optional.empty();
        }
        Instant from = query.from();
        Instant until = query.until();
        LocalDate first = firstWholeDay(from);
        LocalDate last = utcDay(until).minusDays(1);
        if (first.isAfter(last)) {
            return Optional.empty();
        }
        RollupStore.Snapshot snapshot = rollups.read(query.site(), first, last, dimension);
        if (snapshot.usable().isEmpty()) {
            return Optional.empty();
        }
        List<StatsQuery.Clip> parts = new ArrayList<>();
        Instant cursor = from;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (snapshot.usable().contains(day)) {
                Instant start = start(day);
                if (cursor.isBefore(start)) {
                    parts.add(new StatsQuery.Clip(cursor, start));
                }
                cursor = start(day.plusDays(1));
            }
        }
        if (cursor.isBefore(until)) {
            parts.add(new StatsQuery.Clip(cursor, until));
        }
        if (parts.size() > MAX_EVENT_PARTS || !parts.isEmpty() && !rollups.disjoint(query, parts, first, last)) {
            return Optional.empty();
        }
        return Optional.of(new Plan(snapshot, parts));
    }

    /**
     * Per bucket: the sum of its days' rollups when every day of it is usable, otherwise the events.
     * Buckets are independent questions, so no disjointness check is needed between them; within a
     * bucket, usable days are disjoint by construction. Empty when a bucket does not start and end on
     * UTC midnights (hours, or days of a time zone off UTC), or with filters.
     */
    private <P> Optional<List<P>> bucketed(StatsQuery query, List<Instant> starts,
                                           BiFunction<StatsQuery, List<Instant>, List<P>> fromEvents,
                                           BiFunction<Instant, Totals, P> fromRollup) {
        if (!query.filters().isEmpty() || query.clip() != null || starts.isEmpty()
                || !starts.stream().allMatch(RolledUpStatsQueries::isUtcMidnight) || !isUtcMidnight(query.until())) {
            return Optional.empty();
        }
        RollupStore.Snapshot snapshot = rollups.read(query.site(), utcDay(starts.getFirst()), utcDay(query.until()).minusDays(1), null);
        if (snapshot.usable().isEmpty()) {
            return Optional.empty();
        }
        List<P> points = new ArrayList<>();
        List<Instant> eventBuckets = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Instant start = starts.get(i);
            Instant end = i + 1 < starts.size() ? starts.get(i + 1) : query.until();
            Optional<Totals> rolledUp = sumOfDays(snapshot, start, end);
            if (rolledUp.isPresent()) {
                flush(query, eventBuckets, start, fromEvents, points);
                points.add(fromRollup.apply(start, rolledUp.get()));
            } else {
                eventBuckets.add(start);
            }
        }
        flush(query, eventBuckets, query.until(), fromEvents, points);
        return Optional.of(points);
    }

    /** Reads the pending run of event buckets, which ends at {@code end}, and clears it. */
    private static <P> void flush(StatsQuery query, List<Instant> eventBuckets, Instant end,
                                  BiFunction<StatsQuery, List<Instant>, List<P>> fromEvents, List<P> points) {
        if (!eventBuckets.isEmpty()) {
            points.addAll(fromEvents.apply(query.clippedTo(new StatsQuery.Clip(eventBuckets.getFirst(), end)), List.copyOf(eventBuckets)));
            eventBuckets.clear();
        }
    }

    private static Optional<Totals> sumOfDays(RollupStore.Snapshot snapshot, Instant start, Instant end) {
        Totals sum = Totals.EMPTY;
        for (LocalDate day = utcDay(start); start(day).isBefore(end); day = day.plusDays(1)) {
            if (!snapshot.usable().contains(day)) {
                return Optional.empty();
            }
            sum = sum.plus(snapshot.totals().getOrDefault(day, Totals.EMPTY));
        }
        return Optional.of(sum);
    }

    private static LocalDate firstWholeDay(Instant from) {
        LocalDate day = utcDay(from);
        return isUtcMidnight(from) ? day : day.plusDays(1);
    }

    private static boolean isUtcMidnight(Instant instant) {
        return start(utcDay(instant)).equals(instant);
    }

    private static LocalDate utcDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
