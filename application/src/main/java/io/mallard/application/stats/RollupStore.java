package io.mallard.application.stats;

import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.Dimension;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
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
     * parts and in none of the stored days {@code against}: then figures of the parts add up.
     */
    boolean disjoint(StatsQuery query, List<StatsQuery.Clip> parts, Set<LocalDate> against);

    /** What one bucket of a series shows, or a piece of one. */
    record Counts(long visitors, long visits, long pageviews) {
        public static Counts of(Totals totals) {
            return new Counts(totals.visitors(), totals.visits(), totals.pageviews());
        }

        /** The figures of two pieces with disjoint visitors. */
        public Counts plus(Counts other) {
            return new Counts(visitors + other.visitors, visits + other.visits, pageviews + other.pageviews);
        }
    }

    /**
     * A usable day cut at {@code at}: the figures of the events before it and from it on, each as
     * the question clipped to that piece would count them (a visit across {@code at} is in both).
     */
    record Split(Instant at, Counts head, Counts tail) {
    }

    /** A rolled-up day of a site without a current split at {@code at}, with the day's fingerprint. */
    record MissingSplit(SiteId site, LocalDate day, Instant at, String fingerprint) {
    }

    /**
     * Usable additive days of the site whose split at the start of a day of {@code zone} (the one
     * instant of each UTC day where a day of that zone begins, if any) is missing, newest first.
     */
    List<MissingSplit> missingSplits(SiteId site, ZoneId zone, int limit);

    /** Stores a split if the day's rollup still has the fingerprint; false otherwise. */
    boolean saveSplit(MissingSplit split, Counts head, Counts tail);

    /** The current split of each day in {@code [first, last]} that has one. */
    Map<LocalDate, Split> splits(SiteId site, LocalDate first, LocalDate last);

    /** Deletes the rollups of days whose events changed or are gone (after an erasure or retention). */
    void dropOutdated();
}
