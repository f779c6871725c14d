package io.mallard.http.stats;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.mallard.application.query.Metric;
import io.mallard.application.query.QueryResult;
import io.mallard.application.stats.BreakdownRow;
import io.mallard.application.stats.GoalConversions;
import io.mallard.application.stats.Overview;
import io.mallard.application.stats.StatsQuery;
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
        static final List<Metric> METRICS = List.of(Metric.VISITORS, Metric.PAGEVIEWS, Metric.BOUNCE_RATE, Metric.VISIT_DURATION,
                Metric.VIEWS_PER_VISIT, Metric.VISITS, Metric.EVENTS, Metric.TIME_ON_PAGE, Metric.SCROLL_DEPTH);

        static Main of(QueryResult totals, StatsQuery query, List<String> warnings) {
            QueryResult.Row row = totals.only();
            return new Main(totals.count(row, Metric.VISITORS), totals.count(row, Metric.PAGEVIEWS), totals.decimal(row, Metric.BOUNCE_RATE),
                    totals.decimal(row, Metric.VISIT_DURATION), totals.decimal(row, Metric.VIEWS_PER_VISIT), totals.count(row, Metric.VISITS),
                    totals.count(row, Metric.EVENTS), (Double) totals.value(row, Metric.TIME_ON_PAGE),
                    (Integer) totals.value(row, Metric.SCROLL_DEPTH), Range.of(query), null, null, warnings);
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
        static final List<Metric> METRICS = List.of(Metric.VISITS, Metric.VISIT_DURATION, Metric.VIEWS_PER_VISIT, Metric.BOUNCE_RATE);

        static Sessions of(QueryResult totals) {
            QueryResult.Row row = totals.only();
            return new Sessions(totals.count(row, Metric.VISITS), totals.decimal(row, Metric.VISIT_DURATION),
                    totals.decimal(row, Metric.VIEWS_PER_VISIT), totals.decimal(row, Metric.BOUNCE_RATE));
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
        static final List<Metric> METRICS = List.of(Metric.VISITORS, Metric.PAGEVIEWS, Metric.VISITS);

        /** The buckets of {@code series}, each beside the bucket of the same rank in {@code comparison} when there is one. */
        static List<Point> of(QueryResult series, @Nullable QueryResult comparison, Interval interval, ZoneId zone) {
            List<QueryResult.Row> rows = series.rows();
            return java.util.stream.IntStream.range(0, rows.size()).mapToObj(i -> {
                QueryResult.Row point = rows.get(i);
                QueryResult.Row before = comparison != null && i < comparison.rows().size() ? comparison.rows().get(i) : null;
                return new Point(bucketLabel(QueryResult.bucket(point), interval, zone), series.count(point, Metric.VISITORS),
                        series.count(point, Metric.PAGEVIEWS), series.count(point, Metric.VISITS),
                        before == null ? null : bucketLabel(QueryResult.bucket(before), interval, zone),
                        before == null ? null : comparison.count(before, Metric.VISITORS),
                        before == null ? null : comparison.count(before, Metric.PAGEVIEWS),
                        before == null ? null : comparison.count(before, Metric.VISITS));
            }).toList();
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
        static final List<Metric> METRICS = List.of(Metric.VISITORS, Metric.PAGEVIEWS, Metric.VISITS, Metric.BOUNCE_RATE,
                Metric.EVENTS, Metric.REVENUE, Metric.TIME_ON_PAGE, Metric.SCROLL_DEPTH);

        @SuppressWarnings("unchecked")
        static List<Row> of(QueryResult breakdown) {
            return breakdown.rows().stream().map(row -> new Row((String) row.dimensions().getFirst(), breakdown.count(row, Metric.VISITORS),
                    breakdown.count(row, Metric.PAGEVIEWS), breakdown.count(row, Metric.VISITS), breakdown.decimal(row, Metric.BOUNCE_RATE),
                    breakdown.count(row, Metric.EVENTS), ((List<BreakdownRow.Amount>) breakdown.value(row, Metric.REVENUE)).stream()
                            .map(amount -> new Amount(amount.currency(), amount.amount())).toList(),
                    (Double) breakdown.value(row, Metric.TIME_ON_PAGE), (Integer) breakdown.value(row, Metric.SCROLL_DEPTH))).toList();
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
