package io.mallard.domain.behavior;

/**
 * For each funnel level, the chain with the latest entry that reached it at an earlier time
 * ({@code before}) and at the time being processed ({@code now}). Keeping only the latest entry is
 * enough: a later entry leaves more of the window for the next steps.
 */
final class FunnelLevels {
    private final FunnelChain[] before;
    private final FunnelChain[] now;

    FunnelLevels(int levels) {
        before = new FunnelChain[levels];
        now = new FunnelChain[levels];
    }

    /** A new time begins: what was reached now was reached before it. */
    void advanceTime() {
        for (int level = 0; level < now.length; level++) {
            if (now[level] != null) {
                before[level] = FunnelChain.later(before[level], now[level]);
                now[level] = null;
            }
        }
    }

    void offer(int level, FunnelChain chain) {
        now[level] = FunnelChain.later(now[level], chain);
    }

    boolean isSet(int level) {
        return before[level] != null || now[level] != null;
    }

    FunnelChain before(int level) {
        return before[level];
    }

    FunnelChain latest(int level) {
        return FunnelChain.later(before[level], now[level]);
    }

    /** The number of consecutive levels reached from the first. */
    int reached() {
        int level = 0;
        while (level < now.length && isSet(level)) {
            level++;
        }
        return level;
    }
}
