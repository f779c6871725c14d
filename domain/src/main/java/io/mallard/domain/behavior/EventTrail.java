package io.mallard.domain.behavior;

import java.util.Arrays;

/**
 * One group's events (usually one visitor's) as the funnel and sequence functions see them: a
 * time in µs since the epoch and a {@link Conditions condition mask}, sorted by the total key
 * {@code (time, unsigned mask)} so that no result depends on arrival order. Rows with a NULL time
 * never get here. Primitive arrays, because a query streams millions of rows through these.
 */
public final class EventTrail {
    private final long[] times;
    private final int[] masks;
    private final int size;

    private EventTrail(long[] times, int[] masks, int size) {
        this.times = times;
        this.masks = masks;
        this.size = size;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The first {@code size} events of the arrays (copied), sorted unless they already are. */
    public static EventTrail of(long[] times, int[] masks, int size) {
        long[] copiedTimes = Arrays.copyOf(times, size);
        int[] copiedMasks = Arrays.copyOf(masks, size);
        for (int i = 1; i < size; i++) {
            if (compare(copiedTimes[i - 1], copiedMasks[i - 1], copiedTimes[i], copiedMasks[i]) > 0) {
                sortTogether(copiedTimes, copiedMasks);
                break;
            }
        }
        return new EventTrail(copiedTimes, copiedMasks, size);
    }

    public int size() {
        return size;
    }

    public long time(int index) {
        return times[index];
    }

    public int mask(int index) {
        return masks[index];
    }

    /** The events with at least one true condition (most functions ignore the others). */
    public EventTrail withoutEmptyMasks() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            kept += masks[i] != 0 ? 1 : 0;
        }
        if (kept == size) {
            return this;
        }
        long[] keptTimes = new long[kept];
        int[] keptMasks = new int[kept];
        for (int i = 0, k = 0; i < size; i++) {
            if (masks[i] != 0) {
                keptTimes[k] = times[i];
                keptMasks[k++] = masks[i];
            }
        }
        return new EventTrail(keptTimes, keptMasks, kept);
    }

    static int compare(long timeA, int maskA, long timeB, int maskB) {
        int byTime = Long.compare(timeA, timeB);
        return byTime != 0 ? byTime : Integer.compareUnsigned(maskA, maskB);
    }

    /** Collects events in any order; {@link #build()} sorts them unless they arrived sorted. */
    public static final class Builder {
        private long[] times = new long[16];
        private int[] masks = new int[16];
        private int size;

        public Builder add(long time, int mask) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                masks = Arrays.copyOf(masks, size * 2);
            }
            times[size] = time;
            masks[size++] = mask;
            return this;
        }

        public EventTrail build() {
            return of(times, masks, size);
        }
    }

    private static void sortTogether(long[] times, int[] masks) {
        Integer[] order = new Integer[times.length];
        Arrays.setAll(order, i -> i);
        long[] sourceTimes = times.clone();
        int[] sourceMasks = masks.clone();
        Arrays.sort(order, (a, b) -> compare(sourceTimes[a], sourceMasks[a], sourceTimes[b], sourceMasks[b]));
        for (int i = 0; i < order.length; i++) {
            times[i] = sourceTimes[order[i]];
            masks[i] = sourceMasks[order[i]];
        }
    }
}
