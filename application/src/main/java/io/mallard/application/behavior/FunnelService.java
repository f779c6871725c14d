package io.mallard.application.behavior;

import io.mallard.application.stats.QueryGate;
import io.mallard.domain.behavior.FunnelMode;
import io.mallard.domain.behavior.FunnelResult;
import io.mallard.domain.behavior.WindowFunnel;

import java.util.ArrayList;
import java.util.List;

/**
 * Funnels: streams each visitor's events through {@link WindowFunnel} and aggregates how far
 * visitors got, the conversion between steps and the median time between them.
 */
public final class FunnelService {
    private final BehaviorQueries queries;
    private final QueryGate gate;
    private final IdentityWindow identity;

    public FunnelService(BehaviorQueries queries, QueryGate gate, IdentityWindow identity) {
        this.queries = queries;
        this.gate = gate;
        this.identity = identity;
    }

    public FunnelReport funnel(FunnelQuery funnel) {
        WindowFunnel engine = new WindowFunnel(funnel.window(), funnel.modes(), funnel.steps().size());
        int steps = funnel.steps().size();
        long[] furthest = new long[steps + 1];
        Durations[] durations = new Durations[steps];
        for (int step = 0; step < steps; step++) {
            durations[step] = new Durations();
        }
        boolean unmatchedToo = funnel.modes().contains(FunnelMode.STRICT_ORDER);
        // Reach.ALL, not FROM_FIRST_MATCH: when step 1 is a common page, finding each visitor's first
        // step-1 event in SQL costs more than streaming the rows it removes (PERF.md).
        VisitorEvents visitors = new VisitorEvents(visitor -> {
            FunnelResult result = engine.evaluate(visitor.trail());
            furthest[result.steps()]++;
            long[] times = result.stepTimes();
            for (int step = 1; step < times.length; step++) {
                durations[step].add(times[step] - times[step - 1]);
            }
        });
        long everyone = gate.run(() -> {
            queries.scan(funnel.query(), new BehaviorQueries.BehaviorScan(funnel.steps(), unmatchedToo, false,
                    BehaviorQueries.Reach.ALL), visitors);
            visitors.finish();
            return queries.visitors(funnel.query());
        });
        furthest[0] += Math.max(0, everyone - visitors.visitors());
        return new FunnelReport(everyone, report(funnel, furthest, durations), furthest,
                identity.warnFunnel(funnel.window()));
    }

    private static List<FunnelReport.Step> report(FunnelQuery funnel, long[] furthest, Durations[] durations) {
        int steps = funnel.steps().size();
        long[] reached = new long[steps];
        long atOrBeyond = 0;
        for (int step = steps - 1; step >= 0; step--) {
            atOrBeyond += furthest[step + 1];
            reached[step] = atOrBeyond;
        }
        List<FunnelReport.Step> rows = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            long previous = step == 0 ? reached[0] : reached[step - 1];
            rows.add(new FunnelReport.Step(funnel.steps().get(step).label(), reached[step], Rates.of(reached[step], previous),
                    Rates.of(reached[step], reached[0]), previous - reached[step], step == 0 ? null : durations[step].medianSeconds()));
        }
        return rows;
    }

}
