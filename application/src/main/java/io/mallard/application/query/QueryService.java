package io.mallard.application.query;

import io.mallard.application.query.Metric.Figures;
import io.mallard.application.query.QueryDimension.Property;
import io.mallard.application.query.QueryDimension.Time;
import io.mallard.application.query.QueryResult.Row;
import io.mallard.application.stats.Breakdown;
import io.mallard.application.stats.BreakdownRow;
import io.mallard.application.stats.Overview;
import io.mallard.application.stats.SeriesPoint;
import io.mallard.application.stats.StatsService;
import io.mallard.application.validation.InvalidInputException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Answers a {@link Query} from the storage engine's questions (through {@link StatsService}: the
 * query cache, the gate and the zero-filling of buckets), choosing the cheapest that has what the
 * metrics need:
 * <ul>
 *   <li>no dimension: the totals;</li>
 *   <li>a time dimension: the series (visitors, visits, pageviews), or the overview when only
 *   visitors and pageviews are asked (it skips grouping events into visits);</li>
 *   <li>a property: the breakdown, paged by the engine when the order is the breakdown's own
 *   (visitors descending, then value), else ordered here over its first
 *   {@value Pagination#MAX_LIMIT} rows.</li>
 * </ul>
 * A metric the chosen question cannot give is an {@link InvalidInputException} on {@code metrics}.
 */
public final class QueryService {
    /** What a series of buckets counts. */
    static final Set<Metric> TIME_METRICS = EnumSet.of(Metric.VISITORS, Metric.VISITS, Metric.PAGEVIEWS);
    /** What a breakdown row counts: every metric but those needing visit lengths. */
    static final Set<Metric> PROPERTY_METRICS = EnumSet.complementOf(EnumSet.of(Metric.VISIT_DURATION, Metric.VIEWS_PER_VISIT));
    private static final Set<Metric> OVERVIEW_METRICS = EnumSet.of(Metric.VISITORS, Metric.PAGEVIEWS);

    private final StatsService stats;

    public QueryService(StatsService stats) {
        this.stats = stats;
    }

    public QueryResult answer(Query query) {
        if (query.dimensions().isEmpty()) {
            Figures totals = Figures.of(stats.totals(query.scope()));
            return new QueryResult(query.metrics(), List.of(row(query, List.of(), totals)));
        }
        return switch (query.dimensions().getFirst()) {
            case Time time -> byTime(query, time);
            case Property property -> byProperty(query, property);
        };
    }

    private QueryResult byTime(Query query, Time time) {
        require(query, TIME_METRICS, time);
        List<Row> rows = new ArrayList<>();
        if (OVERVIEW_METRICS.containsAll(query.metrics())) {
            Overview overview = stats.overview(query.scope(), time.interval());
            for (Overview.Bucket bucket : overview.buckets()) {
                rows.add(row(query, List.of(bucket.start()), Figures.of(new SeriesPoint(bucket.start(), bucket.visitors(), 0, bucket.pageviews()))));
            }
        } else {
            for (SeriesPoint point : stats.series(query.scope(), time.interval())) {
                rows.add(row(query, List.of(point.start()), Figures.of(point)));
            }
        }
        return new QueryResult(query.metrics(), page(query, ordered(query, rows)));
    }

    private QueryResult byProperty(Query query, Property property) {
        require(query, PROPERTY_METRICS, property);
        Breakdown breakdown = new Breakdown(property.dimension(), property.propKey());
        Pagination pagination = query.pagination();
        boolean ownOrder = query.orderBy().isEmpty() || query.orderBy().equals(List.of(new Order(Metric.VISITORS, true)))
                || query.orderBy().equals(List.of(new Order(Metric.VISITORS, true), new Order(property, false)));
        List<BreakdownRow> found = ownOrder
                ? stats.breakdownRows(query.scope(), breakdown, pagination.limit(), pagination.offset())
                : stats.breakdownRows(query.scope(), breakdown, Pagination.MAX_LIMIT, 0);
        List<Row> rows = found.stream().map(row -> row(query, List.of(row.value()), Figures.of(row))).toList();
        return new QueryResult(query.metrics(), ownOrder ? rows : page(query, ordered(query, rows)));
    }

    private static void require(Query query, Set<Metric> available, QueryDimension dimension) {
        List<Metric> missing = query.metrics().stream().filter(metric -> !available.contains(metric)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException("metrics", Metric.labels(missing) + " cannot be grouped by " + dimension.label()
                    + "; with it ask for " + Metric.labels(Arrays.stream(Metric.values()).filter(available::contains).toList()));
        }
    }

    private static Row row(Query query, List<Object> dimensions, Figures figures) {
        List<Object> values = new ArrayList<>();
        for (Metric metric : query.metrics()) {
            values.add(metric.of(figures));
        }
        return new Row(dimensions, values);
    }

    /** The rows in the question's order (stable: rows equal on every key keep the engine's order). */
    private static List<Row> ordered(Query query, List<Row> rows) {
        if (query.orderBy().isEmpty()) {
            return rows;
        }
        Comparator<Row> order = null;
        for (Order key : query.orderBy()) {
            Function<Row, Object> value = key.field() instanceof Metric metric
                    ? row -> row.values().get(query.metrics().indexOf(metric))
                    : row -> row.dimensions().get(query.dimensions().indexOf((QueryDimension) key.field()));
            Comparator<Row> byKey = Comparator.comparing(value, QueryService::compareValues);
            byKey = key.descending() ? byKey.reversed() : byKey;
            order = order == null ? byKey : order.thenComparing(byKey);
        }
        return rows.stream().sorted(order).toList();
    }

    /** Nulls (no page-leave reports) first; numbers by value; text by code point; instants in time. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray());
        }
        return ((Comparable) a).compareTo(b);
    }

    private static List<Row> page(Query query, List<Row> rows) {
        Pagination pagination = query.pagination();
        return rows.stream().skip(pagination.offset()).limit(pagination.limit()).toList();
    }

}
