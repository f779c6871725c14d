package io.mallard.duckdb.stats;

import io.mallard.application.stats.Breakdown;
import io.mallard.application.stats.BreakdownRow;
import io.mallard.application.stats.DailyRow;
import io.mallard.application.stats.GoalConversions;
import io.mallard.application.stats.Overview;
import io.mallard.application.stats.PageEngagement;
import io.mallard.application.stats.Realtime;
import io.mallard.application.stats.SeriesPoint;
import io.mallard.application.stats.StatsQueries;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.stats.Totals;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Goal;
import io.mallard.duckdb.DuckDbDatabase;
import io.mallard.duckdb.EventSurface;
import io.mallard.duckdb.EventSurface.SiteWindow;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * {@link StatsQueries} over the DuckDB hot table and the Parquet cold tier: one SQL statement per
 * question, built on {@link VisitQuery}, reading only the site's cold files of the range's days.
 */
public final class DuckDbStatsQueries implements StatsQueries {
    private final EventSurface surface;
    private final Duration visitTimeout;
    private final StoredVisitPlanner planner;
    private final SharedViews shared;

    /** The default cap on a shared view's matched events ({@link SharedViews#MAX_EVENTS}). */
    public static final long SHARED_VIEW_EVENTS = SharedViews.MAX_EVENTS;

    /** Groups every question's visits from events; each question reads events on its own. */
    public DuckDbStatsQueries(EventSurface surface, Duration visitTimeout) {
        this(surface, visitTimeout, null, null, 0);
    }

    /** Reads the visits of rolled-up days from {@code rollups}' stored visits where it can; each question reads events on its own. */
    public DuckDbStatsQueries(EventSurface surface, Duration visitTimeout, DuckDbRollupStore rollups) {
        this(surface, visitTimeout, rollups, null, 0);
    }

    /**
     * Reads the visits of rolled-up days from {@code rollups}' stored visits where it can (see
     * {@link StoredVisits}), and shares the matched events and visits of a filtered view among its
     * questions ({@link SharedViews}, at most {@code sharedViewEvents} events a view) when
     * {@code database} is given.
     */
    public DuckDbStatsQueries(EventSurface surface, Duration visitTimeout, DuckDbRollupStore rollups, DuckDbDatabase database,
                              long sharedViewEvents) {
        this.surface = surface;
        this.visitTimeout = visitTimeout;
        this.planner = new StoredVisitPlanner(rollups);
        this.shared = database == null ? null : new SharedViews(surface, database, visitTimeout, planner, sharedViewEvents);
    }

    /** Retires every shared view: after an erasure, no answer may come from the events before it. */
    public void forgetSharedViews() {
        if (shared != null) {
            shared.forgetAll();
        }
    }

    private VisitQuery visits(StatsQuery query, Set<Dimension> visitDimensions) {
        return visits(query, visitDimensions, true);
    }

    /** The question's relations, from its view's shared tables when {@code shareable} and they can be had. */
    private VisitQuery visits(StatsQuery query, Set<Dimension> visitDimensions, boolean shareable) {
        Optional<SharedViews.Lease> lease = shared == null || !shareable ? Optional.empty() : shared.lease(query);
        return lease.map(held -> VisitQuery.shared(held, query, visitTimeout, visitDimensions, () -> planner.plan(query)))
                .orElseGet(() -> new VisitQuery(query, visitTimeout, visitDimensions, planner.plan(query)));
    }

    @Override
    public Totals totals(StatsQuery query) {
        VisitQuery visits = visits(query, Set.of());
        String sql = visits.with() + ",\n" + DimensionSql.PAGE_READS + ",\n"
                + "engaged AS (SELECT coalesce(sum(ms), 0)::BIGINT AS ms, count(*) AS pairs, coalesce(sum(depth), 0)::BIGINT AS depth FROM page_reads)\n"
                + "SELECT count(DISTINCT vk), coalesce(sum(matched_pageviews), 0), coalesce(sum(matched_events), 0), "
                + "count(*), count(*) FILTER (WHERE pageviews = 1 AND interactions = 0), coalesce(sum(pageviews), 0), "
                + "coalesce(sum(epoch(ended) - epoch(started)), 0), (SELECT ms FROM engaged), (SELECT pairs FROM engaged), "
                + "(SELECT depth FROM engaged) FROM matched_visits";
        return single(run(query, visits, sql, row -> new Totals(row.getLong(1), row.getLong(4), row.getLong(2), row.getLong(3),
                row.getLong(5), row.getLong(6), row.getDouble(7), new PageEngagement(row.getLong(8), row.getLong(9), row.getLong(10)))));
    }

