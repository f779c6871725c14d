package io.mallard.clickhouse;

import com.clickhouse.client.api.query.GenericRecord;
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
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Goal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The stats questions in ClickHouse SQL over {@link CountedSql}'s tables: exact counts
 * ({@code uniqExact} of the 64-bit visitor key), each figure as METRICS.md defines it.
 */
final class ClickHouseStatsQueries implements StatsQueries {
    private static final String IS_PAGEVIEW = "event_name = 'pageview'";
    private static final String IS_BOUNCE = "pageviews = 1 AND interactions = 0";
    /** A kept visit ({@code vf}) that is a bounce. */
    private static final String VISIT_IS_BOUNCE = "vf.pageviews = 1 AND vf.interactions = 0";
    /** The events' revenue summed per currency: a (currencies, amounts) pair of arrays. */
    private static final String REVENUE_SUMS = "sumMapIf([revenue_currency], [assumeNotNull(revenue_amount)], revenue_amount IS NOT NULL)";
    /** Page-leave reports of the counted events, per page and visitor: visible time summed, deepest scroll. */
    private static final String READS = "reads AS (SELECT pathname, visitor_key, sum(assumeNotNull(engaged_ms)) AS ms, max(assumeNotNull(scroll_depth)) AS depth "
            + "FROM c WHERE engaged_ms IS NOT NULL GROUP BY pathname, visitor_key)";

    /** Each visit's counted events: how many, how many pageviews, revenue per currency. */
    private static final String COUNTED_PER_VISIT = "ce AS (SELECT visitor_key, visit_id, legacy_no, count() AS events, countIf("
            + IS_PAGEVIEW + ") AS pageviews, " + REVENUE_SUMS + " AS revenue FROM c GROUP BY visitor_key, visit_id, legacy_no)";
    private static final String SAME_VISIT = "vf.visitor_key = ce.visitor_key AND vf.visit_id = ce.visit_id AND vf.legacy_no = ce.legacy_no";

    private final ClickHouseSql sql;
    private final Duration visitTimeout;

    ClickHouseStatsQueries(ClickHouseSql sql, Duration visitTimeout) {
        this.sql = sql;
        this.visitTimeout = visitTimeout;
    }

    private String with(StatsQuery query, Set<Dimension> visitDimensions, SqlParams params) {
        return "WITH " + CountedSql.tables(sql.events(), query, visitTimeout, visitDimensions, params);
    }

    /**
     * One pass over the kept visits joined with their counted events' figures (a visit without a
     * counted event drops out of the join, which is the counted-visit rule), and one over the
     * page-leave reports: each common table expression is evaluated where it is used, so fewer uses
     * is less work.
     */
    @Override
    public Totals totals(StatsQuery query) {
        SqlParams params = new SqlParams();
        GenericRecord row = sql.rows(with(query, Set.of(), params) + ", " + COUNTED_PER_VISIT + ", " + READS + " SELECT "
                + "uniqExact(vf.visitor_key) AS visitors, count() AS visits, sum(ce.pageviews) AS pageviews, sum(ce.events) AS events, "
                + "countIf(" + VISIT_IS_BOUNCE + ") AS bounces, sum(vf.pageviews) AS visit_pageviews, "
                + "sum(toUnixTimestamp64Micro(vf.ended) - toUnixTimestamp64Micro(vf.started)) AS visit_micros, "
                + "(SELECT (sum(ms), count(), sum(depth)) FROM reads) AS engagement, engagement.1 AS engaged_ms, "
                + "engagement.2 AS readers, engagement.3 AS depth_sum FROM vf INNER JOIN ce ON " + SAME_VISIT, params).getFirst();
        return new Totals(row.getLong("visitors"), row.getLong("visits"), row.getLong("pageviews"), row.getLong("events"),
                row.getLong("bounces"), row.getLong("visit_pageviews"), row.getLong("visit_micros") / 1e6,
                new PageEngagement(row.getLong("engaged_ms"), row.getLong("readers"), row.getLong("depth_sum")));
    }

