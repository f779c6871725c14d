package io.mallard.application.stats;

import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Goal;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Answers stats questions over every stored event of both tiers, including events loaded but not
 * yet moved to Parquet. Visits follow {@code docs/METRICS.md}: a visitor's events with gaps of at
 * most the visit timeout, counted within the query's range. Implementations throw
 * {@link io.mallard.application.storage.StorageUnavailableException} when the store fails; they
 * never answer a failure with zeros.
 */
public interface StatsQueries {
    Totals totals(StatsQuery query);

    /**
     * Figures per bucket. {@code bucketStarts} are ascending; events before the first start are not
     * counted. Only buckets with events need be returned; the caller zero-fills.
     */
    List<SeriesPoint> series(StatsQuery query, List<Instant> bucketStarts);

    /**
     * Visitors and pageviews over the range and per bucket ({@code bucketStarts} ascending, as for
     * {@link #series}); only buckets with events need be returned, the caller zero-fills.
     */
    Overview overview(StatsQuery query, List<Instant> bucketStarts);

    /**
     * Rows by visitors descending, then value ascending; {@code offset} rows skipped, at most
     * {@code limit} returned. For a clipped query (a part of a larger question) the page breakdown
     * also has a row, with zero visitors, for each page with page-leave reports but no pageview in
     * the part, so that parts add up to the whole.
     */
    List<BreakdownRow> breakdown(StatsQuery query, Breakdown breakdown, int limit, int offset);

    /**
     * Every row of each dimension's breakdown (any order), as {@link #breakdown} gives them: the
     * rollup builder asks for all dimensions of a day at once, which an engine may answer in one
     * pass (the DuckDB engine groups the day's visits once for every visit dimension).
     */
    default Map<Dimension, List<BreakdownRow>> breakdowns(StatsQuery query, Set<Dimension> dimensions) {
        Map<Dimension, List<BreakdownRow>> rows = new EnumMap<>(Dimension.class);
        for (Dimension dimension : dimensions) {
            rows.put(dimension, breakdown(query, Breakdown.of(dimension), Integer.MAX_VALUE, 0));
        }
        return rows;
    }

    /** One entry per goal, in the order given. */
    List<GoalConversions> goals(StatsQuery query, List<Goal> goals);

    /** One row per day of the range that has events, ascending. */
    List<DailyRow> daily(StatsQuery query);

    /** Visitors seen since {@code currentSince}; pageviews per minute since {@code minutesSince}, keyed by the minute's start. */
    Realtime realtime(SiteId site, Instant currentSince, Instant minutesSince);
}
