package io.mallard.clickhouse;

import io.mallard.application.behavior.BehaviorQueries;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.behavior.NextNode;
import io.mallard.domain.behavior.StepCondition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The behavioral stream from ClickHouse: the counted events of the question ({@link CountedSql}),
 * each with its condition mask computed in SQL, cut to the scan's reach with window functions, in
 * {@code (visitor, time, unsigned mask, event id)} order, streamed row by row. The visitor number
 * is the 64-bit visitor key. The retention grid and flows are computed in ClickHouse; funnels and
 * sequences by the domain's engine over this stream, since ClickHouse's {@code windowFunnel} and
 * {@code sequenceMatch}/{@code sequenceCount} answer differently where the product is specified
 * (docs/ARCHITECTURE.md, {@code NativeFunctionsEngineTest}).
 */
final class ClickHouseBehaviorQueries implements BehaviorQueries {
    private final ClickHouseSql sql;
    private final Duration visitTimeout;

    ClickHouseBehaviorQueries(ClickHouseSql sql, Duration visitTimeout) {
        this.sql = sql;
        this.visitTimeout = visitTimeout;
    }

    @Override
    public void scan(StatsQuery query, BehaviorScan scan, EventSink sink) {
        SqlParams params = new SqlParams();
        List<String> bits = new ArrayList<>();
        for (int i = 0; i < scan.conditions().size(); i++) {
            bits.add("toUInt32(" + condition(scan.conditions().get(i), params) + ") * " + (1L << i));
        }
        List<String> kept = new ArrayList<>();
        if (!scan.unmatchedToo()) {
            kept.add("mask != 0");
        }
        switch (scan.reach()) {
            case ALL -> { }
            case FROM_FIRST_MATCH -> kept.add("first_matches > 0 AND timestamp >= first_match");
            case UNTIL_FIRST_MATCH -> kept.add("first_matches > 0 AND timestamp <= first_match");
        }
        String masked = "SELECT visitor_key, timestamp, event_id, pathname, toUInt32(" + String.join(" + ", bits) + ") AS mask FROM c"
                + (scan.pageviewsOnly() ? " WHERE event_name = 'pageview'" : "");
        String reached = "SELECT *, countIf(bitAnd(mask, 1) != 0) OVER visitor AS first_matches, "
                + "minIf(timestamp, bitAnd(mask, 1) != 0) OVER visitor AS first_match FROM (" + masked + ") WINDOW visitor AS (PARTITION BY visitor_key)";
        String statement = "WITH " + CountedSql.tables(sql.events(), query, visitTimeout, Set.of(), params)
                + " SELECT toInt64(visitor_key) AS visitor, toUnixTimestamp64Micro(timestamp) AS micros, mask, pathname FROM (" + reached + ")"
                + (kept.isEmpty() ? "" : " WHERE " + String.join(" AND ", kept)) + " ORDER BY visitor_key, timestamp, mask, event_id";
        boolean paths = scan.pageviewsOnly();
        sql.stream(statement, params, row -> sink.event(row.getLong("visitor"), row.getLong("micros"), (int) row.getLong("mask"),
                paths ? row.getString("pathname") : null));
    }

    /**
     * The retention grid where the events are: ClickHouse finds each visitor's cohort (the period of
     * their first cohort event) and the later periods holding one of their return events, and
     * returns one row per (cohort, offset) with its visitors — at most periods² rows however many
     * events, instead of streaming them. The rule is {@link io.mallard.domain.behavior.Retention}'s,
     * which is ClickHouse's {@code retention}: offset 0 is the cohort itself, offset {@code k} a
     * return event {@code k} periods later; an event before the first period counts in it.
     */
    @Override
    public long[][] retention(StatsQuery query, RetentionScan retention) {
        long[] starts = retention.periodStarts();
        SqlParams params = new SqlParams();
        String cohortEvent = "(" + condition(retention.cohortEvent(), params) + ")";
        String returnEvent = "(" + condition(retention.returnEvent(), params) + ")";
        String periodStarts = params.int64s(starts);
        String statement = "WITH " + CountedSql.tables(sql.events(), query, visitTimeout, Set.of(), params)
                + ", marked AS (SELECT visitor_key, toUnixTimestamp64Micro(timestamp) AS micros, " + cohortEvent + " AS is_cohort, "
                + returnEvent + " AS is_return FROM c WHERE is_cohort OR is_return), "
                + "periods AS (SELECT *, greatest(toInt64(arrayCount(start -> start <= micros, " + periodStarts + ")) - 1, 0) AS period FROM marked), "
                + "cohorts AS (SELECT visitor_key, argMinIf(period, micros, is_cohort) AS cohort, groupUniqArrayIf(period, is_return) AS returns "
                + "FROM periods GROUP BY visitor_key HAVING countIf(is_cohort) > 0) "
                + "SELECT cohort, offset, count() AS visitors FROM (SELECT cohort, arrayJoin(arrayConcat([0], "
                + "arrayFilter(later -> later > 0, arrayMap(period -> period - cohort, returns)))) AS offset FROM cohorts) GROUP BY cohort, offset";
        long[][] grid = new long[starts.length][];
        for (int cohort = 0; cohort < starts.length; cohort++) {
            grid[cohort] = new long[starts.length - cohort];
        }
        for (var row : sql.rows(statement, params)) {
            grid[(int) row.getLong("cohort")][(int) row.getLong("offset")] = row.getLong("visitors");
        }
        return grid;
    }

