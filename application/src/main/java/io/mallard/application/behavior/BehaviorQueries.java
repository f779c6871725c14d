package io.mallard.application.behavior;

import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.behavior.StepCondition;

import java.util.List;

/**
 * Streams the events of a stats question, visitor by visitor, to the behavioral engine. The
 * events are those the stats API counts for the same query (site, range in the site's time zone,
 * filters with the visit/event rule of METRICS.md). Rows arrive grouped by visitor (each visitor
 * in one group, visitors in any order) and, within a visitor, sorted by {@code (time, unsigned
 * mask, arrival)}; bit {@code i} of the mask says whether the event meets {@code conditions.get(i)}.
 * Blocking; the sink is called on the calling thread.
 */
public interface BehaviorQueries {

    void scan(StatsQuery query, BehaviorScan scan, EventSink sink);

    /** The distinct visitors of the question (the denominator of conversion rates). */
    long visitors(StatsQuery query);

    /**
     * The retention grid of the question: {@code grid[c][0]} is the number of visitors whose first
     * cohort event falls in period {@code c}, {@code grid[c][k]} how many of them have a return
     * event in period {@code c + k}. This default runs the engine ({@link RetentionGrid}) over
     * {@link #scan}; an adapter may compute the same grid where the data is, and must then agree
     * with this default (a differential test checks it).
     */
    default long[][] retention(StatsQuery query, RetentionScan retention) {
        RetentionGrid grid = new RetentionGrid(retention.periodStarts());
        scan(query, new BehaviorScan(List.of(retention.cohortEvent(), retention.returnEvent()), false, false, Reach.ALL),
                grid.sink());
        return grid.finish();
    }

    /**
     * What to stream: the conditions (at most 32), whether events meeting none of them are needed
     * (strict_order funnels and flows need them; everything else does not, which is faster),
     * {@code pageviewsOnly} for pageviews only, with their path (flows), and how much of each
     * visitor's history the question can depend on.
     */
    record BehaviorScan(List<StepCondition> conditions, boolean unmatchedToo, boolean pageviewsOnly, Reach reach) {
        public BehaviorScan {
            conditions = List.copyOf(conditions);
            if (conditions.isEmpty() || conditions.size() > 32) {
                throw new IllegalArgumentException("a scan takes 1 to 32 conditions");
            }
        }
    }

    /**
     * The part of a visitor's events a question can depend on; a scan may leave out the rest
     * (and visitors with nothing left), which can save most of the work.
     */
    enum Reach {
        /** Every event. */
        ALL,
        /**
         * Only visitors with an event meeting condition 1, from the time of their first such event
         * on (ties included): funnels, which start at a step-1 event, and forward flows.
         */
        FROM_FIRST_MATCH,
        /** Only visitors with an event meeting condition 1, up to the time of their first such event. */
        UNTIL_FIRST_MATCH
    }

    /** A retention question: conditions and the periods' starts (ascending, epoch microseconds). */
    record RetentionScan(StepCondition cohortEvent, StepCondition returnEvent, long[] periodStarts) {
        public RetentionScan {
            periodStarts = periodStarts.clone();
        }

        @Override
        public long[] periodStarts() {
            return periodStarts.clone();
        }
    }

    /** Receives one event; {@code visitor} changes only between groups. */
    @FunctionalInterface
    interface EventSink {
        void event(long visitor, long micros, int mask, String path);
    }
}
