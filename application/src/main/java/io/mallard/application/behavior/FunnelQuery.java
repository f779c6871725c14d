package io.mallard.application.behavior;

import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.behavior.FunnelMode;
import io.mallard.domain.behavior.StepCondition;
import io.mallard.domain.behavior.TimeSpan;

import java.util.List;
import java.util.Set;

/** A funnel over a stats question: 1–32 steps, the window from the first step, the modes. */
public record FunnelQuery(StatsQuery query, List<StepCondition> steps, TimeSpan window, Set<FunnelMode> modes) {
    public FunnelQuery {
        steps = List.copyOf(steps);
        modes = Set.copyOf(FunnelMode.checked(modes));
    }
}
