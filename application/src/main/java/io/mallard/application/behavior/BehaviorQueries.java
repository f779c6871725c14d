package io.mallard.application.behavior;

import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.behavior.StepCondition;

import java.util.List;

/**
 * Streams the events of a stats question, visitor by visitor, to the behavioral engine. The
 * events are those the stats API counts for the same query (site, range in the site's time zone,
 * filters with the visit/event rule of METRICS.md). Rows arrive grouped by visitor and, within a
 * visitor, sorted by {@code (time, unsigned mask)}; bit {@code i} of the mask says whether the
 * event meets {@code conditions.get(i)}. Blocking; the sink is called on the calling thread.
 */
public interface BehaviorQueries {

    void scan(StatsQuery query, BehaviorScan scan, EventSink sink);

    /** The distinct visitors of the question (the denominator of conversion rates). */
    long visitors(StatsQuery query);

    /**
     * What to stream: the conditions (at most 32) and whether events meeting none of them are
     * needed (strict_order funnels and flows need them; everything else does not, which is faster).
     * {@code pageviewsOnly} streams pageviews only, with their path (flows).
     */
    record BehaviorScan(List<StepCondition> conditions, boolean unmatchedToo, boolean pageviewsOnly) {
        public BehaviorScan {
            conditions = List.copyOf(conditions);
            if (conditions.isEmpty() || conditions.size() > 32) {
                throw new IllegalArgumentException("a scan takes 1 to 32 conditions");
            }
        }
    }

    /** Receives one event; {@code visitor} changes only between groups. */
    @FunctionalInterface
    interface EventSink {
        void event(long visitor, long micros, int mask, String path);
    }
}