    /**
     * {@code bucket_visits}: the matched events of {@code ev} counted per bucket (column
     * {@code bucket}) and visit, with their visit's {@code vk}, {@code started} and
     * {@code visitColumns}. One pass over the events gives the visitors and pageviews per bucket and
     * the visits to count where they start; the visitor key comes from the visit, not hashed from
     * every event's visitor id, whose 64-character strings cost most of a scan to read.
     */
    private static String bucketVisits(String bucket, String visitColumns) {
        return "bucket_visits AS (SELECT x.*, v.vk, v.started" + visitColumns + " FROM (SELECT " + bucket + ", visit, count(*) FILTER (WHERE "
                + DimensionSql.PAGEVIEW + ") AS pageviews FROM ev GROUP BY " + bucket + ", visit) x JOIN kept v ON x.visit = v.visit)";
    }

    /**
     * The counted visits with {@code started} and {@code visitColumns}, after {@link #bucketVisits}:
     * the visits of its rows when an event filter leaves some visits out (they were found in the
     * same pass), else all of {@code matched_visits}, which then reads no event.
     */
    private static String countedVisits(StatsQuery query, String visitColumns) {
        return query.filters().of(Dimension.Scope.EVENT).isEmpty() ? "matched_visits"
                : "(SELECT DISTINCT visit, started" + visitColumns + " FROM bucket_visits)";
    }

    @Override
    public List<SeriesPoint> series(StatsQuery query, List<Instant> bucketStarts) {
        VisitQuery visits = visits(query, Set.of());
        BucketJoin buckets = new BucketJoin(bucketStarts, query.from(), query.until());
        String sql = visits.with() + ",\n" + buckets.ctes(visits.parameters()) + ",\n"
                + "ev AS (SELECT bk.bucket, m.visit, m.event_name FROM matched m " + buckets.join("m", "ts") + "),\n"
                + bucketVisits("bucket", "") + ",\n"
                + "vs AS (SELECT bk.bucket FROM " + countedVisits(query, "") + " v " + buckets.join("v", "started") + "),\n"
                + "e AS (SELECT bucket, count(DISTINCT vk) AS visitors, sum(pageviews)::BIGINT AS pageviews FROM bucket_visits GROUP BY bucket),\n"
                + "v AS (SELECT bucket, count(*) AS visits FROM vs GROUP BY bucket)\n"
                + "SELECT epoch_us(bucket), coalesce(e.visitors, 0), coalesce(v.visits, 0), coalesce(e.pageviews, 0) "
                + "FROM e FULL JOIN v USING (bucket) ORDER BY bucket";
        return run(query, visits, sql, row -> new SeriesPoint(SqlParameters.instantOf(row.getLong(1)), row.getLong(2), row.getLong(3), row.getLong(4)));
    }

    /** One pass over the matched events, grouped by bucket and as a whole (no visits needed). */
    @Override
    public Overview overview(StatsQuery query, List<Instant> bucketStarts) {
        VisitQuery events = VisitQuery.events(query, visitTimeout, planner.planForEvents(query));
        BucketJoin buckets = new BucketJoin(bucketStarts, query.from(), query.until());
        String sql = events.with() + ",\n" + buckets.ctes(events.parameters()) + "\n"
                + "SELECT epoch_us(bk.bucket), count(DISTINCT m.vk), count(*) FILTER (WHERE " + DimensionSql.PAGEVIEW + ") "
                + "FROM matched m " + buckets.join("m", "ts") + " GROUP BY GROUPING SETS ((bk.bucket), ()) ORDER BY 1 NULLS FIRST";
        long[] totals = new long[2];
        List<Overview.Bucket> found = new ArrayList<>();
        run(query, events, sql, row -> {
            long start = row.getLong(1);
            if (row.wasNull()) {
                totals[0] = row.getLong(2);
                totals[1] = row.getLong(3);
            } else {
                found.add(new Overview.Bucket(SqlParameters.instantOf(start), row.getLong(2), row.getLong(3)));
            }
            return null;
        });
        return new Overview(totals[0], totals[1], found);
    }

