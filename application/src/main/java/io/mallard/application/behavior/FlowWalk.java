package io.mallard.application.behavior;

import io.mallard.domain.behavior.NextNode;
import io.mallard.domain.behavior.StepCondition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's page flow over a visitor-by-visitor scan: the anchor is the visitor's first
 * pageview of the page (first_match), the path the values of {@code sequence_next_node} at depth
 * 1, 2, … ({@link NextNode#prefixValues}), with condition 1 the page and conditions 2..depth "any
 * pageview", so the chain of depth k is the page followed by k − 1 pageviews.
 */
final class FlowWalk {
    private final NextNode walk;
    private final Map<List<String>, Long> paths = new HashMap<>();
    private final VisitorEvents visitors = new VisitorEvents(this::add);
    private long atPage;

    FlowWalk(NextNode.Direction direction, int depth) {
        this.walk = new NextNode(direction, NextNode.Base.FIRST_MATCH, depth);
    }

    /** The scan to run into {@link #sink()}: every pageview, condition 1 the page, the rest "any". */
    static BehaviorQueries.BehaviorScan scan(StepCondition.Page page, NextNode.Direction direction, int depth) {
        List<StepCondition> conditions = new ArrayList<>(List.of(page));
        conditions.addAll(Collections.nCopies(depth - 1, new StepCondition.AnyEvent()));
        return new BehaviorQueries.BehaviorScan(conditions, true, true, direction == NextNode.Direction.FORWARD
                ? BehaviorQueries.Reach.FROM_FIRST_MATCH : BehaviorQueries.Reach.UNTIL_FIRST_MATCH);
    }

    BehaviorQueries.EventSink sink() {
        return visitors;
    }

    BehaviorQueries.FlowCounts finish() {
        visitors.finish();
        return new BehaviorQueries.FlowCounts(atPage, paths);
    }

    private void add(VisitorEvents visitor) {
        List<NextNode.Row> rows = visitor.nodeRows();
        if (rows.stream().noneMatch(NextNode.Row::base)) {
            return;
        }
        atPage++;
        List<String> pages = walk.prefixValues(rows);
        if (!pages.isEmpty()) {
            paths.merge(List.copyOf(pages), 1L, Long::sum);
        }
    }
}
