package io.mallard.application.stats;

import java.time.Instant;
import java.util.List;

/**
 * What is happening now: visitors with an event in the last {@value #CURRENT_MINUTES} minutes and
 * the pageviews of each of the last {@value #MINUTES} minutes (oldest first, zero-filled).
 */
public record Realtime(long currentVisitors, List<Minute> pageviewsPerMinute) {
    public static final int CURRENT_MINUTES = 5;
    public static final int MINUTES = 30;

    public record Minute(Instant start, long pageviews) {
    }
}
