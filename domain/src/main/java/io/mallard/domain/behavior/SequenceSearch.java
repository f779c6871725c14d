package io.mallard.domain.behavior;

/**
 * The depth-first search of a pattern over one group's events. A state is (next event, next
 * pattern step, anchor), where the anchor is the event the next time gate measures from; it is
 * kept only while a gate can still see it, and as the first event of its time (equal times are
 * equal anchors), so equivalent states share one memo entry. Every transition advances the event
 * or the step, so the stack is the current path and the search ends.
 *
 * <p>Every path to pattern step {@code s} has consumed the same number of (?N), those before
 * {@code s}; so skipping a known dead end never hides a longer partial chain than the one found
 * when it was first explored, and the memo needs no more than the failed states.
 */
final class SequenceSearch {
    static final int NO_ANCHOR = -1;
    private static final int MAX_EVENTS = (1 << 26) - 2;

    private final PatternStep[] steps;
    private final boolean[] anchorMatters;
    private final EventTrail trail;
    private final int[] firstOfTime;
    private final long budget;
    private final boolean trackChains;
    private final FailedStates failed = new FailedStates();
    private final SearchPath path;
    private long spent;
    private long[] longestChain = new long[0];

    SequenceSearch(SequencePattern pattern, EventTrail trail, long budget, boolean trackChains) {
        if (trail.size() > MAX_EVENTS) {
            throw new SearchLimitExceededException(budget, trail.size());
        }
        this.steps = pattern.steps().toArray(PatternStep[]::new);
        this.anchorMatters = anchorMatters(steps);
        this.trail = trail;
        this.firstOfTime = firstOfTime(trail);
        this.budget = budget;
        this.trackChains = trackChains;
        this.path = new SearchPath(this);
    }

    int events() {
        return trail.size();
    }

    /** The (?N) times of the match {@link #from} just found. */
    long[] matchedTimes() {
        return path.chain();
    }

    long[] longestChain() {
        return longestChain.clone();
    }

    /** The end of the first match from {@code start} (one past its last consumed event), or -1. */
    int from(int start) {
        path.reset(start);
        while (!path.isEmpty()) {
            if (path.step() == steps.length) {
                return path.event();
            }
            if (!path.nextChild()) {
                failed.add(path.key());
                path.pop();
                continue;
            }
            if (failed.contains(path.childKey())) {
                continue;
            }
            if (++spent > budget) {
                throw new SearchLimitExceededException(budget, trail.size());
            }
            path.push();
            if (trackChains && path.chainLength() > longestChain.length) {
                longestChain = path.chain();
            }
        }
        return -1;
    }

    /** Offers the child transitions of the state on top of the path, in the reference's order. */
    boolean child(int event, int step, int anchor, int alternative) {
        PatternStep element = steps[step];
        if (event == trail.size()) {
            boolean passes = element instanceof PatternStep.AnyEvents
                    || element instanceof PatternStep.TimeGate gate && gate.passesAtEnd();
            return alternative == 0 && passes && path.child(event, step + 1, keep(step + 1, anchor), false, 0);
        }
        return switch (element) {
            case PatternStep.Condition condition -> alternative == 0
                    && Conditions.holds(trail.mask(event), condition.index())
                    && path.child(event + 1, step + 1, anchorAt(step + 1, event), true, trail.time(event));
            case PatternStep.AnyEvent any -> alternative == 0
                    && path.child(event + 1, step + 1, anchorAt(step + 1, event), false, 0);
            case PatternStep.AnyEvents any -> alternative == 0
                    ? path.child(event, step + 1, keep(step + 1, anchor), false, 0)
                    : alternative == 1 && path.child(event + 1, step, keep(step, anchor), false, 0);
            case PatternStep.TimeGate gate -> gateChild(gate, event, step, anchor, alternative);
        };
    }

    /** A gate first lets the search through without consuming, then (where allowed) skips the event. */
    private boolean gateChild(PatternStep.TimeGate gate, int event, int step, int anchor, int alternative) {
        long elapsed = Micros.elapsedSeconds(trail.time(anchor), trail.time(event));
        boolean passes = gate.passes(elapsed);
        if (passes && alternative == 0) {
            return path.child(event, step + 1, keep(step + 1, anchor), false, 0);
        }
        return alternative == (passes ? 1 : 0) && gate.maySkip(elapsed)
                && path.child(event + 1, step, keep(step, anchor), false, 0);
    }

    private int anchorAt(int step, int event) {
        return anchorMatters[step] ? firstOfTime[event] : NO_ANCHOR;
    }

    private int keep(int step, int anchor) {
        return anchorMatters[step] ? anchor : NO_ANCHOR;
    }

    /** Packs a state: 26 bits of event, 26 of anchor + 1, 11 of step (at most 1024 steps). */
    static long key(int event, int step, int anchor) {
        return (long) event << 37 | (long) (anchor + 1) << 11 | step;
    }

    /** Whether a gate can be reached from each step before another event resets the anchor. */
    private static boolean[] anchorMatters(PatternStep[] steps) {
        boolean[] matters = new boolean[steps.length + 1];
        for (int step = steps.length - 1; step >= 0; step--) {
            matters[step] = switch (steps[step]) {
                case PatternStep.TimeGate gate -> true;
                case PatternStep.AnyEvents any -> matters[step + 1];
                case PatternStep.Condition condition -> false;
                case PatternStep.AnyEvent any -> false;
            };
        }
        return matters;
    }

    private static int[] firstOfTime(EventTrail trail) {
        int[] first = new int[trail.size()];
        for (int i = 0; i < first.length; i++) {
            first[i] = i > 0 && trail.time(i) == trail.time(i - 1) ? first[i - 1] : i;
        }
        return first;
    }

}
