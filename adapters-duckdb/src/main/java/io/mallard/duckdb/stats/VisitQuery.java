package io.mallard.duckdb.stats;

import io.mallard.application.ingest.VisitAssigner;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Builds the common part of every stats statement: the site's events in the range, grouped into
 * visits, narrowed by the query's filters. It defines, for the statement's final SELECT:
 * <ul>
 *   <li>{@code matched}: the events the query counts (a visit filter keeps its visits' events, an
 *   event filter keeps the events it matches), with {@code vk} (the visitor), {@code visit} (the visit's
 *   number for that visitor), {@code ts}, {@code event_name}, {@code pathname} and the other columns;</li>
 *   <li>{@code matched_visits}: one row per visit with at least one matched event — {@code started},
 *   {@code ended}, {@code pageviews}, {@code interactions} (custom events other than engagement),
 *   {@code events} (all the visit's events), {@code matched_pageviews} and {@code matched_events}
 *   (those of its events the query counts) and a {@code d_*} column per visit dimension asked for.</li>
 * </ul>
 * A visit is a visitor's run of events with gaps of at most the timeout, counted within the range;
 * a page-leave report ({@code engagement}) less than {@link VisitAssigner#PAGE_LEAVE_REACH} after
 * the visitor's previous event continues its visit whatever the gap. Events stored with a
 * {@code visit_id} (assigned at ingestion by {@link VisitAssigner}, the same rule) are grouped by it,
 * with {@code visit} = that id and {@code seq} = the event id (ids increase with arrival); events
 * stored before visit ids existed get theirs here from two window functions over the visitor's
 * events, numbered negative so the two kinds never meet. The windows are most of a query's cost at
 * 10 M events (PERF.md), which is why ingestion assigns visits.
 * Visitors are keyed by {@code vk}, a 64-bit hash of the visitor id: partitioning, sorting and
 * counting distinct 64-bit integers is about 2.5 times faster than 64-character strings (measured,
 * PERF.md), and a collision among a million visitors has a probability near 1e-7.
 * Every request value is a bound parameter; write the final SELECT's parameters after {@link #with()}.
 *
 * <p>{@link #events} builds only {@code matched} (without {@code visit}) and, when no filter is on a
 * visit dimension, skips the two window functions that number visits: over 10 M events they cost
 * several seconds that a question about events alone does not need.
 */
final class VisitQuery {
    private static final List<String> BASE_COLUMNS = List.of("event_id", "event_name", "pathname", "hostname", "props",
            "revenue_amount", "revenue_currency", "engaged_ms", "scroll_depth", "visit_id");

    private static final Set<Dimension> ALL_VISIT_DIMENSIONS = EnumSet.copyOf(
            java.util.Arrays.stream(Dimension.values()).filter(dimension -> dimension.scope() == Dimension.Scope.VISIT).toList());

    private static final String WITH_REVENUE = "revenue_amount IS NOT NULL AND revenue_currency IS NOT NULL";

    private final SqlParameters parameters = new SqlParameters();
    private final String with;
    private final String revenueVisits;
    private final SharedViews.Lease lease;

    VisitQuery(StatsQuery query, Duration visitTimeout, Set<Dimension> visitDimensionsWanted) {
        this(query, visitTimeout, visitDimensionsWanted, StoredVisits.NONE, false);
    }

    /** Like the plain constructor, reading the visits of {@code stored}'s days from the stored visits. */
    VisitQuery(StatsQuery query, Duration visitTimeout, Set<Dimension> visitDimensionsWanted, StoredVisits stored) {
        this(query, visitTimeout, visitDimensionsWanted, stored, false);
    }

    /** The events the query counts, as {@code matched}; {@code matched_visits} may be missing. */
    static VisitQuery events(StatsQuery query, Duration visitTimeout) {
        return events(query, visitTimeout, StoredVisits.NONE);
    }

    /** Like {@link #events(StatsQuery, Duration)}, reading a visit filter's visits of {@code stored}'s days from the stored visits. */
    static VisitQuery events(StatsQuery query, Duration visitTimeout, StoredVisits stored) {
        return new VisitQuery(query, visitTimeout, Set.of(), stored, true);
    }

    /**
     * Like the constructor with {@code stored}, taking {@code matched} from the table of {@code lease}
     * (the same query's matched events, kept by {@link SharedViews}) instead of reading events for it;
     * {@link #release} lets the table go.
     */
    static VisitQuery shared(SharedViews.Lease lease, StatsQuery query, Duration visitTimeout, Set<Dimension> visitDimensionsWanted,
                             java.util.function.Supplier<StoredVisits> stored) {
        // A view that keeps its visits needs no plan of where the visits are (planning reads the rollup tables).
        return lease.visitsTable().isPresent() ? new VisitQuery(lease)
                : new VisitQuery(query, visitTimeout, visitDimensionsWanted, stored.get(), false, lease.table(), lease);
    }

    /**
     * {@code matched} and {@code matched_visits} read from the tables of a shared view that keeps
     * both (one with event filters); {@code kept} is {@code matched_visits}, which the statements
     * join only to visits holding a matched event, and the one the revenue of an event filter reads.
     */
    private VisitQuery(SharedViews.Lease lease) {
        this.lease = lease;
        this.with = "WITH matched AS (SELECT * FROM " + lease.table() + "),\nmatched_visits AS (SELECT * FROM "
                + lease.visitsTable().orElseThrow() + "),\nkept AS (SELECT * FROM matched_visits)";
        this.revenueVisits = revenueVisits(true);
    }

    /**
     * What {@link SharedViews} writes to a view's visits table: {@code matched_visits} with every
     * visit dimension, {@code matched} read from the view's table {@code eventsTable}.
     */
    static VisitQuery everyVisitDimensionOver(StatsQuery query, Duration visitTimeout, StoredVisits stored, String eventsTable) {
        return new VisitQuery(query, visitTimeout, ALL_VISIT_DIMENSIONS, stored, false, eventsTable, null);
    }

    /** Lets a shared view's tables go once the statement has run (nothing to do for the other kinds). */
    void release() {
        if (lease != null) {
            lease.close();
        }
    }

    private VisitQuery(StatsQuery query, Duration visitTimeout, Set<Dimension> visitDimensionsWanted, StoredVisits stored, boolean eventsOnly) {
        this(query, visitTimeout, visitDimensionsWanted, stored, eventsOnly, null, null);
    }

    /** {@code matchedTable}: the table holding {@code matched}, or null to read events for it; {@code lease}: its hold, or null. */
    private VisitQuery(StatsQuery query, Duration visitTimeout, Set<Dimension> visitDimensionsWanted, StoredVisits stored, boolean eventsOnly,
                       String matchedTable, SharedViews.Lease lease) {
        this.lease = lease;
        Set<Dimension> visitDimensions = EnumSet.noneOf(Dimension.class);
        visitDimensions.addAll(visitDimensionsWanted);
        query.filters().of(Dimension.Scope.VISIT).forEach(filter -> visitDimensions.add(filter.dimension()));
        StringBuilder sql = new StringBuilder("WITH scoped AS NOT MATERIALIZED (SELECT ");
        sql.append(String.join(", ", columns(visitDimensions))).append(", \"timestamp\" AS ts, hash(visitor_id) AS vk FROM {events} WHERE lower(site_id) = lower(")
                .append(parameters.add(query.site().value())).append(") AND \"timestamp\" >= ").append(parameters.instant(query.from()))
                .append(" AND \"timestamp\" < ").append(parameters.instant(query.until())).append("),\n");
        List<Filter> visitFilters = query.filters().of(Dimension.Scope.VISIT);
        List<Filter> eventFilters = query.filters().of(Dimension.Scope.EVENT);
        if (eventsOnly && visitFilters.isEmpty()) {
            this.with = sql.append("matched AS NOT MATERIALIZED (").append(filtered("scoped", eventFilters)).append(")").toString();
            this.revenueVisits = null;
            return;
        }
        sql.append("ordered AS (SELECT *, row_number() OVER w AS seq, CASE WHEN ts - lag(ts) OVER w <= to_seconds(CAST(")
                .append(parameters.add(visitTimeout.toSeconds())).append(" AS BIGINT)) OR (").append(DimensionSql.ENGAGEMENT)
                .append(" AND ts - lag(ts) OVER w < to_seconds(CAST(").append(parameters.add(VisitAssigner.PAGE_LEAVE_REACH.toSeconds()))
                .append(" AS BIGINT))) THEN 0 ELSE 1 END AS opens FROM scoped WHERE visit_id IS NULL WINDOW w AS (PARTITION BY vk ORDER BY ts, event_id)),\n");
        // A derived visit's number is a negative 64-bit hash of its visitor and ordinal, so that, like
        // stored visit ids (event ids), it names one visit of one visitor: joins match on it alone.
        sql.append("tagged AS NOT MATERIALIZED (SELECT * EXCLUDE (opens), -(hash(vk, sum(opens) OVER (PARTITION BY vk ORDER BY ts, event_id ROWS UNBOUNDED PRECEDING)) >> 1)::BIGINT - 1 AS visit FROM ordered ")
                .append("UNION ALL BY NAME SELECT *, visit_id AS visit, event_id AS seq FROM scoped WHERE visit_id IS NOT NULL),\n");
        sql.append("visits AS (");
        if (stored.reads()) {
            sql.append(stored.relation(visitDimensions, parameters));
            if (!stored.parts().isEmpty()) {
                sql.append(" UNION ALL BY NAME ");
            }
        }
        if (!stored.reads() || !stored.parts().isEmpty()) {
            sql.append("SELECT vk, visit, min(ts) AS started, max(ts) AS ended, count(*) FILTER (WHERE ")
                    .append(DimensionSql.PAGEVIEW).append(") AS pageviews, count(*) FILTER (WHERE ").append(DimensionSql.INTERACTIVE)
                    .append(") AS interactions, count(*) AS events");
            for (Dimension dimension : visitDimensions) {
                sql.append(", coalesce(").append(DimensionSql.visitAggregate(dimension)).append(", '").append(dimension.missingLabel())
                        .append("') AS ").append(DimensionSql.visitColumn(dimension));
            }
            sql.append(" FROM tagged").append(stored.reads() ? " WHERE " + stored.inParts("ts", parameters) : "").append(" GROUP BY vk, visit");
        }
        sql.append("),\n");
        sql.append("kept AS (").append(filtered("visits", visitFilters)).append("),\n");
        // The visitor key comes with the kept visit (one row per visit): no visitor id is read and hashed per event.
        String events = visitFilters.isEmpty() ? "tagged"
                : "(SELECT t.* REPLACE (k.vk AS vk) FROM tagged t JOIN (SELECT visit, vk FROM kept) k ON t.visit = k.visit)";
        sql.append("matched AS (").append(matchedTable != null ? "SELECT * FROM " + matchedTable : filtered(events, eventFilters)).append("),\n");
        // The matched events counted per visit in one pass, then joined to their visits: DuckDB builds
        // its hash table on those visits rather than on every visit of the range, and reads the
        // matched events once for the counts and the join (a second pass cost a third at 30 days).
        // The same pass lists each visit's matched revenue, so revenue_visits needs no second pass
        // over the events nor a join with every visit of the range.
        sql.append("matched_visits AS (").append(eventFilters.isEmpty()
                ? "SELECT *, pageviews AS matched_pageviews, events AS matched_events FROM kept"
                : "SELECT k.*, m.matched_pageviews, m.matched_events, m.matched_revenue FROM kept k JOIN (SELECT visit, count(*) FILTER (WHERE "
                + DimensionSql.PAGEVIEW + ") AS matched_pageviews, count(*) AS matched_events, list({'currency': revenue_currency, "
                + "'amount': revenue_amount}) FILTER (WHERE " + WITH_REVENUE + ") AS matched_revenue FROM matched GROUP BY visit) m ON k.visit = m.visit")
                .append(")");
        this.with = sql.toString();
        this.revenueVisits = revenueVisits(!eventFilters.isEmpty());
    }

    private static String revenueVisits(boolean eventFilters) {
        return "revenue_visits AS (" + (eventFilters
                ? "SELECT * EXCLUDE (matched_revenue, r), r.currency AS revenue_currency, r.amount AS revenue_amount "
                + "FROM (SELECT *, unnest(matched_revenue) AS r FROM matched_visits WHERE len(matched_revenue) > 0)"
                : "SELECT v.*, m.revenue_currency, m.revenue_amount FROM (SELECT visit, revenue_currency, revenue_amount FROM matched WHERE "
                + WITH_REVENUE + ") m JOIN kept v ON m.visit = v.visit") + ")";
    }

    /**
     * {@code revenue_visits}: each matched event with revenue ({@code revenue_currency},
     * {@code revenue_amount}) with the columns of its visit, for after {@link #with()}; not defined by {@link #events}.
     */
    String revenueVisits() {
        return revenueVisits;
    }

    /** {@code WITH ...} up to and including {@code matched_visits}, without a trailing comma. */
    String with() {
        return with;
    }

    SqlParameters parameters() {
        return parameters;
    }

    /**
     * The rows of {@code relation} meeting every filter: {@code SELECT * FROM relation} with the
     * filters' dimension values as extra columns {@code f0, f1, ...}, each written once.
     */
    String filtered(String relation, List<Filter> filters) {
        if (filters.isEmpty()) {
            return "SELECT * FROM " + relation;
        }
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < filters.size(); i++) {
            Filter filter = filters.get(i);
            String value = filter.dimension().scope() == Dimension.Scope.VISIT
                    ? DimensionSql.visitColumn(filter.dimension())
                    : DimensionSql.value(filter.dimension(), filter.propKey(), parameters);
            values.append(", ").append(value).append(" AS f").append(i);
        }
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            conditions.add(DimensionSql.condition(filters.get(i), "f" + i, parameters));
        }
        String columns = String.join(", ", IntStream.range(0, filters.size()).mapToObj(i -> "f" + i).toList());
        return "SELECT * EXCLUDE (" + columns + ") FROM (SELECT *" + values + " FROM " + relation + ") WHERE " + String.join(" AND ", conditions);
    }

    private static List<String> columns(Set<Dimension> visitDimensions) {
        Set<String> columns = new LinkedHashSet<>(BASE_COLUMNS);
        for (Dimension dimension : visitDimensions) {
            columns.addAll(switch (dimension) {
                case ENTRY_PAGE, EXIT_PAGE -> List.of();
                case SOURCE -> List.of("referrer_source");
                case REFERRER -> List.of("referrer");
                case BROWSER -> List.of("browser");
                case BROWSER_VERSION -> List.of("browser", "browser_version");
                case OS -> List.of("os");
                case OS_VERSION -> List.of("os", "os_version");
                case DEVICE -> List.of("device_type");
                case COUNTRY -> List.of("country_code");
                default -> List.of(dimension.filterName());
            });
        }
        return columns.stream().map(column -> '"' + column + '"').toList();
    }
}
