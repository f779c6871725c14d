package io.mallard.domain.behavior;

/**
 * A funnel window or a session gap, in microseconds. Built from an interval's parts so the rules
 * of SQL intervals apply: a month has no fixed length (28–31 days), so month-based spans are
 * refused rather than guessed; negative spans and spans beyond the range of a long are refused.
 */
public record TimeSpan(long micros) {
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    public TimeSpan {
        if (micros < 0) {
            throw new BehaviorArgumentException("invalid INTERVAL: must be non-negative, got " + micros + " µs");
        }
    }

    public static TimeSpan ofMicros(long micros) {
        return new TimeSpan(micros);
    }

    public static TimeSpan ofSeconds(long seconds) {
        return of(0, 0, Math.multiplyExact(seconds, Micros.PER_SECOND));
    }

    /** An interval's parts as SQL keeps them: months, days, and the rest in microseconds. */
    public static TimeSpan of(int months, long days, long micros) {
        if (months != 0) {
            throw new BehaviorArgumentException(
                    "invalid INTERVAL window: month-based intervals are ambiguous (28-31 days); use days instead");
        }
        try {
            return new TimeSpan(Math.addExact(Math.multiplyExact(days, MICROS_PER_DAY), micros));
        } catch (ArithmeticException overflow) {
            throw new BehaviorArgumentException("invalid INTERVAL: " + days + " days and " + micros
                    + " µs overflow 64-bit microseconds");
        }
    }
}
