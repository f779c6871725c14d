package io.mallard.domain.behavior;

/**
 * A funnel chain in progress: the time of its entry event and of each step reached, kept as a
 * linked list so extending a chain costs one small object and never copies.
 */
record FunnelChain(long first, long time, FunnelChain previous, int steps) {

    static FunnelChain entry(long time) {
        return new FunnelChain(time, time, null, 1);
    }

    FunnelChain extend(long time) {
        return new FunnelChain(first, time, this, steps + 1);
    }

    long[] stepTimes() {
        long[] times = new long[steps];
        FunnelChain chain = this;
        for (int i = steps - 1; i >= 0; i--, chain = chain.previous) {
            times[i] = chain.time;
        }
        return times;
    }

    /** The chain with the later entry; on a tie, {@code newer}. */
    static FunnelChain later(FunnelChain older, FunnelChain newer) {
        if (older == null) {
            return newer;
        }
        return newer != null && newer.first >= older.first ? newer : older;
    }
}