    @Override
    public List<BreakdownRow> breakdown(StatsQuery query, Breakdown breakdown, int limit, int offset) {
        Dimension dimension = breakdown.dimension();
        boolean visitLevel = dimension.scope() == Dimension.Scope.VISIT;
        VisitQuery visits = visits(query, visitLevel ? Set.of(dimension) : Set.of(), SharedViews.covers(dimension));
        SqlParameters parameters = visits.parameters();
        String perValue = visitLevel ? visitsPerValue(DimensionSql.visitColumn(dimension), visits.revenueVisits())
                : matchedEventsPerValue(DimensionSql.value(dimension, breakdown.propKey(), parameters), "matched m", eventRestriction(dimension));
        String engaged = dimension == Dimension.PAGE
                ? DimensionSql.PAGE_READS + ",\nengaged AS (SELECT value, sum(ms)::BIGINT AS ms, count(*) AS pairs, sum(depth)::BIGINT AS depth FROM page_reads GROUP BY value)"
                : "engaged AS (SELECT NULL::VARCHAR AS value, 0 AS ms, 0 AS pairs, 0 AS depth WHERE false)";
        String sql = visits.with() + ",\n" + perValue + ",\n" + engaged + ",\n"
                + "revenue AS (SELECT value, list(revenue_currency ORDER BY revenue_currency) AS currencies, list(amount ORDER BY revenue_currency) AS amounts "
                + "FROM (SELECT value, revenue_currency, sum(revenue_amount) AS amount FROM revenue_events GROUP BY value, revenue_currency) GROUP BY value)\n"
                + "SELECT p.value, p.visitors, p.visits, p.pageviews, p.events, p.bounces, r.currencies, r.amounts, "
                + "coalesce(e.ms, 0), coalesce(e.pairs, 0), coalesce(e.depth, 0) "
                + "FROM " + listed(dimension, query) + " p LEFT JOIN revenue r USING (value) LEFT JOIN engaged e USING (value) "
                + "ORDER BY p.visitors DESC, p.value LIMIT " + parameters.add(limit) + " OFFSET " + parameters.add(offset);
        return run(query, visits, sql, row -> new BreakdownRow(row.getString(1), row.getLong(2), row.getLong(3), row.getLong(4),
                row.getLong(5), row.getLong(6), amounts(row.getArray(7), row.getArray(8)),
                new PageEngagement(row.getLong(9), row.getLong(10), row.getLong(11))));
    }