    /**
     * Flows with ClickHouse's {@code sequenceNextNode(direction, 'first_match')}, one call per depth
     * (the chain of depth k is the page, then k − 1 pageviews), over each visitor's pageviews;
     * one row per path comes back. Its semantics are the domain's {@code NextNode} (SEMANTICS.md
     * §7.4) except for rows with a NULL value, which a path never is, and the order of rows with
     * equal time and value, which for pageviews are equal in every column the walk reads. The walk
     * needs only the order, so it is given each pageview's position among the visitor's, in the
     * domain's order: {@code sequenceNextNode} orders a {@code UInt64} time by its low 32 bits
     * only (microseconds since 1970 come out shuffled; {@code NativeFunctionsEngineTest}).
     */
    @Override
    public FlowPaths flows(StatsQuery query, FlowScan flow) {
        SqlParams params = new SqlParams();
        String isPage = "toUInt8(" + condition(flow.page(), params) + ")";
        String direction = flow.direction() == NextNode.Direction.FORWARD ? "'forward'" : "'backward'";
        List<String> depths = new ArrayList<>();
        for (int depth = 1; depth <= flow.depth(); depth++) {
            depths.add("sequenceNextNode(" + direction + ", 'first_match')(position, pathname, is_page, is_page"
                    + ", 1".repeat(depth - 1) + ")");
        }
        String statement = "WITH " + CountedSql.tables(sql.events(), query, visitTimeout, Set.of(), params)
                + ", pageviews AS (SELECT visitor_key, toUInt32(row_number() OVER (PARTITION BY visitor_key ORDER BY timestamp, pathname)) AS position, "
                + "pathname, " + isPage + " AS is_page FROM c WHERE event_name = 'pageview'), "
                + "walks AS (SELECT max(is_page) AS at_page, [" + String.join(", ", depths) + "] AS nodes FROM pageviews GROUP BY visitor_key) "
                // Past the visitor's last (or first) pageview every deeper node is NULL too: the path is the non-NULL prefix.
                + "SELECT arrayMap(node -> assumeNotNull(node), arrayFilter(node -> node IS NOT NULL, nodes)) AS path, count() AS visitors "
                + "FROM walks WHERE at_page = 1 GROUP BY path SETTINGS allow_experimental_funnel_functions = 1";
        long atPage = 0;
        Map<List<String>, Long> paths = new HashMap<>();
        for (var row : sql.rows(statement, params)) {
            long visitors = row.getLong("visitors");
            atPage += visitors;
            List<String> path = row.getList("path");
            if (!path.isEmpty()) {
                paths.put(List.copyOf(path), visitors);
            }
        }
        return new FlowPaths(atPage, paths);
    }

    @Override
    public long visitors(StatsQuery query) {
        SqlParams params = new SqlParams();
        return sql.count("WITH " + CountedSql.tables(sql.events(), query, visitTimeout, Set.of(), params)
                + " SELECT uniqExact(visitor_key) FROM c", params);
    }

    private static String condition(StepCondition condition, SqlParams params) {
        return switch (condition) {
            case StepCondition.AnyEvent any -> "1";
            case StepCondition.Page page -> "event_name = 'pageview' AND like(pathname, " + params.string(DimensionSql.likePattern(page.path())) + ")";
            case StepCondition.CustomEvent custom -> "event_name = " + params.string(custom.name().value()) + (custom.propKey() == null ? ""
                    : " AND mapContains(props, " + params.string(custom.propKey()) + ") AND props[" + params.string(custom.propKey())
                    + "] = " + params.string(custom.propValue()));
        };
    }
}
