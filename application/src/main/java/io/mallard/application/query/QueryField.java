package io.mallard.application.query;

/** What an answer has columns for, and can be ordered by: a metric or a dimension. */
public sealed interface QueryField permits Metric, QueryDimension {
    /** The name in a query and an answer. */
    String label();
}
