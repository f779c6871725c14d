package io.mallard.application.query;

/** Which rows of the ordered answer: {@code limit} rows after skipping {@code offset}. */
public record Pagination(int limit, int offset) {
    /** The most rows one answer holds. */
    public static final int MAX_LIMIT = 10_000;
    public static final Pagination DEFAULT = new Pagination(MAX_LIMIT, 0);

    public Pagination {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
    }
}
