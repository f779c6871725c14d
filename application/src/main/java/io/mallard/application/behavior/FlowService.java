package io.mallard.application.behavior;

import io.mallard.application.stats.QueryGate;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Page flows: the most followed paths from (or to) a page, {@link BehaviorQueries#flows} ranked.
 * Depth 1 is the reference's next-page table.
 */
public final class FlowService {
    private final BehaviorQueries queries;
    private final QueryGate gate;

    public FlowService(BehaviorQueries queries, QueryGate gate) {
        this.queries = queries;
        this.gate = gate;
    }

    public FlowReport flow(FlowQuery flow) {
        BehaviorQueries.FlowPaths counted = gate.run(() -> queries.flows(flow.query(),
                new BehaviorQueries.FlowScan(flow.page(), flow.direction(), flow.depth())));
        return new FlowReport(counted.visitorsAtPage(), top(counted.paths(), flow.limit()));
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
}
