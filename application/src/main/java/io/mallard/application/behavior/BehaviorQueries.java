package io.mallard.application.behavior;

import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.behavior.NextNode;
import io.mallard.domain.behavior.StepCondition;

import java.util.List;
import java.util.Map;

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
     * Page flows: the visitors with a pageview of {@code flow.page()}, and for each path how many of
     * them followed it — from each visitor's first pageview of the page, the paths of the next
     * {@code depth} pageviews (forward) or of the previous ones, nearest first (backward): the
     * values of {@code sequence_next_node(direction, first_match)} at depth 1, 2, …, shorter when
     * the visitor's pageviews run out, and no path at all when there is none. This default runs
     * {@link NextNode} over {@link #scan}; an adapter may answer it where
     * the data is, and must then agree with this default (the differential contract checks it).
     */
    default FlowPaths flows(StatsQuery query, FlowScan flow) {
        return FlowPathsOverScan.count(this, query, flow);
    }

    /** A flow question: the page, the direction, how many pages to follow (1 to {@link FlowQuery#MAX_DEPTH}). */
    record FlowScan(StepCondition.Page page, NextNode.Direction direction, int depth) {
        public FlowScan {
            if (depth < 1 || depth > FlowQuery.MAX_DEPTH) {
                throw new IllegalArgumentException("depth must be 1 to " + FlowQuery.MAX_DEPTH);
            }
        }
    }

    /** A flow's answer: the visitors who viewed the page, and the visitors per path followed (never an empty path). */
    record FlowPaths(long visitorsAtPage, Map<List<String>, Long> paths) {
        public FlowPaths {
            paths = Map.copyOf(paths);
        }
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
