package io.mallard.domain.behavior;

import java.util.EnumSet;
import java.util.Set;

/**
 * How many steps of a funnel one group reached within a window measured from the entry (step 1)
 * event, inclusive. This is the single scan ClickHouse's {@code windowFunnel} performs, over
 * events sorted by {@code (time, mask)} and processed one time group at a time, so ties never
 * depend on arrival order (SEMANTICS.md §5.2). O(events × steps) per group.
 */
public final class WindowFunnel {
    private final long window;
    private final int steps;
    private final boolean deduplicate;
    private final boolean strictOrder;
    private final boolean strictIncrease;
    private final boolean distinctEvents;
    private final boolean allowReentry;

    public WindowFunnel(TimeSpan window, Set<FunnelMode> modes, int steps) {
        Set<FunnelMode> checked = FunnelMode.checked(modes.isEmpty() ? EnumSet.noneOf(FunnelMode.class) : EnumSet.copyOf(modes));
        this.window = window.micros();
        this.steps = Conditions.checkCount("window_funnel", steps, 1);
        this.deduplicate = checked.contains(FunnelMode.STRICT_DEDUPLICATION);
        this.strictOrder = checked.contains(FunnelMode.STRICT_ORDER);
        this.strictIncrease = checked.contains(FunnelMode.STRICT_INCREASE);
        // Under strict_increase steps already have distinct times, hence distinct events.
        this.distinctEvents = checked.contains(FunnelMode.STRICT_ONCE) && !strictIncrease;
        this.allowReentry = checked.contains(FunnelMode.ALLOW_REENTRY);
    }

    public int steps() {
        return steps;
    }

    public FunnelResult evaluate(EventTrail events) {
        EventTrail trail = strictOrder ? events : events.withoutEmptyMasks();
        FunnelLevels levels = new FunnelLevels(steps);
        Scan scan = new Scan(trail, levels);
        for (int start = 0; start < trail.size() && !scan.stopped; ) {
            int end = start;
            while (end < trail.size() && trail.time(end) == trail.time(start)) {
                end++;
            }
            levels.advanceTime();
            scan.group(start, end);
            start = end;
        }
        int reached = levels.reached();
        return reached == 0 ? FunnelResult.NONE : new FunnelResult(reached, levels.latest(reached - 1).stepTimes());
    }

    /** The state of one scan: the levels, whether step 1 was seen, whether the scan stopped. */
    private final class Scan {
        private final EventTrail trail;
        private final FunnelLevels levels;
        private boolean entered;
        private boolean stopped;

        Scan(EventTrail trail, FunnelLevels levels) {
            this.trail = trail;
            this.levels = levels;
        }

        void group(int from, int to) {
            long time = trail.time(from);
            int present = 0;
            for (int i = from; i < to; i++) {
                present |= trail.mask(i);
                if (strictOrder && entered && trail.mask(i) == 0) {
                    stopped = true;
                    return;
                }
            }
            for (int step = 0; step < steps && !stopped; step++) {
                if (!Conditions.holds(present, step)) {
                    continue;
                }
                if (step == 0) {
                    levels.offer(0, FunnelChain.entry(time));
                    entered = true;
                } else {
                    entries(step, time, from, to);
                }
            }
        }

        /**
         * The events of the group that satisfy {@code step}. Only the first two matter without
         * strict_once (the second only for deduplication); with it, each run of equal masks
         * likewise needs at most two visits, because a third sees the same state as the second.
         */
        private void entries(int step, long time, int from, int to) {
            int visited = 0;
            for (int i = from; i < to && !stopped; i++) {
                if (!Conditions.holds(trail.mask(i), step)) {
                    continue;
                }
                boolean sameAsPrevious = i > from && trail.mask(i) == trail.mask(i - 1)
                        && Conditions.holds(trail.mask(i - 1), step);
                visited = sameAsPrevious || !distinctEvents ? visited + 1 : 1;
                if (visited > 2) {
                    if (distinctEvents) {
                        continue;
                    }
                    return;
                }
                entry(step, time, from, to, i);
            }
        }

        private void entry(int step, long time, int from, int to, int event) {
            if (deduplicate && levels.isSet(step)) {
                stopped = true;
                return;
            }
            if (!levels.isSet(step - 1)) {
                stopped = strictOrder && entered && !allowReentry;
                return;
            }
            FunnelChain extended = distinctEvents ? extendWithDistinctEvents(step, time, from, to, event)
                    : extend(step, time);
            if (extended != null) {
                levels.offer(step, extended);
                stopped = step == steps - 1;
            }
        }

        private FunnelChain extend(int step, long time) {
            FunnelChain source = strictIncrease ? levels.before(step - 1) : levels.latest(step - 1);
            return source != null && Micros.within(source.first(), time, window) ? source.extend(time) : null;
        }

        /**
         * strict_once: the steps this chain fills at the group's time must use distinct events other
         * than {@code event}. Prefer a chain entered in this group; otherwise the earlier chain at
         * any lower level with the latest entry inside the window.
         */
        private FunnelChain extendWithDistinctEvents(int step, long time, int from, int to, int event) {
            if (DistinctEventSteps.assignable(0, step - 1, trail, from, to, event)) {
                return fill(FunnelChain.entry(time), step, time);
            }
            FunnelChain best = null;
            for (int level = step - 1; level >= 0; level--) {
                FunnelChain base = levels.before(level);
                if (base != null && Micros.within(base.first(), time, window)
                        && (best == null || base.first() > best.first())
                        && DistinctEventSteps.assignable(level + 1, step - 1, trail, from, to, event)) {
                    best = base;
                }
            }
            return best == null ? null : fill(best, step, time);
        }

        private FunnelChain fill(FunnelChain base, int step, long time) {
            FunnelChain chain = base;
            while (chain.steps() <= step) {
                chain = chain.extend(time);
            }
            return chain;
        }
    }
}
