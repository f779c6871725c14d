package io.mallard.application.behavior;

import io.mallard.domain.behavior.Retention;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The retention grid computed by the engine from a visitor-by-visitor scan: a visitor's cohort is
 * the period of their first cohort event; {@link Retention} decides, per offset {@code k ≥ 1},
 * whether they have a return event {@code k} periods later. {@code grid[c][0]} is the size of
 * cohort {@code c}, {@code grid[c][k]} the visitors of it retained at offset {@code k}.
 */
final class RetentionGrid {
    private final long[] starts;
    private final long[][] grid;
    private final VisitorEvents visitors;

    /** {@code periodStarts}: ascending, in epoch microseconds; every scanned event is at or after the first. */
    RetentionGrid(long[] periodStarts) {
        this.starts = periodStarts.clone();
        int periods = starts.length;
        this.grid = new long[periods][];
        for (int cohort = 0; cohort < periods; cohort++) {
            grid[cohort] = new long[periods - cohort];
        }
        this.visitors = new VisitorEvents(this::add);
    }

    /** The sink to scan into, with condition 1 the cohort event and condition 2 the return event. */
    BehaviorQueries.EventSink sink() {
        return visitors;
    }

    long[][] finish() {
        visitors.finish();
        return grid;
    }

    private void add(VisitorEvents visitor) {
        int cohort = -1;
        BitSet met = new BitSet(starts.length);
        for (int i = 0; i < visitor.size(); i++) {
            int period = period(visitor.time(i));
            if (cohort < 0 && (visitor.mask(i) & 1) != 0) {
                cohort = period;
                met.set(0);
            }
            if (cohort >= 0 && (visitor.mask(i) & 2) != 0 && period > cohort) {
                met.set(period - cohort);
            }
        }
        if (cohort >= 0) {
            boolean[] retained = Retention.retained(met, starts.length - cohort);
            for (int offset = 0; offset < retained.length; offset++) {
                grid[cohort][offset] += retained[offset] ? 1 : 0;
            }
        }
    }

    /** The index of the period holding {@code micros}. */
    private int period(long micros) {
        int found = Arrays.binarySearch(starts, micros);
        return found >= 0 ? found : Math.max(0, -found - 2);
    }
}
