package io.mallard.clickhouse;

import io.mallard.application.erasure.EventEraser;
import io.mallard.domain.event.SiteId;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Erasure and retention as ClickHouse mutations ({@code ALTER TABLE … DELETE}), which rewrite the
 * parts holding the rows, so no file keeps them; each waits until every replica has applied it
 * ({@code mutations_sync = 2}). Before it, the journal is settled: every acknowledged event is in
 * ClickHouse and the journal holds none, so no replay can bring an erased event back.
 */
final class ClickHouseEventEraser implements EventEraser {
    /** Waits for the mutation on every replica before returning. */
    static final Map<String, String> WAIT_FOR_ALL_REPLICAS = Map.of("mutations_sync", "2");

    private final ClickHouseSql sql;
    private final ClickHouseEventStore store;

    ClickHouseEventEraser(ClickHouseSql sql, ClickHouseEventStore store) {
        this.sql = sql;
        this.store = store;
    }

    @Override
    public Erased erase(SiteId site, Instant from, Instant until) {
        return new Erased(delete(params -> "site_id = " + params.site(site) + " AND timestamp >= " + params.instant(from)
                + " AND timestamp < " + params.instant(until)), 0, 0);
    }

    @Override
    public Erased eraseVisitors(SiteId site, Set<String> visitorIds) {
        if (visitorIds.isEmpty() || !visitorIds.stream().allMatch(id -> VISITOR_ID.matcher(id).matches())) {
            throw new IllegalArgumentException("visitor ids must be 64 hex digits");
        }
        List<String> ids = List.copyOf(visitorIds);
        return new Erased(delete(params -> "site_id = " + params.site(site) + " AND has(" + params.strings(ids) + ", visitor_id)"),
                0, 0);
    }

    /**
     * Retention: every event of every site dated before {@code cutoff}. Whole months before the
     * cutoff's month go as dropped partitions (no rewrite at all); the days of the cutoff's own
     * month before it, by a mutation.
     */
    long deleteBefore(LocalDate cutoff) {
        Instant before = cutoff.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant monthStart = cutoff.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        store.settle();
        SqlParams counting = new SqlParams();
        long matched = sql.count("SELECT count() FROM " + sql.events() + " WHERE timestamp < " + counting.instant(before), counting);
        if (matched == 0) {
            return 0;
        }
        SqlParams months = new SqlParams();
        for (var row : sql.rows("SELECT DISTINCT toYYYYMM(timestamp) AS month FROM " + sql.events() + " WHERE timestamp < "
                + months.instant(monthStart), months)) {
            // The partition id is a number computed here (the table is PARTITION BY toYYYYMM), not a request's value.
            sql.execute("ALTER TABLE " + sql.mutableEvents() + " DROP PARTITION " + row.getLong("month"), new SqlParams(), Map.of());
        }
        if (before.isAfter(monthStart)) {
            SqlParams deleting = new SqlParams();
            sql.execute("ALTER TABLE " + sql.mutableEvents() + " DELETE WHERE timestamp >= " + deleting.instant(monthStart)
                    + " AND timestamp < " + deleting.instant(before), deleting, WAIT_FOR_ALL_REPLICAS);
        }
        return matched;
    }

    /** Deletes the events meeting the condition and returns how many there were. */
    private long delete(java.util.function.Function<SqlParams, String> condition) {
        store.settle();
        SqlParams counting = new SqlParams();
        long matched = sql.count("SELECT count() FROM " + sql.events() + " WHERE " + condition.apply(counting), counting);
        if (matched > 0) {
            SqlParams deleting = new SqlParams();
            sql.execute("ALTER TABLE " + sql.mutableEvents() + " DELETE WHERE " + condition.apply(deleting), deleting, WAIT_FOR_ALL_REPLICAS);
        }
        return matched;
    }
}
