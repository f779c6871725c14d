package io.mallard.duckdb.stats;

import io.mallard.application.behavior.BehaviorQueries;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.behavior.StepCondition;
import io.mallard.duckdb.EventSurface;
import io.mallard.duckdb.EventSurface.SiteWindow;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@link BehaviorQueries} over the stats surface: the events {@link VisitQuery} matches, each
 * with its condition mask computed in SQL, sorted by {@code (visitor, time, mask)} and streamed
 * row by row (never collected) into the engine — the fastest of the measured options (PLATFORM.md).
 */
public final class DuckDbBehaviorQueries implements BehaviorQueries {
    private final EventSurface surface;
    private final Duration visitTimeout;

    public DuckDbBehaviorQueries(EventSurface surface, Duration visitTimeout) {
        this.surface = surface;
        this.visitTimeout = visitTimeout;
    }

    @Override
    public void scan(StatsQuery query, BehaviorScan scan, EventSink sink) {
        VisitQuery visits = new VisitQuery(query, visitTimeout, Set.of());
        SqlParameters parameters = visits.parameters();
        String mask = mask(scan.conditions(), parameters);
        String restriction = scan.pageviewsOnly() ? " WHERE " + DimensionSql.PAGEVIEW : "";
        String sql = visits.with() + "\nSELECT vk, epoch_us(ts) AS t, mask, pathname FROM (SELECT vk, ts, pathname, " + mask
                + " AS mask FROM matched" + restriction + ")" + (scan.unmatchedToo() ? "" : " WHERE mask <> 0")
                + " ORDER BY vk, t, mask";
        run(query, sql, parameters, row -> sink.event(row.getLong(1), row.getLong(2), (int) row.getLong(3), row.getString(4)));
    }

    @Override
    public long visitors(StatsQuery query) {
        VisitQuery visits = new VisitQuery(query, visitTimeout, Set.of());
        long[] visitors = new long[1];
        run(query, visits.with() + "\nSELECT count(DISTINCT vk) FROM matched", visits.parameters(), row -> visitors[0] = row.getLong(1));
        return visitors[0];
    }

    /** Streams the rows of {@code sql} over the query's site and range; a failure is a 503. */
    private void run(StatsQuery query, String sql, SqlParameters parameters, EventSurface.RowConsumer consumer) {
        try {
            surface.forEach(sql, new SiteWindow(query.site().value(), query.from(), query.until()), parameters::bind, consumer);
        } catch (SQLException e) {
            throw new StorageUnavailableException("behavioral query failed: " + e.getMessage(), e);
        }
    }

    /** Bit {@code i} set when condition {@code i} holds; a BIGINT so bit 31 stays positive. */
    private static String mask(List<StepCondition> conditions, SqlParameters parameters) {
        StringBuilder mask = new StringBuilder("(");
        for (int i = 0; i < conditions.size(); i++) {
            mask.append(i == 0 ? "" : " | ").append("(CASE WHEN coalesce(").append(condition(conditions.get(i), parameters))
                    .append(", false) THEN ").append(1L << i).append(" ELSE 0 END)::BIGINT");
        }
        return mask.append(")").toString();
    }

    private static String condition(StepCondition condition, SqlParameters parameters) {
        return switch (condition) {
            case StepCondition.AnyEvent any -> "true";
            case StepCondition.Page page -> DimensionSql.PAGEVIEW + " AND pathname LIKE "
                    + parameters.add(DimensionSql.likePattern(page.path())) + " ESCAPE '\\'";
            case StepCondition.CustomEvent event -> "event_name = " + parameters.add(event.name().value())
                    + (event.propKey() == null ? ""
                    : " AND json_extract_string(props, " + parameters.add("$.\"" + event.propKey() + "\"") + ") = "
                      + parameters.add(event.propValue()));
        };
    }
}
