package io.mallard.domain.behavior;

import java.util.ArrayList;
import java.util.List;

/**
 * SEMANTICS.md §6.2 transcribed literally: a recursive depth-first search with no memo and no
 * anchor canonicalisation, exponential in the worst case. Only for checking {@link SequenceMatcher}
 * on small groups.
 */
final class ReferenceSequenceSearch {
    private final List<PatternStep> steps;
    private final long[] times;
    private final int[] masks;
    private final List<Long> chain = new ArrayList<>();
    private List<Long> longest = List.of();

    ReferenceSequenceSearch(SequencePattern pattern, List<RandomTrails.Row> rows) {
        EventTrail trail = RandomTrails.trail(rows).withoutEmptyMasks();
        this.steps = pattern.steps();
        this.times = new long[trail.size()];
        this.masks = new int[trail.size()];
        for (int i = 0; i < trail.size(); i++) {
            times[i] = trail.time(i);
            masks[i] = trail.mask(i);
        }
    }

    boolean matches() {
        for (int start = 0; start < times.length; start++) {
            if (search(start, 0, null) >= 0) {
                return true;
            }
        }
        return false;
    }

    long count() {
        long count = 0;
        for (int start = 0; start < times.length; ) {
            int end = search(start, 0, null);
            count += end >= 0 ? 1 : 0;
            start = end >= 0 ? Math.max(end, start + 1) : start + 1;
        }
        return count;
    }

    List<Long> matchEvents() {
        for (int start = 0; start < times.length; start++) {
            chain.clear();
            if (search(start, 0, null) >= 0) {
                return List.copyOf(chain);
            }
        }
        return longest;
    }

    private int search(int event, int step, Long anchor) {
        if (step == steps.size()) {
            return event;
        }
        PatternStep element = steps.get(step);
        if (event == times.length) {
            boolean passes = element instanceof PatternStep.AnyEvents
                    || element instanceof PatternStep.TimeGate gate && gate.passesAtEnd();
            return passes ? search(event, step + 1, anchor) : -1;
        }
        return switch (element) {
            case PatternStep.Condition condition -> {
                if (!Conditions.holds(masks[event], condition.index())) {
                    yield -1;
                }
                chain.add(times[event]);
                if (chain.size() > longest.size()) {
                    longest = List.copyOf(chain);
                }
                int end = search(event + 1, step + 1, times[event]);
                if (end < 0) {
                    chain.removeLast();
                }
                yield end;
            }
            case PatternStep.AnyEvent any -> search(event + 1, step + 1, times[event]);
            case PatternStep.AnyEvents any -> {
                int end = search(event, step + 1, anchor);
                yield end >= 0 ? end : search(event + 1, step, anchor);
            }
            case PatternStep.TimeGate gate -> {
                long elapsed = Micros.elapsedSeconds(anchor, times[event]);
                int end = gate.passes(elapsed) ? search(event, step + 1, anchor) : -1;
                yield end >= 0 || !gate.maySkip(elapsed) ? end : search(event + 1, step, anchor);
            }
        };
    }
}
