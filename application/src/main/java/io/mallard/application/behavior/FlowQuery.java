package io.mallard.application.behavior;

import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.behavior.NextNode;
import io.mallard.domain.behavior.StepCondition;

/** Where visitors went after (or came from before) their first view of a page, up to 5 pages deep. */
public record FlowQuery(StatsQuery query, StepCondition.Page page, NextNode.Direction direction, int depth, int limit) {
    public static final int MAX_DEPTH = 5;

    public FlowQuery {
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth must be 1 to " + MAX_DEPTH);
        }
    }
}
