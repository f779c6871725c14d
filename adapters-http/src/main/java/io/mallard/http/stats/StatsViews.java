package io.mallard.http.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mallard.application.stats.BreakdownRow;
import io.mallard.application.stats.GoalConversions;
import io.mallard.application.stats.Overview;
import io.mallard.application.stats.SeriesPoint;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.stats.Totals;
import io.mallard.domain.stats.Interval;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The JSON shapes of the stats API (the reference's field names, snake_case). */
final class StatsViews {
    private StatsViews() {
    }

    @Serdeable
    record Range(LocalDate start_date, LocalDate end_date, String time_zone) {
        static Range of(StatsQuery query) {
            return new Range(query.range().first(), query.range().last(), query.zone().getId());
        }
    }

    @Serdeable
    record Main(long unique_visitors, long total_pageviews, double bounce_rate, double avg_visit_duration_secs,
                double pages_per_visit, long total_visits, long total_events, @Nullable Double time_on_page,
                @Nullable Integer scroll_depth, Range range, @Nullable Main comparison, @Nullable Change change,
                @JsonInclude(JsonInclude.Include.ALWAYS) List<String> warnings) {
        static Main of(Totals totals, StatsQuery query, List<String> warnings) {
            return new Main(totals.visitors(), totals.pageviews(), totals.bounceRate(), totals.avgVisitSeconds(),
                    totals.pagesPerVisit(), totals.visits(), totals.events(), totals.engagement().timeOnPageSeconds(),
                    totals.engagement().scrollDepth(), Range.of(query), null, null, warnings);
        }

        Main comparedWith(Main previous) {
            return new Main(unique_visitors, total_pageviews, bounce_rate, avg_visit_duration_secs, pages_per_visit, total_visits,
                    total_events, time_on_page, scroll_depth, range, previous, Change.between(this, previous), warnings);
        }
    }

    /** Percentage change of each figure from the comparison range; null where the comparison is zero. */
    @Serdeable
    record Change(@Nullable Double unique_visitors, @Nullable Double total_pageviews, @Nullable Double bounce_rate,
                  @Nullable Double avg_visit_duration_secs, @Nullable Double pages_per_visit, @Nullable Double total_visits,
                  @Nullable Double time_on_page) {
        static Change between(Main now, Main before) {
            return new Change(percent(now.unique_visitors(), before.unique_visitors()), percent(now.total_pageviews(), before.total_pageviews()),
                    percent(now.bounce_rate(), before.bounce_rate()), percent(now.avg_visit_duration_secs(), before.avg_visit_duration_secs()),
                    percent(now.pages_per_visit(), before.pages_per_visit()), percent(now.total_visits(), before.total_visits()),
                    now.time_on_page() == null || before.time_on_page() == null ? null : percent(now.time_on_page(), before.time_on_page()));
        }

        private static Double percent(double now, double before) {
            return before == 0 ? null : Math.round(1000 * (now - before) / before) / 10.0;
        }
    }

    @Serdeable
    record Sessions(long total_sessions, double avg_session_duration_secs, double avg_pages_per_session, double bounce_rate) {
        static Sessions of(Totals totals) {
            return new Sessions(totals.visits(), totals.avgVisitSeconds(), totals.pagesPerVisit(), totals.bounceRate());
        }
    }

    /**
     * One bucket: {@code date} is the bucket's start in the site's time zone, {@code YYYY-MM-DD} for
     * days, weeks and months, {@code YYYY-MM-DDTHH:MM±HH:MM} for hours (the offset tells apart the
     * two 01:00 of a daylight-saving night).
     */
    @Serdeable
    record Point(String date, long visitors, long pageviews, long visits, @Nullable String comparison_date,
                 @Nullable Long comparison_visitors, @Nullable Long comparison_pageviews, @Nullable Long comparison_visits) {
        static List<Point> of(List<SeriesPoint> series, @Nullable List<SeriesPoint> comparison, Interval interval, ZoneId zone) {
            return java.util.stream.IntStream.range(0, series.size()).mapToObj(i -> {
                SeriesPoint point = series.get(i);
                SeriesPoint before = comparison != null && i < comparison.size() ? comparison.get(i) : null;
                return new Point(label(point, interval, zone), point.visitors(), point.pageviews(), point.visits(),
                        before == null ? null : label(before, interval, zone), before == null ? null : before.visitors(),
                        before == null ? null : before.pageviews(), before == null ? null : before.visits());
            }).toList();
        }

        private static String label(SeriesPoint point, Interval interval, ZoneId zone) {
            return bucketLabel(point.start(), interval, zone);
        }
    }

    static String bucketLabel(Instant start, Interval interval, ZoneId zone) {
        return interval == Interval.HOUR
                ? start.atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmxxx"))
                : start.atZone(zone).toLocalDate().toString();
    }

    @Serdeable
    record SiteOverview(long visitors, long pageviews, Range range, List<OverviewPoint> points) {
        static SiteOverview of(Overview overview, StatsQuery query, Interval interval) {
            return new SiteOverview(overview.visitors(), overview.pageviews(), Range.of(query), overview.buckets().stream()
                    .map(bucket -> new OverviewPoint(bucketLabel(bucket.start(), interval, query.zone()), bucket.visitors(), bucket.pageviews()))
                    .toList());
        }
    }

    /** A bucket of {@link SiteOverview}, labelled like {@link Point}. */
    @Serdeable
    record OverviewPoint(String date, long visitors, long pageviews) {
    }

    @Serdeable
    record Amount(String currency, BigDecimal amount) {
    }

    @Serdeable
    record Row(String value, long visitors, long pageviews, long visits, double bounce_rate, long events, List<Amount> revenue,
               @Nullable Double time_on_page, @Nullable Integer scroll_depth) {
        static Row of(BreakdownRow row) {
            return new Row(row.value(), row.visitors(), row.pageviews(), row.visits(), row.bounceRate(), row.events(),
                    row.revenue().stream().map(amount -> new Amount(amount.currency(), amount.amount())).toList(),
                    row.engagement().timeOnPageSeconds(), row.engagement().scrollDepth());
        }
    }

    @Serdeable
    record GoalRow(long goal_id, String goal, String kind, String value, long visitors, long conversions, double conversion_rate) {
        static GoalRow of(GoalConversions conversions, long totalVisitors) {
            double rate = totalVisitors == 0 ? 0 : Math.round(1000.0 * conversions.visitors() / totalVisitors) / 10.0;
            return new GoalRow(conversions.goal().id(), conversions.goal().displayName(), conversions.goal().kind().label(),
                    conversions.goal().value(), conversions.visitors(), conversions.conversions(), rate);
        }
    }
}
