package io.mallard.duckdb.stats;

import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stored visits ({@code rollup_visits}) that filters on visit dimensions keep, per day, as
 * sorted visit ids: what a trail scan needs to keep the events of those visits ({@link TrailScan}).
 * A day's visits are whole there (stored days are additive UTC days), so a visit's dimensions are
 * the ones a question over the whole day gives it. Eight bytes per kept visit: a filter keeping all
 * 4 M visits of the 10 M-event benchmark's 90 days holds 32 MB while the trails are read.
 */
final class KeptVisits {
    private static final long[] NONE = new long[0];
    private final Map<LocalDate, long[]> byDay;

    private KeptVisits(Map<LocalDate, long[]> byDay) {
        this.byDay = byDay;
    }

    /** Whether the filters keep any visit of the day. */
    boolean any(LocalDate day) {
        return byDay.containsKey(day);
    }

    /** The day's kept visit ids, ascending (empty when it keeps none). */
    long[] of(LocalDate day) {
        return byDay.getOrDefault(day, NONE);
    }

    /** Reads the kept visits of {@code days} (which must hold stored visits) on the caller's connection and transaction. */
    static KeptVisits read(Connection connection, String site, Collection<LocalDate> days, List<Filter> visitFilters) throws SQLException {
        SqlParameters parameters = new SqlParameters();
        String sql = "SELECT day, visit FROM rollup_visits WHERE " + kept(site, days, visitFilters, parameters) + " ORDER BY day, visit";
        Map<LocalDate, long[]> byDay = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                LocalDate current = null;
                long[] visits = new long[1024];
                int size = 0;
                while (row.next()) {
                    LocalDate day = row.getObject(1, LocalDate.class);
                    if (!day.equals(current)) {
                        if (current != null) {
                            byDay.put(current, Arrays.copyOf(visits, size));
                        }
                        current = day;
                        size = 0;
                    }
                    if (size == visits.length) {
                        visits = Arrays.copyOf(visits, size * 2);
                    }
                    visits[size++] = row.getLong(2);
                }
                if (current != null) {
                    byDay.put(current, Arrays.copyOf(visits, size));
                }
            }
        }
        return new KeptVisits(byDay);
    }

    /**
     * The visitors of the kept visits of {@code days} (which must hold stored visits): a question
     * filtered on visit dimensions alone counts them all, each visit having events on its day.
     */
    static long visitors(Connection connection, String site, Collection<LocalDate> days, List<Filter> visitFilters) throws SQLException {
        SqlParameters parameters = new SqlParameters();
        String sql = "SELECT count(DISTINCT vk) FROM rollup_visits WHERE " + kept(site, days, visitFilters, parameters);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The condition on {@code rollup_visits} rows of the site's days that the filters keep. */
    private static String kept(String site, Collection<LocalDate> days, List<Filter> visitFilters, SqlParameters parameters) {
        if (visitFilters.stream().anyMatch(filter -> filter.dimension().scope() != Dimension.Scope.VISIT)) {
            throw new IllegalArgumentException("only visit dimensions are stored with a visit: " + visitFilters);
        }
        StringBuilder sql = new StringBuilder("site_id = ").append(parameters.add(site)).append(" AND ")
                .append(DayRanges.condition("day", days, parameters));
        for (Filter filter : visitFilters) {
            sql.append(" AND ").append(DimensionSql.condition(filter, DimensionSql.visitColumn(filter.dimension()), parameters));
        }
        return sql.toString();
    }
}