    /**
     * The bucket holding each row of {@code table} by its {@code column}: the last start at or
     * before it (an ASOF join, so finding it costs a lookup, not a pass over every bucket).
     */
    private static String bucketed(String table, String column, List<Instant> bucketStarts, SqlParams params) {
        return "(SELECT *, toUInt8(1) AS joined FROM " + table + ") AS x ASOF INNER JOIN (SELECT toUInt8(1) AS joined, arrayJoin("
                + params.instants(bucketStarts) + ") AS bucket) AS y ON x.joined = y.joined AND x." + column + " >= y.bucket";
    }

    @Override
    public List<SeriesPoint> series(StatsQuery query, List<Instant> bucketStarts) {
        if (bucketStarts.isEmpty()) {
            return List.of();
        }
        SqlParams params = new SqlParams();
        String with = with(query, Set.of(), params);
        Map<Instant, long[]> points = new TreeMap<>();
        for (GenericRecord row : sql.rows(with + " SELECT bucket, uniqExact(visitor_key) AS visitors, countIf(" + IS_PAGEVIEW
                + ") AS pageviews FROM " + bucketed("c", "timestamp", bucketStarts, params) + " GROUP BY bucket", params)) {
            long[] point = points.computeIfAbsent(row.getInstant("bucket"), start -> new long[3]);
            point[0] = row.getLong("visitors");
            point[2] = row.getLong("pageviews");
        }
        SqlParams visitParams = new SqlParams();
        for (GenericRecord row : sql.rows(with(query, Set.of(), visitParams) + " SELECT bucket, count() AS visits FROM "
                + bucketed("cv", "started", bucketStarts, visitParams) + " GROUP BY bucket", visitParams)) {
            points.computeIfAbsent(row.getInstant("bucket"), start -> new long[3])[1] = row.getLong("visits");
        }
        return points.entrySet().stream().map(point -> new SeriesPoint(point.getKey(), point.getValue()[0], point.getValue()[1],
                point.getValue()[2])).toList();
    }

    @Override
    public Overview overview(StatsQuery query, List<Instant> bucketStarts) {
        if (bucketStarts.isEmpty()) {
            return new Overview(0, 0, List.of());
        }
        SqlParams params = new SqlParams();
        String rows = with(query, Set.of(), params) + ", b AS (SELECT * FROM " + bucketed("c", "timestamp", bucketStarts, params) + ") ";
        List<Overview.Bucket> buckets = new ArrayList<>();
        long visitors = 0;
        long pageviews = 0;
        for (GenericRecord row : sql.rows(rows + "SELECT bucket, uniqExact(visitor_key) AS visitors, countIf(" + IS_PAGEVIEW
                + ") AS pageviews, grouping(bucket) AS overall FROM b GROUP BY GROUPING SETS ((bucket), ()) ", params)) {
            if (row.getLong("overall") == 1) {
                visitors = row.getLong("visitors");
                pageviews = row.getLong("pageviews");
            } else {
                buckets.add(new Overview.Bucket(row.getInstant("bucket"), row.getLong("visitors"), row.getLong("pageviews")));
            }
        }
        buckets.sort(Comparator.comparing(Overview.Bucket::start));
        return new Overview(visitors, pageviews, buckets);
    }

