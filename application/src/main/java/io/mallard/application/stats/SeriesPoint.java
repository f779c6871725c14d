package io.mallard.application.stats;

import java.time.Instant;

/** One time bucket of a series: figures of the events in {@code [start, next bucket's start)}; visits by their first event. */
public record SeriesPoint(Instant start, long visitors, long visits, long pageviews) {
    static SeriesPoint empty(Instant start) {
        return new SeriesPoint(start, 0, 0, 0);
    }
}
