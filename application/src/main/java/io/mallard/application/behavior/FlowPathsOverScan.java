package io.mallard.application.behavior;

import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.behavior.NextNode;
import io.mallard.domain.behavior.StepCondition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link BehaviorQueries#flows}'s default: streams the pageviews from (forward) or up to (backward)
 * each visitor's first view of the page, and walks them with {@link NextNode} at first_match.
 * Condition 1 is the page, conditions 2..depth "any pageview", so the chain of depth k is the page
 * followed by k − 1 pageviews.
 */
final class FlowPathsOverScan {
    private FlowPathsOverScan() {
    }

    static BehaviorQueries.FlowPaths count(BehaviorQueries queries, StatsQuery query, BehaviorQueries.FlowScan flow) {
        NextNode walk = new NextNode(flow.direction(), NextNode.Base.FIRST_MATCH, flow.depth());
        Map<List<String>, Long> paths = new HashMap<>();
        long[] atPage = new long[1];
        VisitorEvents visitors = new VisitorEvents(visitor -> {
            if (!viewedThePage(visitor)) {
                return;
            }
            atPage[0]++;
            List<String> pages = walk.prefixValues(visitor.nodeRows());
            if (!pages.isEmpty()) {
                paths.merge(List.copyOf(pages), 1L, Long::sum);
            }
        });
        List<StepCondition> conditions = new ArrayList<>(List.of(flow.page()));
        conditions.addAll(Collections.nCopies(flow.depth() - 1, new StepCondition.AnyEvent()));
        queries.scan(query, new BehaviorQueries.BehaviorScan(conditions, true, true,
                flow.direction() == NextNode.Direction.FORWARD ? BehaviorQueries.Reach.FROM_FIRST_MATCH
                        : BehaviorQueries.Reach.UNTIL_FIRST_MATCH), visitors);
        visitors.finish();
        return new BehaviorQueries.FlowPaths(atPage[0], paths);
    }

    /** Condition 1 is the page: whether the visitor has a pageview of it among the streamed events. */
    private static boolean viewedThePage(VisitorEvents visitor) {
        for (int i = 0; i < visitor.size(); i++) {
            if ((visitor.mask(i) & 1) != 0) {
                return true;
            }
        }
        return false;
    }
}