    /**
     * Event dimensions one statement each; every visit dimension in one statement that groups the
     * visits once and counts them per value of each dimension ({@link #visitsPerValue}'s figures).
     */
    @Override
    public Map<Dimension, List<BreakdownRow>> breakdowns(StatsQuery query, Set<Dimension> dimensions) {
        Map<Dimension, List<BreakdownRow>> rows = new EnumMap<>(Dimension.class);
        List<Dimension> visitDimensions = new ArrayList<>();
        for (Dimension dimension : dimensions) {
            if (dimension.scope() == Dimension.Scope.VISIT) {
                visitDimensions.add(dimension);
            } else {
                rows.put(dimension, breakdown(query, Breakdown.of(dimension), Integer.MAX_VALUE, 0));
            }
        }
        if (visitDimensions.isEmpty()) {
            return rows;
        }
        VisitQuery visits = visits(query, EnumSet.copyOf(visitDimensions));
        // Each visit unpivoted into one (dimension, value) row per dimension, then one aggregate: a
        // UNION of one aggregate per dimension ran out of DuckDB's 256 MB on a single day.
        String indexes = "[" + String.join(", ", IntStream.range(0, visitDimensions.size()).mapToObj(Integer::toString).toList()) + "]";
        String values = "[" + String.join(", ", visitDimensions.stream().map(DimensionSql::visitColumn).toList()) + "]";
        String unpivoted = "unnest(" + indexes + ") AS dimension, unnest(" + values + ") AS value";
        String sql = visits.with() + ",\n"
                + visits.revenueVisits() + "\n"
                + "SELECT p.*, r.currencies, r.amounts FROM (SELECT dimension, value, count(DISTINCT vk) AS visitors, count(*) AS visits, "
                + "sum(matched_pageviews)::BIGINT AS pageviews, sum(matched_events)::BIGINT AS events, "
                + "count(*) FILTER (WHERE pageviews = 1 AND interactions = 0) AS bounces FROM (SELECT vk, matched_pageviews, matched_events, "
                + "pageviews, interactions, " + unpivoted + " FROM matched_visits) GROUP BY dimension, value) p "
                + "LEFT JOIN (SELECT dimension, value, list(revenue_currency ORDER BY revenue_currency) AS currencies, "
                + "list(amount ORDER BY revenue_currency) AS amounts FROM (SELECT dimension, value, revenue_currency, sum(revenue_amount) AS amount "
                + "FROM (SELECT revenue_currency, revenue_amount, " + unpivoted + " FROM revenue_visits) GROUP BY dimension, value, revenue_currency) "
                + "GROUP BY dimension, value) r USING (dimension, value)";
        visitDimensions.forEach(dimension -> rows.put(dimension, new ArrayList<>()));
        run(query, visits, sql, row -> rows.get(visitDimensions.get(row.getInt("dimension"))).add(new BreakdownRow(row.getString("value"),
                row.getLong("visitors"), row.getLong("visits"), row.getLong("pageviews"), row.getLong("events"), row.getLong("bounces"),
                amounts(row.getArray("currencies"), row.getArray("amounts")), PageEngagement.NONE)));
        return rows;
    }

    /**
     * The rows a breakdown lists: its values. A clipped query is one part of a larger question
     * (daily rollups add parts up), so its page breakdown also lists pages with page-leave reports
     * and no pageview in the part, with zero counts: a page viewed in one part and left in another
     * must carry both parts' reports, as the whole question would. The summing caller drops the
     * pages that end with no visitor.
     */
    private static String listed(Dimension dimension, StatsQuery query) {
        return dimension == Dimension.PAGE && query.clip() != null
                ? "(SELECT value, visitors, visits, pageviews, events, bounces FROM per_value UNION ALL "
                + "SELECT value, 0, 0, 0, 0, 0 FROM engaged WHERE value NOT IN (SELECT value FROM per_value))"
                : "per_value";
    }

    /**
     * {@code per_value(value, visitors, visits, pageviews, events, bounces)} and
     * {@code revenue_events(value, revenue_currency, revenue_amount)} for a visit dimension, from the
     * counted visits and their matched pageviews and events: their value is the visit's, so no event
     * is joined to its visit but the few with revenue (joining millions of events to their visits ran
     * out of memory at 90 days of a 10 M-event site under 256 MB, PERF.md).
     */
    private static String visitsPerValue(String visitColumn, String revenueVisits) {
        return "per_value AS (SELECT " + visitColumn + " AS value, count(DISTINCT vk) AS visitors, count(*) AS visits, "
                + "sum(matched_pageviews)::BIGINT AS pageviews, sum(matched_events)::BIGINT AS events, "
                + "count(*) FILTER (WHERE pageviews = 1 AND interactions = 0) AS bounces FROM matched_visits GROUP BY value),\n"
                + revenueVisits + ",\n"
                + "revenue_events AS (SELECT " + visitColumn + " AS value, revenue_currency, revenue_amount FROM revenue_visits)";
    }

