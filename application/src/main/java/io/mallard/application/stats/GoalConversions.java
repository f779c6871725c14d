package io.mallard.application.stats;

import io.mallard.domain.stats.Goal;

/** How often a goal was reached: by how many visitors, how many times in all. */
public record GoalConversions(Goal goal, long visitors, long conversions) {
}
