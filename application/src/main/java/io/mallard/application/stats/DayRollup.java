package io.mallard.application.stats;

import io.mallard.domain.stats.Dimension;

import java.util.List;
import java.util.Map;

/** One UTC day's answers to the unfiltered questions: its totals and every row of each rolled-up breakdown. */
public record DayRollup(Totals totals, Map<Dimension, List<BreakdownRow>> rows) {
    public DayRollup {
        rows = Map.copyOf(rows);
    }
}
