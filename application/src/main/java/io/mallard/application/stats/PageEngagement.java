package io.mallard.application.stats;

/**
 * What the tracker's page-leave reports say about the pages a query counts. The unit is a page
 * viewed by a visitor: all reports of one visitor on one page add up their visible milliseconds and
 * keep their deepest scroll (docs/METRICS.md).
 *
 * @param engagedMillis summed visible time of the reports
 * @param pageVisitors  distinct (visitor, page) pairs with at least one report
 * @param depthSum      sum over those pairs of their deepest scroll, in percent
 */
public record PageEngagement(long engagedMillis, long pageVisitors, long depthSum) {
    public static final PageEngagement NONE = new PageEngagement(0, 0, 0);

    /** The reports of two parts with disjoint visitors. */
    public PageEngagement plus(PageEngagement other) {
        return new PageEngagement(engagedMillis + other.engagedMillis, pageVisitors + other.pageVisitors, depthSum + other.depthSum);
    }
}
