package io.mallard.domain.behavior;

import java.util.Arrays;

/**
 * Whether funnel steps {@code first..last} can each be filled by a different event of one time
 * group (ignoring one excluded event): a bipartite matching of steps to events, found with Kuhn's
 * augmenting paths. Equal masks are interchangeable, so a run of equal masks contributes at most
 * one event more than there are steps (enough even when the excluded event is in it), which
 * bounds the work however large the group is.
 */
final class DistinctEventSteps {
    private DistinctEventSteps() {
    }

    /** {@code trail[from, to)} is one time group, sorted by mask; {@code excluded} is an index in it or -1. */
    static boolean assignable(int first, int last, EventTrail trail, int from, int to, int excluded) {
        int steps = last - first + 1;
        if (steps <= 0) {
            return true;
        }
        int[] candidates = candidates(trail, from, to, excluded, steps);
        int[] stepOfCandidate = new int[candidates.length];
        Arrays.fill(stepOfCandidate, -1);
        for (int step = first; step <= last; step++) {
            if (!augment(step, trail, candidates, stepOfCandidate, new boolean[candidates.length])) {
                return false;
            }
        }
        return true;
    }

    private static int[] candidates(EventTrail trail, int from, int to, int excluded, int perMask) {
        int[] kept = new int[to - from];
        int count = 0;
        int run = 0;
        for (int i = from; i < to; i++) {
            run = i > from && trail.mask(i) == trail.mask(i - 1) ? run + 1 : 0;
            if (i != excluded && run < perMask + 1) {
                kept[count++] = i;
            }
        }
        return Arrays.copyOf(kept, count);
    }

    private static boolean augment(int step, EventTrail trail, int[] candidates,
                                   int[] stepOfCandidate, boolean[] visited) {
        for (int c = 0; c < candidates.length; c++) {
            if (visited[c] || !Conditions.holds(trail.mask(candidates[c]), step)) {
                continue;
            }
            visited[c] = true;
            if (stepOfCandidate[c] < 0
                    || augment(stepOfCandidate[c], trail, candidates, stepOfCandidate, visited)) {
                stepOfCandidate[c] = step;
                return true;
            }
        }
        return false;
    }
}
