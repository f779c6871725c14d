package io.mallard.duckdb.stats;

import io.mallard.application.behavior.BehaviorQueries;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.behavior.StepCondition;
import io.mallard.duckdb.EventSurface;
import io.mallard.duckdb.EventSurface.Read;
import io.mallard.duckdb.EventSurface.SiteWindow;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@link BehaviorQueries} over the stats surface. Scans stream the events {@link VisitQuery}
 * matches, each with its condition mask computed in SQL, sorted by {@code (visitor, time, mask)}
 * and then by event id (ties keep one order whatever reads them, as in {@link DayTrail}),
 * row by row (never collected) into the engine — the fastest of the measured options (PLATFORM.md,
 * PERF.md). Three things keep that stream small:
 * <ul>
 *   <li>the visit numbering is skipped unless a filter is on a visit dimension;</li>
 *   <li>a scan's {@link Reach} is applied in SQL: flows only get the visitors who viewed the page,
 *   from (or, backwards, up to) their first view;</li>
 *   <li>pageview scans carry a 64-bit hash of the path, resolved through a {@link PathDictionary}
 *   read first in the same transaction: turning millions of rows' paths into Java strings costs
 *   more than the rest of the scan; other scans carry no path at all.</li>
 * </ul>
 * Retention needs no event order at all and is computed in SQL, as the engine would compute it
 * ({@code BehaviorPushdownDifferentialTest} holds the two, and the reach cut, to the engine's answers).
 */
public final class DuckDbBehaviorQueries implements BehaviorQueries {
    private final EventSurface surface;
    private final Duration visitTimeout;
    private final StoredVisitPlanner planner;

    /** Groups a visit filter's visits from events. */
    public DuckDbBehaviorQueries(EventSurface surface, Duration visitTimeout) {
        this(surface, visitTimeout, null);
    }

    /** Reads a visit filter's visits of rolled-up days from {@code rollups}' stored visits where it can. */
    public DuckDbBehaviorQueries(EventSurface surface, Duration visitTimeout, DuckDbRollupStore rollups) {
        this.surface = surface;
        this.visitTimeout = visitTimeout;
        this.planner = new StoredVisitPlanner(rollups);
    }

    /** The question's events as {@code matched}. */
    private VisitQuery matched(StatsQuery query) {
        return VisitQuery.events(query, visitTimeout, planner.planForEvents(query));
    }

    @Override
    public void scan(StatsQuery query, BehaviorScan scan, EventSink sink) {
        VisitQuery visits = matched(query);
        SqlParameters parameters = visits.parameters();
        boolean pageviews = scan.pageviewsOnly();
        String sql = visits.with() + ",\nmasked AS (SELECT vk, epoch_us(ts) AS t, event_id, " + mask(scan.conditions(), condition -> true, parameters)
                + " AS mask, " + (pageviews ? "hash(pathname)" : "NULL") + " AS path FROM matched"
                + (pageviews ? " WHERE " + DimensionSql.PAGEVIEW : "") + ")" + reach(scan.reach())
                + "\nSELECT vk, t, mask, path FROM reached" + (scan.unmatchedToo() ? "" : " WHERE mask <> 0")
                + " ORDER BY vk, t, mask, event_id";
        if (!pageviews) {
            run(query, sql, parameters, row -> sink.event(row.getLong(1), row.getLong(2), (int) row.getLong(3), null));
            return;
        }
        PathDictionary paths = new PathDictionary();
        run(query, List.of(paths.read(matched(query)), new Read(sql, parameters::bind,
                row -> sink.event(row.getLong(1), row.getLong(2), (int) row.getLong(3), paths.path(row.getLong(4))))));
    }

    @Override
    public long visitors(StatsQuery query) {
        VisitQuery visits = matched(query);
        long[] visitors = new long[1];
        run(query, visits.with() + "\nSELECT count(DISTINCT vk) FROM matched", visits.parameters(), row -> visitors[0] = row.getLong(1));
        return visitors[0];
    }

    /**
     * The grid in SQL: each event gets its period, each visitor and period whether it holds a
     * cohort and a return event; a visitor's cohort is their first period with a cohort event, and
     * they count at offset {@code k} when period {@code cohort + k} holds a return event — the
     * engine's {@code retention} per visitor, summed.
     */
    @Override
    public long[][] retention(StatsQuery query, RetentionScan retention) {
        long[] starts = retention.periodStarts();
        VisitQuery visits = matched(query);
        SqlParameters parameters = visits.parameters();
        // Parameters bind by position: add them in the order their placeholders appear.
        BucketJoin periods = new BucketJoin(Arrays.stream(starts).mapToObj(SqlParameters::instantOf).toList(),
                SqlParameters.instantOf(starts[0]), query.until());
        String ctes = periods.ctes(parameters);
        String flags = "coalesce(" + condition(retention.cohortEvent(), parameters) + ", false) AS c, coalesce("
                + condition(retention.returnEvent(), parameters) + ", false) AS r";
        String sql = visits.with() + ",\n" + ctes + ",\nflagged AS (SELECT m.vk, bk.bucket_index AS p, " + flags + " FROM matched m "
                + periods.join("m", "ts") + "),\n"
                + "per_period AS (SELECT vk, p, bool_or(c) AS c, bool_or(r) AS r FROM flagged GROUP BY vk, p),\n"
                + "cohorts AS (SELECT vk, min(p) FILTER (WHERE c) AS cohort FROM per_period GROUP BY vk HAVING cohort IS NOT NULL)\n"
                + "SELECT x.cohort, y.p - x.cohort AS k, count(*) FROM cohorts x JOIN per_period y ON x.vk = y.vk "
                + "WHERE y.p = x.cohort OR (y.p > x.cohort AND y.r) GROUP BY ALL";
        long[][] grid = new long[starts.length][];
        for (int cohort = 0; cohort < starts.length; cohort++) {
            grid[cohort] = new long[starts.length - cohort];
        }
        run(query, sql, parameters, row -> grid[row.getInt(1)][row.getInt(2)] = row.getLong(3));
        return grid;
    }

    /** {@code reached}: the rows of {@code masked} the scan's reach keeps. */
    private static String reach(Reach reach) {
        if (reach == Reach.ALL) {
            return ",\nreached AS (SELECT * FROM masked)";
        }
        return ",\nfirsts AS (SELECT vk, min(t) AS first_t FROM masked WHERE mask & 1 <> 0 GROUP BY vk),\n"
                + "reached AS (SELECT m.* FROM masked m JOIN firsts f ON m.vk = f.vk AND m.t "
                + (reach == Reach.FROM_FIRST_MATCH ? ">=" : "<=") + " f.first_t)";
    }

    /** Streams the rows of {@code sql} over the query's site and range; a failure is a 503. */
    private void run(StatsQuery query, String sql, SqlParameters parameters, EventSurface.RowConsumer consumer) {
        run(query, List.of(new Read(sql, parameters::bind, consumer)));
    }

    /** Runs the reads in one transaction over the query's site and range; a failure is a 503. */
    private void run(StatsQuery query, List<Read> reads) {
        try {
            surface.forEach(new SiteWindow(query.site().value(), query.from(), query.until()), reads);
        } catch (SQLException e) {
            throw new StorageUnavailableException("behavioral query failed: " + e.getMessage(), e);
        }
    }

    /**
     * Bit {@code i} set when condition {@code i} holds, for the conditions {@code included} takes
     * (the others' bits stay 0); a BIGINT so bit 31 stays positive. Package-private for {@link PropertyEvents}.
     */
    static String mask(List<StepCondition> conditions, Predicate<StepCondition> included, SqlParameters parameters) {
        StringBuilder mask = new StringBuilder("(0");
        for (int i = 0; i < conditions.size(); i++) {
            if (included.test(conditions.get(i))) {
                mask.append(" | (CASE WHEN coalesce(").append(condition(conditions.get(i), parameters))
                        .append(", false) THEN ").append(1L << i).append(" ELSE 0 END)::BIGINT");
            }
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
