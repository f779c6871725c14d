package io.mallard.application.behavior;

import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.behavior.SequencePattern;
import io.mallard.domain.behavior.StepCondition;

import java.util.List;

/** A sequence question: the conditions {@code (?1)..(?N)} and the pattern over them. */
public record SequenceQuery(StatsQuery query, List<StepCondition> conditions, SequencePattern pattern) {
    public SequenceQuery {
        conditions = List.copyOf(conditions);
    }

    /** The reference's {@code steps=}: the steps in this order, anything in between. */
    public static String orderedPattern(int steps) {
        StringBuilder pattern = new StringBuilder("(?1)");
        for (int step = 2; step <= steps; step++) {
            pattern.append(".*(?").append(step).append(')');
        }
        return pattern.toString();
    }
}
