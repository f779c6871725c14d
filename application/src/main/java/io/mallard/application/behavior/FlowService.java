package io.mallard.application.behavior;

import io.mallard.application.stats.QueryGate;

import java.util.Comparator;
import java.util.List;

/**
 * Page flows: the {@link BehaviorQueries#flows} counts (for each visitor, the pages after or before
 * their first view of the page, by {@code sequence_next_node}), the most taken paths first; depth 1
 * is the reference's next-page table.
 */
public final class FlowService {
    private final BehaviorQueries queries;
    private final QueryGate gate;

    public FlowService(BehaviorQueries queries, QueryGate gate) {
        this.queries = queries;
        this.gate = gate;
    }

    public FlowReport flow(FlowQuery flow) {
        BehaviorQueries.FlowCounts counts = gate.run(() -> queries.flows(flow.query(), flow.page(), flow.direction(), flow.depth()));
        List<FlowReport.Path> top = counts.paths().entrySet().stream()
                .map(entry -> new FlowReport.Path(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingLong(FlowReport.Path::visitors).reversed()
                        .thenComparing(path -> String.join("\n", path.pages())))
                .limit(flow.limit()).toList();
        return new FlowReport(counts.visitors(), top);
    }
}
