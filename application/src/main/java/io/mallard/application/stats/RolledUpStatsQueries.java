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
import java.util.stream.Collectors;

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
                (start, counts) -> new SeriesPoint(start, counts.visitors(), counts.visits(), counts.pageviews()))
                .orElseGet(() -> events.series(query, bucketStarts));
    }

    @Override
    public Overview overview(StatsQuery query, List<Instant> bucketStarts) {
        Optional<List<Overview.Bucket>> buckets = bucketed(query, bucketStarts, (part, starts) -> events.overview(part, starts).buckets(),
                (start, counts) -> new Overview.Bucket(start, counts.visitors(), counts.pageviews()));
        Optional<Plan> planned = buckets.isPresent() ? plan(query, null) : Optional.empty();
        if (planned.isEmpty()) {
            return events.overview(query, bucketStarts); // one statement, cheaper than totals and buckets apart
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
        if (snapshot.totals().isEmpty()) {
            return Optional.empty(); // no stored day with events: nothing to add up, and no check to pay for
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
        if (parts.size() > MAX_EVENT_PARTS || !parts.isEmpty() && !rollups.disjoint(query, parts, snapshot.totals().keySet())) {
            return Optional.empty();
        }
        return Optional.of(new Plan(snapshot, parts));
    }

    /**
     * Per bucket: the sum of its pieces when every piece is a usable day or a stored split of one,
     * otherwise the events. A bucket's pieces are the UTC days it covers; where a day of the site's
     * zone begins inside a UTC day (a zone off UTC), the bucket holds the day's head or tail from
     * that instant, stored as a split. Pieces lie in different UTC days, so they share no visitor;
     * a visit is counted in the bucket where it starts, as from events: a tail's visits are the
     * day's visits minus the head's (none crosses UTC midnight), except in the first bucket, where
     * visits under way at the range's start count, as the clipped tail counted them. The other
     * buckets are read from events in runs ({@link #runClip}); the runs must share no visitor key
     * with each other or with the stored days they do not touch, or the whole series is read from
     * events. Empty with filters or a clip.
     */
    private <P> Optional<List<P>> bucketed(StatsQuery query, List<Instant> starts,
                                           BiFunction<StatsQuery, List<Instant>, List<P>> fromEvents,
                                           BiFunction<Instant, RollupStore.Counts, P> fromRollup) {
        if (!query.filters().isEmpty() || query.clip() != null || starts.isEmpty()) {
            return Optional.empty();
        }
        LocalDate first = utcDay(starts.getFirst());
        LocalDate last = utcDay(query.until().minusNanos(1));
        RollupStore.Snapshot snapshot = rollups.read(query.site(), first, last, null);
        if (snapshot.totals().isEmpty()) {
            return Optional.empty();
        }
        boolean wholeDays = starts.stream().allMatch(RolledUpStatsQueries::isUtcMidnight) && isUtcMidnight(query.until());
        Map<LocalDate, RollupStore.Split> splits = wholeDays ? Map.of() : rollups.splits(query.site(), first, last);
        List<Optional<RollupStore.Counts>> rolledUp = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            rolledUp.add(countsOf(snapshot, splits, starts.get(i), end(query, starts, i), i == 0));
        }
        if (rolledUp.stream().allMatch(Optional::isEmpty)) {
            return Optional.empty(); // hours, or nothing stored in the buckets: the whole series from events
        }
        List<Run> runs = eventRuns(rolledUp);
        List<StatsQuery.Clip> runClips = runs.stream().map(run -> runClip(query, starts, run)).toList();
        if (!runClips.isEmpty() && !rollups.disjoint(query, runClips, daysOutside(snapshot.totals().keySet(), runClips))) {
            return Optional.empty();
        }
        List<P> points = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Instant start = starts.get(i);
            rolledUp.get(i).ifPresent(counts -> points.add(fromRollup.apply(start, counts)));
        }
        for (int r = 0; r < runs.size(); r++) {
            points.addAll(fromEvents.apply(query.clippedTo(runClips.get(r)), starts.subList(runs.get(r).first(), runs.get(r).last() + 1)));
        }
        return Optional.of(points);
    }

    /** Buckets {@code first..last} (indexes, inclusive) that rollups cannot answer. */
    private record Run(int first, int last) {
    }

    private static Instant end(StatsQuery query, List<Instant> starts, int i) {
        return i + 1 < starts.size() ? starts.get(i + 1) : query.until();
    }

    /** Maximal runs of consecutive buckets that rollups cannot answer. */
    private static List<Run> eventRuns(List<Optional<RollupStore.Counts>> rolledUp) {
        List<Run> runs = new ArrayList<>();
        int first = -1;
        for (int i = 0; i <= rolledUp.size(); i++) {
            boolean fromEvents = i < rolledUp.size() && rolledUp.get(i).isEmpty();
            if (fromEvents && first < 0) {
                first = i;
            } else if (!fromEvents && first >= 0) {
                runs.add(new Run(first, i - 1));
                first = -1;
            }
        }
        return runs;
    }

    /**
     * What a run reads: from the UTC midnight before its first bucket (or the range's start, if
     * later) to its end. Events before the first bucket are in no bucket (StatsQueries#series), but a
     * visit under way at the bucket's start is seen beginning earlier, in a bucket the rollups
     * answer, as the whole question would see it; the disjointness check covers visits from before
     * that midnight.
     */
    private static StatsQuery.Clip runClip(StatsQuery query, List<Instant> starts, Run run) {
        Instant midnight = start(utcDay(starts.get(run.first())));
        Instant from = midnight.isAfter(query.from()) ? midnight : query.from();
        return new StatsQuery.Clip(from, end(query, starts, run.last()));
    }

    /** The stored days none of the clips touches. */
    private static Set<LocalDate> daysOutside(Set<LocalDate> days, List<StatsQuery.Clip> clips) {
        return days.stream().filter(day -> clips.stream().noneMatch(clip ->
                clip.from().isBefore(start(day.plusDays(1))) && clip.until().isAfter(start(day)))).collect(Collectors.toSet());
    }

    /** The bucket {@code [start, end)} from whole days and splits; empty when a piece is neither. */
    private static Optional<RollupStore.Counts> countsOf(RollupStore.Snapshot snapshot, Map<LocalDate, RollupStore.Split> splits,
                                                         Instant start, Instant end, boolean firstBucket) {
        RollupStore.Counts sum = new RollupStore.Counts(0, 0, 0);
        for (LocalDate day = utcDay(start); start(day).isBefore(end); day = day.plusDays(1)) {
            Totals whole = snapshot.totals().get(day);
            if (!snapshot.usable().contains(day)) {
                return Optional.empty();
            }
            if (whole == null) {
                continue; // a usable day without events
            }
            boolean fromDayStart = !start.isAfter(start(day));
            boolean toDayEnd = !end.isBefore(start(day.plusDays(1)));
            RollupStore.Split split = splits.get(day);
            if (fromDayStart && toDayEnd) {
                sum = sum.plus(RollupStore.Counts.of(whole));
            } else if (split != null && fromDayStart && end.equals(split.at())) {
                sum = sum.plus(split.head());
            } else if (split != null && toDayEnd && start.equals(split.at())) {
                RollupStore.Counts tail = split.tail();
                sum = sum.plus(firstBucket ? tail : new RollupStore.Counts(tail.visitors(), whole.visits() - split.head().visits(), tail.pageviews()));
            } else {
                return Optional.empty();
            }
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
