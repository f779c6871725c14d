package io.mallard.domain.behavior;

/**
 * Conditions travel as a 32-bit mask: bit {@code i} is condition {@code i + 1}. A NULL condition
 * is false. Masks order as unsigned integers, which is part of every function's total sort key.
 */
public final class Conditions {
    public static final int MAX = 32;

    private Conditions() {
    }

    /** True when condition {@code index} (0-based) holds in {@code mask}. */
    public static boolean holds(int mask, int index) {
        return (mask >>> index & 1) != 0;
    }

    /** The mask of the given condition values, NULL counted as false. */
    public static int mask(Boolean... values) {
        int mask = 0;
        for (int i = 0; i < values.length; i++) {
            if (Boolean.TRUE.equals(values[i])) {
                mask |= 1 << i;
            }
        }
        return mask;
    }

    /** Refuses a number of conditions outside {@code [min, MAX]}, naming the function. */
    static int checkCount(String function, int count, int min) {
        if (count < min || count > MAX) {
            throw new BehaviorArgumentException(function + " takes " + min + " to " + MAX
                    + " conditions, got " + count);
        }
        return count;
    }
}
