package io.mallard.application.query;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a {@link Query}: rows in the asked order, each with the values of the question's
 * dimensions (a {@code String} for a property, the bucket's start {@link Instant} for time) and of
 * its metrics, in the order the question lists them.
 */
public record QueryResult(List<Metric> metrics, List<Row> rows) {
    public QueryResult {
        metrics = List.copyOf(metrics);
        rows = List.copyOf(rows);
    }

    public record Row(List<Object> dimensions, List<Object> values) {
        public Row {
            dimensions = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(dimensions));
            values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
        }
    }

    /** A metric's value in a row (see {@link Metric#of} for its type). */
    public Object value(Row row, Metric metric) {
        int index = metrics.indexOf(metric);
        if (index < 0) {
            throw new IllegalArgumentException(metric.label() + " was not asked for");
        }
        return row.values().get(index);
    }

    public long count(Row row, Metric metric) {
        return (Long) value(row, metric);
    }

    public double decimal(Row row, Metric metric) {
        return (Double) value(row, metric);
    }

    /** The single row of a question without dimensions. */
    public Row only() {
        if (rows.size() != 1) {
            throw new IllegalStateException("the answer has " + rows.size() + " rows");
        }
        return rows.getFirst();
    }

    public static Instant bucket(Row row) {
        return (Instant) row.dimensions().getFirst();
    }
}
