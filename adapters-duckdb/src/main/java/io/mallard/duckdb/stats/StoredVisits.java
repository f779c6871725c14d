package io.mallard.duckdb.stats;

import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.stats.Dimension;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a question's visits come from: the whole UTC {@code days} whose visits are stored
 * ({@code rollup_visits}, written with the day's rollup) and the {@code parts} of its range left,
 * whose visits {@link VisitQuery} groups from events. Stored days are additive (no visitor of theirs
 * occurs on another stored day) and the parts were checked to share no visitor with them, so no
 * visit is split between the two and the union is the range's visits.
 *
 * @param site the site's key in the rollup tables (lower-cased)
 */
record StoredVisits(String site, List<LocalDate> days, List<StatsQuery.Clip> parts) {
    /** No stored day: every visit is grouped from events. */
    static final StoredVisits NONE = new StoredVisits("", List.of(), List.of());

    StoredVisits {
        days = List.copyOf(days);
        parts = List.copyOf(parts);
    }

    boolean reads() {
        return !days.isEmpty();
    }

    /** The stored visits of the days, with the columns of the visits relation and the asked visit dimensions. */
    String relation(Set<Dimension> visitDimensions, SqlParameters parameters) {
        String dimensions = visitDimensions.stream().map(dimension -> ", " + DimensionSql.visitColumn(dimension)).collect(Collectors.joining());
        return "SELECT vk, visit, started, ended, pageviews, interactions, events" + dimensions + " FROM rollup_visits WHERE site_id = "
                + parameters.add(site) + " AND " + DayRanges.condition("day", days, parameters);
    }

    /** The condition that {@code column} (a timestamp) lies in one of the parts. */
    String inParts(String column, SqlParameters parameters) {
        return parts.stream().map(part -> column + " >= " + parameters.instant(part.from()) + " AND " + column + " < " + parameters.instant(part.until()))
                .collect(Collectors.joining(") OR (", "((", "))"));
    }
}
