package io.mallard.application.query;

import io.mallard.application.stats.BreakdownRow;
import io.mallard.application.stats.PageEngagement;
import io.mallard.application.stats.SeriesPoint;
import io.mallard.application.stats.Totals;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a question measures, named as in Plausible's Stats API v2, with the definitions of
 * {@code docs/METRICS.md} — the one place the product computes them. Each metric reads the
 * {@link Figures} of a row: counts of visitors, visits and events the engines return.
 */
public enum Metric implements QueryField {
    /** Distinct visitor ids among the counted events. */
    VISITORS,
    /** Visits containing a counted event. */
    VISITS,
    /** Counted events named {@code pageview}. */
    PAGEVIEWS,
    /** Every counted event, page-leave reports included. */
    EVENTS,
    /** Bounces / visits × 100, one decimal; 0 without visits. A bounce: one pageview and no interactive custom event. */
    BOUNCE_RATE,
    /** Average visit length in seconds (last event − first), two decimals; 0 without visits. */
    VISIT_DURATION,
    /** Pageviews of the counted visits / visits, two decimals (per visit, not per visitor). */
    VIEWS_PER_VISIT,
    /** Average visible seconds per (visitor, page) pair with a page-leave report, two decimals; null without reports. */
    TIME_ON_PAGE,
    /** Average deepest scroll (percent) over the same pairs, whole percent; null without reports. */
    SCROLL_DEPTH,
    /** Revenue of the counted events, per currency (a list of amounts, currencies in order). */
    REVENUE;

    /** The name in a query and an answer: {@code bounce_rate}. */
    @Override
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Metric> byLabel(String label) {
        return Arrays.stream(values()).filter(metric -> metric.label().equals(label)).findFirst();
    }

    public static String labels(List<Metric> metrics) {
        return metrics.stream().map(Metric::label).collect(Collectors.joining(", "));
    }

    /**
     * The base counts a row of an answer carries. {@code visitPageviews} and {@code visitSeconds}
     * describe the counted visits (whole visits: a filter selecting one page of a visit does not
     * change its length or page count).
     */
    public record Figures(long visitors, long visits, long pageviews, long events, long bounces, long visitPageviews,
                          double visitSeconds, PageEngagement engagement, List<BreakdownRow.Amount> revenue) {
        public Figures {
            revenue = List.copyOf(revenue);
        }

        public static Figures of(Totals totals) {
            return new Figures(totals.visitors(), totals.visits(), totals.pageviews(), totals.events(), totals.bounces(),
                    totals.visitPageviews(), totals.visitSeconds(), totals.engagement(), List.of());
        }

        /** A breakdown row has no visit lengths: {@link #VISIT_DURATION} and {@link #VIEWS_PER_VISIT} are not asked of it. */
        public static Figures of(BreakdownRow row) {
            return new Figures(row.visitors(), row.visits(), row.pageviews(), row.events(), row.bounces(), 0, 0, row.engagement(),
                    row.revenue());
        }

        /** A series point has visitors, visits and pageviews only. */
        public static Figures of(SeriesPoint point) {
            return new Figures(point.visitors(), point.visits(), point.pageviews(), 0, 0, 0, 0, PageEngagement.NONE, List.of());
        }
    }

    /** This metric's value in a row: a {@code Long}, a {@code Double}, an {@code Integer}, a list of amounts, or null. */
    public Object of(Figures figures) {
        return switch (this) {
            case VISITORS -> figures.visitors();
            case VISITS -> figures.visits();
            case PAGEVIEWS -> figures.pageviews();
            case EVENTS -> figures.events();
            case BOUNCE_RATE -> percent(figures.bounces(), figures.visits());
            case VISIT_DURATION -> figures.visits() == 0 ? 0.0 : hundredths(figures.visitSeconds() / figures.visits());
            case VIEWS_PER_VISIT -> figures.visits() == 0 ? 0.0 : hundredths((double) figures.visitPageviews() / figures.visits());
            case TIME_ON_PAGE -> timeOnPage(figures.engagement());
            case SCROLL_DEPTH -> scrollDepth(figures.engagement());
            case REVENUE -> figures.revenue();
        };
    }

    /** {@code part / whole} in percent, one decimal; 0 when {@code whole} is 0. */
    public static double percent(long part, long whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 10.0;
    }

    public static Double timeOnPage(PageEngagement engagement) {
        return engagement.pageVisitors() == 0 ? null : Math.round(engagement.engagedMillis() / 10.0 / engagement.pageVisitors()) / 100.0;
    }

    public static Integer scrollDepth(PageEngagement engagement) {
        return engagement.pageVisitors() == 0 ? null : (int) Math.round((double) engagement.depthSum() / engagement.pageVisitors());
    }

    private static double hundredths(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