    @Override
    public List<BreakdownRow> breakdown(StatsQuery query, Breakdown breakdown, int limit, int offset) {
        Dimension dimension = breakdown.dimension();
        boolean partOfLarger = dimension == Dimension.PAGE && query.clip() != null;
        SqlParams params = new SqlParams();
        String grouped;
        if (dimension.scope() == Dimension.Scope.VISIT) {
            grouped = with(query, Set.of(dimension), params) + ", " + COUNTED_PER_VISIT
                    + " SELECT vf." + DimensionSql.visitColumn(dimension) + " AS value, uniqExact(vf.visitor_key) AS visitors, count() AS visits, "
                    + "sum(ce.pageviews) AS pageviews, sum(ce.events) AS events, countIf(" + VISIT_IS_BOUNCE + ") AS bounces, "
                    + revenueText("sumMap(ce.revenue)") + " AS revenue_text "
                    + "FROM vf INNER JOIN ce ON " + SAME_VISIT + " GROUP BY value";
        } else {
            grouped = with(query, Set.of(), params)
                    + ", b AS (SELECT visitor_key, visit_id, legacy_no, " + IS_BOUNCE + " AS bounce FROM vf) "
                    + "SELECT value, uniqExact(visitor_key) AS visitors, uniqExact(visitor_key, visit_id, legacy_no) AS visits, "
                    + "countIf(" + IS_PAGEVIEW + ") AS pageviews, count() AS events, uniqExactIf(visitor_key, visit_id, legacy_no, bounce) AS bounces, "
                    + revenueText(REVENUE_SUMS) + " AS revenue_text FROM (SELECT *, " + DimensionSql.eventValue(dimension, breakdown.propKey(), params)
                    + " AS value FROM c WHERE " + listed(dimension, breakdown.propKey(), params) + ") AS x "
                    + "INNER JOIN b USING (visitor_key, visit_id, legacy_no) GROUP BY value";
        }
        String page = partOfLarger ? "" : " ORDER BY visitors DESC, value ASC LIMIT " + params.int64(limit) + " OFFSET " + params.int64(offset);
        List<GenericRecord> found = sql.rows(grouped + page, params);
        Map<String, PageEngagement> engaged = dimension == Dimension.PAGE
                ? pageEngagement(query, partOfLarger ? null : found.stream().map(row -> row.getString("value")).toList())
                : Map.of();
        List<BreakdownRow> rows = new ArrayList<>();
        for (GenericRecord row : found) {
            String value = row.getString("value");
            rows.add(new BreakdownRow(value, row.getLong("visitors"), row.getLong("visits"), row.getLong("pageviews"), row.getLong("events"),
                    row.getLong("bounces"), amounts(row.getString("revenue_text")), engaged.getOrDefault(value, PageEngagement.NONE)));
        }
        if (!partOfLarger) {
            return rows;
        }
        // A part of a larger question: pages left in this part but viewed in another carry their reports.
        Set<String> listed = rows.stream().map(BreakdownRow::value).collect(Collectors.toSet());
        engaged.forEach((value, engagement) -> {
            if (!listed.contains(value)) {
                rows.add(new BreakdownRow(value, 0, 0, 0, 0, 0, List.of(), engagement));
            }
        });
        return rows.stream().sorted(Comparator.comparingLong(BreakdownRow::visitors).reversed().thenComparing(BreakdownRow::value))
                .skip(offset).limit(limit).toList();
    }

    /** Which counted events a breakdown by an event dimension lists: pages are pageviews, custom events exclude page-leave reports. */
    private static String listed(Dimension dimension, String propKey, SqlParams params) {
        return switch (dimension) {
            case PAGE -> IS_PAGEVIEW;
            case EVENT_NAME -> "event_name NOT IN ('pageview', 'engagement')";
            case PROP -> DimensionSql.hasProp(propKey, params);
            default -> "1";
        };
    }

    /** The page-leave reports per page of the counted events; of {@code pages} only, or of every page when null. */
    private Map<String, PageEngagement> pageEngagement(StatsQuery query, List<String> pages) {
        if (pages != null && pages.isEmpty()) {
            return Map.of();
        }
        SqlParams params = new SqlParams();
        String only = pages == null ? "" : " WHERE has(" + params.strings(pages) + ", pathname)";
        Map<String, PageEngagement> engaged = new HashMap<>();
        for (GenericRecord row : sql.rows(with(query, Set.of(), params) + ", " + READS + " SELECT pathname, sum(ms) AS engaged_ms, "
                + "count() AS readers, sum(depth) AS depth_sum FROM reads" + only + " GROUP BY pathname", params)) {
            engaged.put(row.getString("pathname"),
                    new PageEngagement(row.getLong("engaged_ms"), row.getLong("readers"), row.getLong("depth_sum")));
        }
        return engaged;
    }

    /** Revenue sums (a pair of arrays) as the text {@code EUR=12.34;USD=5.00}, which {@link #amounts} parses. */
    private static String revenueText(String sums) {
        return "arrayStringConcat(arrayMap((currency, amount) -> concat(currency, '=', toString(amount)), (" + sums
                + " AS revenue_sums).1, revenue_sums.2), ';')";
    }

    /** Parses {@link #revenueText}'s text; currencies in order, amounts to the cent. */
    private static List<BreakdownRow.Amount> amounts(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        Map<String, BigDecimal> sums = new TreeMap<>();
        for (String pair : text.split(";")) {
            int equals = pair.indexOf('=');
            sums.merge(pair.substring(0, equals), new BigDecimal(pair.substring(equals + 1)).setScale(2, RoundingMode.HALF_UP), BigDecimal::add);
        }
        return sums.entrySet().stream().map(sum -> new BreakdownRow.Amount(sum.getKey(), sum.getValue())).toList();
    }

