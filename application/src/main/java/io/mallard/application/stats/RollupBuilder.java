package io.mallard.application.stats;

import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Filters;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps the daily rollups current: finds finished UTC days whose rollup is missing or outdated and
 * computes each with the very queries that answer from events ({@code StatsQueries} over one UTC
 * day, unfiltered), so a rollup holds exactly what the events say. Each day takes one turn of the
 * {@link QueryGate}, behind the users' questions. Not thread-safe: one maintenance thread calls it.
 */
public final class RollupBuilder {
    private final StatsQueries events;
    private final RollupStore rollups;
    private final QueryGate gate;
    private final Clock clock;
    private final Supplier<Map<SiteId, ZoneId>> zones;

    /** {@code zones}: the time zone of each registered site (a daily series there needs splits). */
    public RollupBuilder(StatsQueries events, RollupStore rollups, QueryGate gate, Clock clock, Supplier<Map<SiteId, ZoneId>> zones) {
        this.events = events;
        this.rollups = rollups;
        this.gate = gate;
        this.clock = clock;
        this.zones = zones;
    }

    /**
     * Builds up to {@code maxDays} stale days, newest first, then the splits those and older days
     * lack at their sites' local midnights; returns how many days and splits were stored.
     */
    public int buildStale(int maxDays) {
        List<RollupStore.StaleDay> stale = rollups.staleDays(LocalDate.now(clock.withZone(ZoneOffset.UTC)), maxDays);
        int stored = 0;
        for (RollupStore.StaleDay day : stale) {
            if (gate.run(() -> rollups.save(day, build(day)))) {
                stored++;
            }
        }
        for (Map.Entry<SiteId, ZoneId> site : zones.get().entrySet()) {
            for (RollupStore.MissingSplit split : rollups.missingSplits(site.getKey(), site.getValue(), maxDays)) {
                if (gate.run(() -> rollups.saveSplit(split, counts(split, split.day().atStartOfDay(ZoneOffset.UTC).toInstant(), split.at()),
                        counts(split, split.at(), split.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())))) {
                    stored++;
                }
            }
        }
        return stored;
    }

    /** The figures of {@code [from, until)} of the split's day, counted as that clipped question would. */
    private RollupStore.Counts counts(RollupStore.MissingSplit split, Instant from, Instant until) {
        StatsQuery day = new StatsQuery(split.site(), ZoneOffset.UTC, new DateRange(split.day(), split.day()), Filters.NONE);
        return RollupStore.Counts.of(events.totals(day.clippedTo(new StatsQuery.Clip(from, until))));
    }

    private DayRollup build(RollupStore.StaleDay day) {
        StatsQuery whole = new StatsQuery(day.site(), ZoneOffset.UTC, new DateRange(day.day(), day.day()), Filters.NONE);
        StatsQuery query = whole.clippedTo(new StatsQuery.Clip(whole.from(), whole.until())); // a part of larger questions
        return new DayRollup(events.totals(query), events.breakdowns(query, RolledUpStatsQueries.ROLLED_UP));
    }
}
