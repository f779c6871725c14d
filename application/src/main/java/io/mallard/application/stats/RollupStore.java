package io.mallard.application.stats;

import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.Dimension;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where daily rollups live: per site and finished UTC day, the day's {@link Totals} and the rows of
 * each rolled-up breakdown, plus the day's visitor keys. Implementations decide when a stored day
 * still describes the stored events (its files unchanged, no event of it still in the hot tier) and
 * whether its visitor keys occur on any other day; only days passing both are usable. They throw
 * {@link io.mallard.application.storage.StorageUnavailableException} when the store fails.
 */
public interface RollupStore {
    /** A finished day whose rollup is missing or outdated, and the fingerprint of its events now. */
    record StaleDay(SiteId site, LocalDate day, String fingerprint) {
    }

    /**
     * What the store holds for some days of a site, read in one transaction.
     *
     * @param usable  the days of the asked span the rollups answer for: a usable rollup, or no events at all
     * @param totals  the totals of each usable day with events
     * @param rows    the rows of the asked breakdown, summed over the usable days; empty when none was asked
     */
    record Snapshot(Set<LocalDate> usable, Map<LocalDate, Totals> totals, List<BreakdownRow> rows) {
    }

    /** Days before {@code today} (UTC) with events only in Parquet and no usable rollup, newest first, at most {@code limit}. */
    List<StaleDay> staleDays(LocalDate today, int limit);

    /**
     * Stores a day's rollup if its events still have {@code fingerprint}; returns false (nothing
     * stored) when they changed meanwhile. Also records the day's visitor keys, and marks this day and
     * every day sharing a visitor key with it as not additive.
     */
    boolean save(StaleDay day, DayRollup rollup);

    /** The usable days in {@code [first, last]} and their figures; {@code dimension} null for totals only. */
    Snapshot read(SiteId site, LocalDate first, LocalDate last, Dimension dimension);

    /**
     * Whether the visitor keys of the clipped parts of {@code query} occur in none of the other
     * parts and in no usable day of {@code [first, last]}: then figures of the parts add up.
     */
    boolean disjoint(StatsQuery query, List<StatsQuery.Clip> parts, LocalDate first, LocalDate last);

    /** Deletes the rollups of days whose events changed or are gone (after an erasure or retention). */
    void dropOutdated();
}
