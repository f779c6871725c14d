package io.mallard.domain.behavior;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Numbers the sessions of one group: in time order, a new session starts when the time since the
 * previous event is strictly greater than the gap, so a gap exactly equal to it stays in the same
 * session and events at the same time always share one. Session ids start at 1.
 */
public final class Sessionizer {
    private final TimeSpan gap;

    public Sessionizer(TimeSpan gap) {
        this.gap = gap;
    }

    /**
     * The session id of each event, in the order given. A NULL time gets a NULL id. The times need
     * not be sorted.
     */
    public Long[] sessionIds(Long[] times) {
        Integer[] order = new Integer[times.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing(i -> times[i], Comparator.nullsLast(Comparator.naturalOrder())));
        Long[] ids = new Long[times.length];
        long session = 0;
        Long previous = null;
        for (int index : order) {
            Long time = times[index];
            if (time == null) {
                continue;
            }
            if (previous == null || Micros.beyond(previous, time, gap.micros())) {
                session++;
            }
            ids[index] = session;
            previous = time;
        }
        return ids;
    }

    /** The number of sessions among sorted, non-NULL times. */
    public long count(long[] sortedTimes) {
        long sessions = 0;
        for (int i = 0; i < sortedTimes.length; i++) {
            if (i == 0 || Micros.beyond(sortedTimes[i - 1], sortedTimes[i], gap.micros())) {
                sessions++;
            }
        }
        return sessions;
    }
}
