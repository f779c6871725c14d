package io.mallard.domain.behavior;

/**
 * How far one group got through a funnel: the number of steps reached ({@code 0} when the first
 * step never happened) and the times of the steps of the chain that got there — the chain with
 * the latest entry, and of those the one completed last.
 */
public record FunnelResult(int steps, long[] stepTimes) {
    static final FunnelResult NONE = new FunnelResult(0, new long[0]);
}