    /**
     * The same relations for an event dimension, counting the matched events that have each value
     * ({@code valueSql} over a matched event {@code m} of {@code from}) and the visits containing one.
     */
    private static String matchedEventsPerValue(String valueSql, String from, String restriction) {
        return "valued AS (SELECT * FROM (SELECT m.visit, m.event_name, m.revenue_amount, m.revenue_currency, "
                + valueSql + " AS value FROM " + from + ") WHERE " + restriction + "),\n"
                // One pass over the events per value and visit; visitors (the visits' keys, not hashed from each event's
                // visitor id) and visits are then counted over those pairs. Their visits are matched (they hold a
                // matched event): joined to kept, they need no count of matched events per visit.
                + "value_visits AS (SELECT value, visit, count(*) FILTER (WHERE " + DimensionSql.PAGEVIEW
                + ") AS pageviews, count(*) AS events FROM valued GROUP BY value, visit),\n"
                + "per_value AS (SELECT vv.value, count(DISTINCT v.vk) AS visitors, count(*) AS visits, sum(vv.pageviews)::BIGINT AS pageviews, "
                + "sum(vv.events)::BIGINT AS events, count(*) FILTER (WHERE v.pageviews = 1 AND v.interactions = 0) AS bounces "
                + "FROM value_visits vv JOIN kept v ON vv.visit = v.visit GROUP BY vv.value),\n"
                + "revenue_events AS (SELECT value, revenue_currency, revenue_amount FROM valued WHERE revenue_amount IS NOT NULL AND revenue_currency IS NOT NULL)";
    }

    /** Which matched events a breakdown by an event dimension counts: custom events exclude the page-leave reports. */
    private static String eventRestriction(Dimension dimension) {
        return switch (dimension) {
            case PAGE -> DimensionSql.PAGEVIEW;
            case EVENT_NAME -> DimensionSql.INTERACTIVE;
            case PROP -> "value <> '" + Dimension.NONE + "'";
            default -> "true";
        };
    }

    @Override
    public List<GoalConversions> goals(StatsQuery query, List<Goal> goals) {
        VisitQuery visits = visits(query, Set.of());
        List<String> branches = new ArrayList<>();
        for (int i = 0; i < goals.size(); i++) {
            branches.add("SELECT " + i + " AS goal, vk FROM (" + visits.filtered("matched", goals.get(i).conversions()) + ")");
        }
        String sql = visits.with() + "\nSELECT goal, count(DISTINCT vk), count(*) FROM (" + String.join(" UNION ALL ", branches)
                + ") GROUP BY goal";
        long[][] counts = new long[goals.size()][2];
        run(query, visits, sql, row -> {
            counts[row.getInt(1)][0] = row.getLong(2);
            counts[row.getInt(1)][1] = row.getLong(3);
            return null;
        });
        List<GoalConversions> result = new ArrayList<>();
        for (int i = 0; i < goals.size(); i++) {
            result.add(new GoalConversions(goals.get(i), counts[i][0], counts[i][1]));
        }
        return result;
    }

