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
            List<NextNode.Row> rows = visitor.nodeRows();
            if (rows.stream().noneMatch(NextNode.Row::base)) {
                return;
            }
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
        List<FlowReport.Path> top = paths.entrySet().stream()
                .map(entry -> new FlowReport.Path(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingLong(FlowReport.Path::visitors).reversed()
                        .thenComparing(path -> String.join("\n", path.pages())))
                .limit(flow.limit()).toList();
        return new FlowReport(atPage[0], top);
    }

    private static List<StepCondition> conditions(FlowQuery flow) {
        List<StepCondition> conditions = new ArrayList<>(List.of(flow.page()));
        conditions.addAll(Collections.nCopies(flow.depth() - 1, new StepCondition.AnyEvent()));
        return conditions;
    }
}
