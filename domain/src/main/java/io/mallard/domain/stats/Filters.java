package io.mallard.domain.stats;

import java.util.Comparator;
import java.util.List;

/**
 * The conditions of a stats query, all of which must hold (AND). Kept in a canonical order, so two
 * queries with the same conditions in a different order are equal (and share a cache entry).
 */
public record Filters(List<Filter> all) {
    public static final int MAX_FILTERS = 30;
    public static final Filters NONE = new Filters(List.of());

    public Filters {
        if (all.size() > MAX_FILTERS) {
            throw new IllegalArgumentException("at most " + MAX_FILTERS + " filters");
        }
        all = all.stream().distinct().sorted(Comparator.comparing(Filter::sortKey)).toList();
    }

    public List<Filter> of(Dimension.Scope scope) {
        return all.stream().filter(filter -> filter.dimension().scope() == scope).toList();
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /** These filters and one more. */
    public Filters and(Filter filter) {
        List<Filter> more = new java.util.ArrayList<>(all);
        more.add(filter);
        return new Filters(more);
    }
}
