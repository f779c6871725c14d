package io.mallard.application.query;

/** One key of an answer's order: a metric or a dimension of the question, ascending or descending. */
public record Order(QueryField field, boolean descending) {
    public Order {
        java.util.Objects.requireNonNull(field, "field");
    }
}
