package io.mallard.domain.behavior;

/**
 * Time arithmetic on microseconds since the epoch. {@code ±infinity} timestamps are stored as
 * {@code ±Long.MAX_VALUE}, so a difference can exceed the range of a long; it is computed as an
 * unsigned 64-bit value, which is exact whenever {@code to >= from} (events are sorted first).
 */
final class Micros {
    static final long PER_SECOND = 1_000_000L;

    private Micros() {
    }

    /** True when {@code to - from} (with {@code to >= from}) is at most {@code span} µs. */
    static boolean within(long from, long to, long span) {
        return Long.compareUnsigned(to - from, span) <= 0;
    }

    /** True when {@code to - from} (with {@code to >= from}) is more than {@code span} µs. */
    static boolean beyond(long from, long to, long span) {
        return Long.compareUnsigned(to - from, span) > 0;
    }

    /** Whole seconds from {@code from} to {@code to >= from}, rounded down. */
    static long elapsedSeconds(long from, long to) {
        return Long.divideUnsigned(to - from, PER_SECOND);
    }
}
