package io.mallard.application.behavior;

import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.Filters;
import io.mallard.domain.stats.Interval;
import io.mallard.domain.behavior.StepCondition;

/**
 * A cohort grid: the last {@code periods} days, weeks (Monday to Sunday) or months of the site's
 * calendar, the current one included. A visitor's cohort is the period of their first
 * {@code cohortEvent}; they are retained in period {@code k} when they send a {@code returnEvent}
 * {@code k} periods later.
 */
public record RetentionQuery(SiteId site, Filters filters, Interval unit, int periods, StepCondition cohortEvent,
                             StepCondition returnEvent) {

    public RetentionQuery {
        if (unit == Interval.HOUR) {
            throw new IllegalArgumentException("retention periods are day, week or month");
        }
        if (periods < 1 || periods > maxPeriods(unit)) {
            throw new IllegalArgumentException("a " + unit.label() + " grid has 1 to " + maxPeriods(unit) + " periods");
        }
    }

    /** At most a year of periods: 366 days, 52 weeks, 12 months. */
    public static int maxPeriods(Interval unit) {
        return switch (unit) {
            case DAY -> 366;
            case WEEK -> 52;
            default -> 12;
        };
    }
}
