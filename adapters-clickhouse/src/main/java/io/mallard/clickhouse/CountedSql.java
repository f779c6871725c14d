package io.mallard.clickhouse;

import io.mallard.application.ingest.VisitAssigner;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a stats question counts (METRICS.md), as ClickHouse common table expressions a query
 * goes on to aggregate:
 * <ul>
 *   <li>{@code e}: the site's events in the range;</li>
 *   <li>{@code k}: the same, each with its visit key {@code (visitor_key, visit_id, legacy_no)} — the
 *   visit id ingestion assigned, or for events stored without one ({@code visit_id = 0}) the number
 *   of the visit the gap rule gives ({@link VisitAssigner}: a gap of at most the timeout continues a
 *   visit, and so does a page-leave report within {@link VisitAssigner#PAGE_LEAVE_REACH});</li>
 *   <li>{@code v}: one row per visit — its pageviews, interactions, first and last instant, and the
 *   visit dimensions asked for (labelled), from its first event ordered by event id (by time for
 *   events without a visit id);</li>
 *   <li>{@code vf}: the visits the visit filters keep;</li>
 *   <li>{@code c}: the counted events — those of kept visits that meet the event filters;</li>
 *   <li>{@code cv}: the counted visits — kept visits with at least one counted event.</li>
 * </ul>
 * ClickHouse evaluates a common table expression where it is used; every value is a bound parameter.
 */
final class CountedSql {
    static final String VISIT_KEY = "(visitor_key, visit_id, legacy_no)";
    private static final String COLUMNS = String.join(", ", "visitor_key", "event_id", "timestamp", "visit_id", "event_name", "pathname",
            "hostname", "referrer", "referrer_source", "utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term", "browser",
            "browser_version", "os", "os_version", "device_type", "country_code", "region", "city", "props", "revenue_amount",
            "revenue_currency", "engaged_ms", "scroll_depth");

    private CountedSql() {
    }

    /**
     * The common table expressions for {@code query}, comma-separated, to follow {@code WITH};
     * {@code visitDimensions} are the visit dimensions the caller reads from {@code v}, {@code vf}
     * or {@code cv} (the filters' own are added).
     */
    static String tables(String eventsTable, StatsQuery query, Duration visitTimeout, Set<Dimension> visitDimensions, SqlParams params) {
        List<Filter> visitFilters = query.filters().of(Dimension.Scope.VISIT);
        List<Filter> eventFilters = query.filters().of(Dimension.Scope.EVENT);
        Set<Dimension> dimensions = EnumSet.noneOf(Dimension.class);
        dimensions.addAll(visitDimensions);
        visitFilters.forEach(filter -> dimensions.add(filter.dimension()));

        String events = "e AS (SELECT " + COLUMNS + " FROM " + eventsTable + " WHERE site_id = " + params.site(query.site())
                + " AND timestamp >= " + params.instant(query.from()) + " AND timestamp < " + params.instant(query.until()) + ")";
        String keyed = "k AS (SELECT *, toUInt64(0) AS legacy_no FROM e WHERE visit_id != 0 UNION ALL "
                + "SELECT * EXCEPT (gap, starts), sum(starts) OVER (PARTITION BY visitor_key ORDER BY timestamp, event_id "
                + "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS legacy_no FROM ("
                + "SELECT *, toUInt64(gap > " + params.int64(visitTimeout.toNanos() / 1_000) + " AND NOT (event_name = 'engagement' AND gap < "
                + params.int64(VisitAssigner.PAGE_LEAVE_REACH.toNanos() / 1_000) + ")) AS starts FROM ("
                + "SELECT *, toUnixTimestamp64Micro(timestamp) - lagInFrame(toUnixTimestamp64Micro(timestamp), 1, toInt64(0)) "
                + "OVER (PARTITION BY visitor_key ORDER BY timestamp, event_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS gap "
                + "FROM e WHERE visit_id = 0)))";
        String visitFigures = dimensions.stream().map(dimension -> DimensionSql.visitAggregate(dimension, params) + ", ")
                .collect(Collectors.joining());
        String visits = "v AS (SELECT visitor_key, visit_id, legacy_no, " + visitFigures
                + "countIf(event_name = 'pageview') AS pageviews, countIf(event_name NOT IN ('pageview', 'engagement')) AS interactions, "
                + "min(timestamp) AS started, max(timestamp) AS ended "
                + "FROM (SELECT *, (if(visit_id != 0, toInt64(0), toUnixTimestamp64Micro(timestamp)), event_id) AS ord FROM k) "
                + "GROUP BY visitor_key, visit_id, legacy_no)";
        String keptVisits = "vf AS (SELECT * FROM v" + where(visitFilters.stream()
                .map(filter -> DimensionSql.condition(filter, DimensionSql.visitColumn(filter.dimension()), params)).toList()) + ")";
        List<String> eventConditions = new java.util.ArrayList<>();
        if (!visitFilters.isEmpty()) {
            eventConditions.add(VISIT_KEY + " IN (SELECT visitor_key, visit_id, legacy_no FROM vf)");
        }
        eventFilters.forEach(filter -> eventConditions.add(
                DimensionSql.condition(filter, DimensionSql.eventValue(filter.dimension(), filter.propKey(), params), params)));
        String counted = "c AS (SELECT * FROM k" + where(eventConditions) + ")";
        String countedVisits = "cv AS (SELECT * FROM vf"
                + (eventFilters.isEmpty() ? "" : " WHERE " + VISIT_KEY + " IN (SELECT visitor_key, visit_id, legacy_no FROM c)") + ")";
        return String.join(", ", events, keyed, visits, keptVisits, counted, countedVisits);
    }

    private static String where(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }
}
