package io.mallard.application.behavior;

import java.util.List;

/**
 * A funnel's answer. {@code steps} is cumulative: the visitors who reached each step in order
 * within the window. {@code furthest[k]} counts visitors whose furthest step was {@code k} (0 =
 * in the range but never at step 1; the reference's histogram). {@code visitors} is every visitor
 * of the question.
 */
public record FunnelReport(long visitors, List<Step> steps, long[] furthest, List<String> warnings) {

    /**
     * One step: visitors who reached it; conversion from the previous step and from the first (0–1,
     * 0 when nobody reached the previous); drop-off (visitors of the previous step who stopped
     * before this one); the median seconds from the previous step (null for step 1 or nobody).
     */
    public record Step(String label, long visitors, double conversionFromPrevious, double conversionFromFirst,
                       long dropOff, Double medianSecondsFromPrevious) {
    }
}
