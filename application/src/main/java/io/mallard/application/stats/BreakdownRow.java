package io.mallard.application.stats;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /** The same value's row over two parts with disjoint visitors: sums, revenue per currency. */
    public BreakdownRow plus(BreakdownRow other) {
        if (!value.equals(other.value)) {
            throw new IllegalArgumentException("rows of different values: " + value + ", " + other.value);
        }
        Map<String, BigDecimal> amounts = new TreeMap<>();
        for (Amount amount : revenue) {
            amounts.merge(amount.currency(), amount.amount(), BigDecimal::add);
        }
        for (Amount amount : other.revenue) {
            amounts.merge(amount.currency(), amount.amount(), BigDecimal::add);
        }
        List<Amount> summed = amounts.entrySet().stream().map(entry -> new Amount(entry.getKey(), entry.getValue())).toList();
        return new BreakdownRow(value, visitors + other.visitors, visits + other.visits, pageviews + other.pageviews,
                events + other.events, bounces + other.bounces, summed, engagement.plus(other.engagement));
    }

    /** Visitors descending, then value ascending by code point (the store's byte order of UTF-8): every breakdown's order. */
    public static final Comparator<BreakdownRow> ORDER = Comparator.comparingLong(BreakdownRow::visitors).reversed()
            .thenComparing(BreakdownRow::value, (a, b) -> Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray()));
}
