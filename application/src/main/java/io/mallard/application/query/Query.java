package io.mallard.application.query;

import io.mallard.application.stats.StatsQuery;
import io.mallard.application.validation.InvalidInputException;

import java.util.HashSet;
import java.util.List;

/**
 * A stats question: metrics × dimensions × filters × date range (site time zone) × order ×
 * pagination, the shape of Plausible's Stats API v2. {@code scope} holds the site, range, zone and
 * filters; every stats route states its question in this form ({@link QueryService} answers it).
 *
 * <p>This version groups by at most one dimension; ordering keys must be among the question's
 * metrics and dimensions. A question breaking these rules is an {@link InvalidInputException}
 * naming the offending input.
 */
public record Query(StatsQuery scope, List<Metric> metrics, List<QueryDimension> dimensions, List<Order> orderBy,
                    Pagination pagination) {
    public Query {
        metrics = List.copyOf(metrics);
        dimensions = List.copyOf(dimensions);
        orderBy = List.copyOf(orderBy);
        if (metrics.isEmpty()) {
            throw new InvalidInputException("metrics", "ask for at least one metric: " + Metric.labels(List.of(Metric.values())));
        }
        if (new HashSet<>(metrics).size() != metrics.size()) {
            throw new InvalidInputException("metrics", "each metric may be asked for once");
        }
        if (dimensions.size() > 1) {
            throw new InvalidInputException("dimensions", "group by at most one dimension");
        }
        for (Order order : orderBy) {
            if (!metrics.contains(order.field()) && !dimensions.contains(order.field())) {
                throw new InvalidInputException("order_by", order.field().label() + " is neither a metric nor a dimension of the question");
            }
            if (order.field() == Metric.REVENUE) {
                throw new InvalidInputException("order_by", "revenue is per currency and cannot order rows");
            }
        }
    }

    /** The question without grouping or order: one row of totals. */
    public static Query totals(StatsQuery scope, List<Metric> metrics) {
        return new Query(scope, metrics, List.of(), List.of(), Pagination.DEFAULT);
    }

    public Query over(StatsQuery other) {
        return new Query(other, metrics, dimensions, orderBy, pagination);
    }
}
