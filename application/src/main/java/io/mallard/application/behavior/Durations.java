package io.mallard.application.behavior;

import java.util.Arrays;

/** A growable list of microsecond durations with a median; for times to convert. */
final class Durations {
    private long[] values = new long[64];
    private int size;

    void add(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
    }

    /** The median in seconds (mean of the middle two for an even count), or null when empty. */
    Double medianSeconds() {
        if (size == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        double middle = size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + (double) sorted[size / 2]) / 2;
        return middle / 1_000_000d;
    }
}