    @Override
    public List<GoalConversions> goals(StatsQuery query, List<Goal> goals) {
        if (goals.isEmpty()) {
            return List.of();
        }
        SqlParams params = new SqlParams();
        StringBuilder figures = new StringBuilder();
        for (int i = 0; i < goals.size(); i++) {
            String met = goals.get(i).conversions().stream()
                    .map(filter -> DimensionSql.condition(filter, DimensionSql.eventValue(filter.dimension(), filter.propKey(), params), params))
                    .collect(Collectors.joining(" AND ", "(", ")"));
            figures.append(i == 0 ? "" : ", ").append("uniqExactIf(visitor_key, ").append(met).append(") AS visitors_").append(i)
                    .append(", countIf(").append(met).append(") AS conversions_").append(i);
        }
        GenericRecord row = sql.rows(with(query, Set.of(), params) + " SELECT " + figures + " FROM c", params).getFirst();
        List<GoalConversions> conversions = new ArrayList<>();
        for (int i = 0; i < goals.size(); i++) {
            conversions.add(new GoalConversions(goals.get(i), row.getLong("visitors_" + i), row.getLong("conversions_" + i)));
        }
        return conversions;
    }

    @Override
    public List<DailyRow> daily(StatsQuery query) {
        SqlParams params = new SqlParams();
        String zone = params.zone(query.zone());
        String sqlText = with(query, Set.of(Dimension.SOURCE), params)
                + ", de AS (SELECT toDate(timestamp, " + zone + ") AS day, uniqExact(visitor_key) AS visitors, countIf(" + IS_PAGEVIEW
                + ") AS pageviews FROM c GROUP BY day), "
                + "tp AS (SELECT day, argMin(pathname, (-views, pathname)) AS top_page, 1 AS found FROM (SELECT toDate(timestamp, " + zone
                + ") AS day, pathname, count() AS views FROM c WHERE " + IS_PAGEVIEW + " GROUP BY day, pathname) GROUP BY day), "
                + "ts AS (SELECT day, argMin(source, (-visits, source)) AS top_source, 1 AS found FROM (SELECT toDate(started, " + zone
                + ") AS day, " + DimensionSql.visitColumn(Dimension.SOURCE) + " AS source, count() AS visits FROM cv GROUP BY day, source) GROUP BY day) "
                + "SELECT de.day AS day, de.visitors AS visitors, de.pageviews AS pageviews, if(tp.found = 1, tp.top_page, NULL) AS top_page, "
                + "if(ts.found = 1, ts.top_source, NULL) AS top_source FROM de LEFT JOIN tp ON de.day = tp.day LEFT JOIN ts ON de.day = ts.day "
                + "ORDER BY day";
        return sql.rows(sqlText, params).stream().map(row -> new DailyRow(row.getLocalDate("day"), row.getLong("visitors"),
                row.getLong("pageviews"), row.hasValue("top_page") ? row.getString("top_page") : null,
                row.hasValue("top_source") ? row.getString("top_source") : null)).toList();
    }

    @Override
    public Realtime realtime(SiteId site, Instant currentSince, Instant minutesSince) {
        SqlParams params = new SqlParams();
        long current = sql.count("SELECT uniqExact(visitor_key) FROM " + sql.events() + " WHERE site_id = " + params.site(site)
                + " AND timestamp >= " + params.instant(currentSince), params);
        SqlParams minuteParams = new SqlParams();
        List<Realtime.Minute> minutes = sql.rows("SELECT toStartOfMinute(timestamp) AS minute, count() AS pageviews FROM " + sql.events()
                + " WHERE site_id = " + minuteParams.site(site) + " AND " + IS_PAGEVIEW + " AND timestamp >= "
                + minuteParams.instant(minutesSince) + " GROUP BY minute ORDER BY minute", minuteParams).stream()
                .map(row -> new Realtime.Minute(row.getInstant("minute"), row.getLong("pageviews"))).toList();
        return new Realtime(current, minutes);
    }
}
