package io.mallard.application.stats;

import java.math.BigDecimal;
import java.util.List;

/**
 * One value of a breakdown and the traffic that has it. For a visit dimension the row counts the
 * visits with that value and all their events; for an event dimension, the matching events and the
 * visits containing one.
 *
 * @param events  matching events of any name (the count shown for custom events)
 * @param revenue    summed revenue of the matching events, per currency, ordered by currency; empty without revenue
 * @param engagement the page-leave reports of the page (breakdowns by page); {@link PageEngagement#NONE} otherwise
 */
public record BreakdownRow(String value, long visitors, long visits, long pageviews, long events, long bounces,
                           List<Amount> revenue, PageEngagement engagement) {
    public record Amount(String currency, BigDecimal amount) {
    }

    public double bounceRate() {
        return Totals.percent(bounces, visits);
    }
}
