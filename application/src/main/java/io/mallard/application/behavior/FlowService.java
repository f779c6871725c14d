package io.mallard.application.behavior;

import io.mallard.application.stats.QueryGate;
import io.mallard.domain.behavior.NextNode;
import io.mallard.domain.behavior.StepCondition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Page flows with {@link NextNode}: for each visitor, the anchor is the first pageview of the
 * page (first_match), and the path is the value of {@code sequence_next_node} at depth 1, 2, …
 * ({@link NextNode#prefixValues}).
 * Condition 1 is the page, conditions 2..depth are "any pageview", so the chain of depth k is the
 * page followed by k − 1 pageviews; depth 1 is the reference's next-page table.
 */
public final class FlowService {
    private final BehaviorQueries queries;
    private final QueryGate gate;

    public FlowService(BehaviorQueries queries, QueryGate gate) {
        this.queries = queries;
        this.gate = gate;
    }

    public FlowReport flow(FlowQuery flow) {
        NextNode walk = new NextNode(flow.direction(), NextNode.Base.FIRST_MATCH, flow.depth());
        Map<List<String>, Long> paths = new HashMap<>();
        long[] atPage = new long[1];
        VisitorEvents visitors = new VisitorEvents(visitor -> {
            if (!viewedThePage(visitor)) {
                return;
            }
            List<NextNode.Row> rows = visitor.nodeRows();
            atPage[0]++;
            List<String> pages = walk.prefixValues(rows);
            if (!pages.isEmpty()) {
                paths.merge(List.copyOf(pages), 1L, Long::sum);
            }
        });
        gate.run(() -> {
            queries.scan(flow.query(), new BehaviorQueries.BehaviorScan(conditions(flow), true, true,
                    flow.direction() == NextNode.Direction.FORWARD ? BehaviorQueries.Reach.FROM_FIRST_MATCH
                            : BehaviorQueries.Reach.UNTIL_FIRST_MATCH), visitors);
            visitors.finish();
            return null;
        });
        return new FlowReport(atPage[0], top(paths, flow.limit()));
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

    /**
     * The {@code limit} most followed paths, ties in the order of their pages joined by newlines:
     * a bounded heap over the counts, so a million distinct paths cost no full sort, and each tie's
     * key is built only when a tie is met.
     */
    private static List<FlowReport.Path> top(Map<List<String>, Long> paths, int limit) {
        Comparator<Map.Entry<List<String>, Long>> rank = Comparator.<Map.Entry<List<String>, Long>>comparingLong(Map.Entry::getValue)
                .reversed().thenComparing(entry -> String.join("\n", entry.getKey()));
        PriorityQueue<Map.Entry<List<String>, Long>> best = new PriorityQueue<>(rank.reversed());
        for (Map.Entry<List<String>, Long> entry : paths.entrySet()) {
            if (best.size() < limit) {
                best.add(entry);
            } else if (limit == 0) {
                break;
            } else if (rank.compare(entry, best.peek()) < 0) {
                best.poll();
                best.add(entry);
            }
        }
        return best.stream().sorted(rank).map(entry -> new FlowReport.Path(entry.getKey(), entry.getValue())).toList();
    }

    private static List<StepCondition> conditions(FlowQuery flow) {
        List<StepCondition> conditions = new ArrayList<>(List.of(flow.page()));
        conditions.addAll(Collections.nCopies(flow.depth() - 1, new StepCondition.AnyEvent()));
        return conditions;
    }
}
