package io.mallard.domain.event;

/**
 * What the tracker's page-leave report says about one page view: the milliseconds the page was
 * visible since the previous report of the same page view, and the deepest point scrolled to so far,
 * in percent of the page's height. Only events named {@link EventName#ENGAGEMENT} carry one. Reports of one page view add up their milliseconds and keep
 * their largest depth (docs/METRICS.md: {@code time_on_page}, {@code scroll_depth}).
 *
 * @param engagedMillis visible time since the last report, 0 to {@link #MAX_MILLIS}
 * @param scrollDepth   0 to 100
 */
public record Engagement(int engagedMillis, int scrollDepth) {
    /** One day: no single report of visible time can honestly be longer. */
    public static final int MAX_MILLIS = 86_400_000;
    public static final int MAX_DEPTH = 100;

    public Engagement {
        if (engagedMillis < 0 || engagedMillis > MAX_MILLIS) {
            throw new IllegalArgumentException("engaged milliseconds must be between 0 and " + MAX_MILLIS);
        }
        if (scrollDepth < 0 || scrollDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("scroll depth must be between 0 and " + MAX_DEPTH);
        }
    }
}
