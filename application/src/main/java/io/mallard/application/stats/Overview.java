package io.mallard.application.stats;

import java.time.Instant;
import java.util.List;

/**
 * A site at a glance, for lists of sites: visitors and pageviews over the range and per bucket.
 * Unlike {@link Totals} and {@link SeriesPoint} it has no visit figures, so it is answered without
 * grouping events into visits (several times cheaper on a large site).
 *
 * @param buckets every bucket of the range, in order, empty ones included
 */
public record Overview(long visitors, long pageviews, List<Bucket> buckets) {
    public Overview {
        buckets = List.copyOf(buckets);
    }

    /** The events in {@code [start, next bucket's start)}. */
    public record Bucket(Instant start, long visitors, long pageviews) {
        static Bucket empty(Instant start) {
            return new Bucket(start, 0, 0);
        }
    }
}