    @Override
    public List<DailyRow> daily(StatsQuery query) {
        VisitQuery visits = visits(query, Set.of(Dimension.SOURCE));
        List<Instant> days = query.range().first().datesUntil(query.range().last().plusDays(1))
                .map(day -> day.atStartOfDay(query.zone()).toInstant()).toList();
        BucketJoin buckets = new BucketJoin(days, query.from(), query.until());
        String source = DimensionSql.visitColumn(Dimension.SOURCE);
        String sql = visits.with() + ",\n" + buckets.ctes(visits.parameters()) + ",\n"
                + "ev AS (SELECT bk.bucket AS day, m.visit, m.event_name, m.pathname FROM matched m " + buckets.join("m", "ts") + "),\n"
                + bucketVisits("day", ", v." + source) + ",\n"
                + "vs AS (SELECT bk.bucket AS day, v." + source + " AS source FROM " + countedVisits(query, ", " + source) + " v "
                + buckets.join("v", "started") + "),\n"
                + "counts AS (SELECT day, count(DISTINCT vk) AS visitors, sum(pageviews)::BIGINT AS pageviews FROM bucket_visits GROUP BY day),\n"
                + "pages AS (SELECT day, first(pathname ORDER BY n DESC, pathname) AS top_page FROM (SELECT day, pathname, count(*) AS n FROM ev WHERE "
                + DimensionSql.PAGEVIEW + " GROUP BY day, pathname) GROUP BY day),\n"
                + "sources AS (SELECT day, first(source ORDER BY n DESC, source) AS top_source FROM (SELECT day, source, count(*) AS n FROM vs GROUP BY day, source) GROUP BY day)\n"
                + "SELECT epoch_us(day), c.visitors, c.pageviews, p.top_page, s.top_source FROM counts c LEFT JOIN pages p USING (day) "
                + "LEFT JOIN sources s USING (day) ORDER BY day";
        ZoneId zone = query.zone();
        return run(query, visits, sql, row -> new DailyRow(SqlParameters.instantOf(row.getLong(1)).atZone(zone).toLocalDate(),
                row.getLong(2), row.getLong(3), row.getString(4), row.getString(5)));
    }

    @Override
    public Realtime realtime(SiteId site, Instant currentSince, Instant minutesSince) {
        SqlParameters parameters = new SqlParameters();
        String sql = "SELECT NULL, count(DISTINCT visitor_id) FROM {events} WHERE lower(site_id) = lower(" + parameters.add(site.value())
                + ") AND \"timestamp\" >= " + parameters.instant(currentSince)
                + "\nUNION ALL SELECT epoch_us(date_trunc('minute', \"timestamp\")) AS minute, count(*) FROM {events} WHERE lower(site_id) = lower("
                + parameters.add(site.value()) + ") AND \"timestamp\" >= " + parameters.instant(minutesSince) + " AND " + DimensionSql.PAGEVIEW
                + " GROUP BY minute ORDER BY 1 NULLS FIRST";
        long[] current = new long[1];
        List<Realtime.Minute> minutes = new ArrayList<>();
        Instant earliest = currentSince.isBefore(minutesSince) ? currentSince : minutesSince;
        // Both instants lie in the last half hour, so an hour past the earlier covers "now" (only cold
        // files of those one or two UTC days are read).
        query(new SiteWindow(site.value(), earliest, earliest.plus(Duration.ofHours(1))), parameters, sql, row -> {
            long count = row.getLong(2);
            long minute = row.getLong(1);
            if (row.wasNull()) {
                current[0] = count;
            } else {
                minutes.add(new Realtime.Minute(SqlParameters.instantOf(minute), count));
            }
            return null;
        });
        return new Realtime(current[0], minutes);
    }

    private static List<BreakdownRow.Amount> amounts(Array currencies, Array amounts) throws SQLException {
        if (currencies == null) {
            return List.of();
        }
        Object[] names = (Object[]) currencies.getArray();
        Object[] sums = (Object[]) amounts.getArray();
        List<BreakdownRow.Amount> result = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            result.add(new BreakdownRow.Amount((String) names[i], (BigDecimal) sums[i]));
        }
        return result;
    }

    private <T> List<T> run(StatsQuery query, VisitQuery visits, String sql, EventSurface.RowMapper<T> mapper) {
        try {
            return query(new SiteWindow(query.site().value(), query.from(), query.until()), visits.parameters(), sql, mapper);
        } finally {
            visits.release();
        }
    }

    private <T> List<T> query(SiteWindow window, SqlParameters parameters, String sql, EventSurface.RowMapper<T> mapper) {
        try {
            return surface.query(sql, window, parameters::bind, mapper);
        } catch (SQLException e) {
            throw new StorageUnavailableException("stats query failed: " + e.getMessage(), e);
        }
    }

    private static <T> T single(List<T> rows) {
        if (rows.size() != 1) {
            throw new StorageUnavailableException("stats query returned " + rows.size() + " rows instead of one", null);
        }
        return rows.getFirst();
    }
}
