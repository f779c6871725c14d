package io.mallard.application.stats;

/**
 * The headline figures of a query. {@code pageviews} and {@code events} count the matching events;
 * the visit figures describe the visits that contain at least one of them (whole visits: a visit's
 * bounce, duration and page count do not change because a filter selects one of its pages). The
 * rates and averages made of them are {@link io.mallard.application.query.Metric}'s.
 *
 * @param visitPageviews pageviews of the counted visits, for pages per visit
 * @param visitSeconds   summed duration of the counted visits, first to last event
 * @param engagement     the page-leave reports among the matching events
 */
public record Totals(long visitors, long visits, long pageviews, long events, long bounces, long visitPageviews,
                     double visitSeconds, PageEngagement engagement) {
    public static final Totals EMPTY = new Totals(0, 0, 0, 0, 0, 0, 0, PageEngagement.NONE);

    /**
     * The figures of two parts of a range whose visitors are disjoint (different visitor keys):
     * then every figure, visitors included, is the sum of the parts' figures.
     */
    public Totals plus(Totals other) {
        return new Totals(visitors + other.visitors, visits + other.visits, pageviews + other.pageviews, events + other.events,
                bounces + other.bounces, visitPageviews + other.visitPageviews, visitSeconds + other.visitSeconds,
                engagement.plus(other.engagement));
    }
}
