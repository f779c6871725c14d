package io.mallard.duckdb.stats;

import io.mallard.duckdb.Sql;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.duckdb.EventSurface;
import io.mallard.duckdb.EventSurface.SiteWindow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Whether pieces of a question share visitors, through the visitor keys each rolled-up day keeps
 * in {@code rollup_visitors}: figures of pieces add up only when no visitor is in two of them.
 */
final class VisitorOverlap {
    private static final String SHARING = Sql.named("rollup-days-sharing-visitors");

    private VisitorOverlap() {
    }

    /** The other rolled-up days sharing a visitor key with {@code day}. */
    static List<LocalDate> daysSharingVisitors(Connection connection, String site, LocalDate day) throws SQLException {
        List<LocalDate> days = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SHARING)) {
            RollupTables.bind(statement, site, day, site, day);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    days.add(rows.getObject("day", LocalDate.class));
                }
            }
        }
        return days;
    }

    /** Whether the visitors of the clipped parts occur in no other part and in none of the stored days {@code against}. */
    static boolean disjoint(EventSurface surface, StatsQuery query, List<StatsQuery.Clip> parts, Set<LocalDate> against) {
        SqlParameters parameters = new SqlParameters();
        String site = RollupTables.key(query.site());
        StringBuilder sql = new StringBuilder("WITH raw AS (SELECT DISTINCT CASE");
        for (int i = 0; i < parts.size(); i++) {
            sql.append(" WHEN ").append(within(parts.get(i), parameters)).append(" THEN ").append(i);
        }
        sql.append(" END AS part, hash(visitor_id) AS vk FROM {events} WHERE lower(site_id) = ").append(parameters.add(site)).append(" AND (");
        for (int i = 0; i < parts.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append('(').append(within(parts.get(i), parameters)).append(')');
        }
        sql.append("))\nSELECT (SELECT count(*) FROM (SELECT vk FROM raw GROUP BY vk HAVING count(*) > 1)) + ")
                .append("(SELECT count(*) FROM raw WHERE vk IN (SELECT vk FROM rollup_visitors WHERE site_id = ").append(parameters.add(site))
                .append(" AND ").append(DayRanges.condition("day", against, parameters)).append(")) AS shared");
        SiteWindow window = new SiteWindow(site, parts.getFirst().from(), parts.getLast().until());
        try {
            return surface.query(sql.toString(), window, parameters::bind, row -> row.getLong("shared")).getFirst() == 0;
        } catch (SQLException e) {
            throw new StorageUnavailableException("checking rollup parts for shared visitors failed", e);
        }
    }

    /** The condition that an event lies in {@code part}, its bounds added to {@code parameters}. */
    private static String within(StatsQuery.Clip part, SqlParameters parameters) {
        return "\"timestamp\" >= " + parameters.instant(part.from()) + " AND \"timestamp\" < " + parameters.instant(part.until());
    }
}
