package io.mallard.duckdb.stats;

import static io.mallard.duckdb.stats.RollupTables.FINGERPRINTS;
import static io.mallard.duckdb.stats.RollupTables.TABLES;
import static io.mallard.duckdb.stats.RollupTables.bind;
import static io.mallard.duckdb.stats.RollupTables.currentFingerprint;
import static io.mallard.duckdb.stats.RollupTables.hotDays;
import static io.mallard.duckdb.stats.RollupTables.key;
import static io.mallard.duckdb.stats.RollupTables.update;

import io.mallard.application.stats.BreakdownRow;
import io.mallard.application.stats.DayRollup;
import io.mallard.application.stats.PageEngagement;
import io.mallard.application.stats.RollupStore;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Filters;
import io.mallard.application.stats.Totals;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.event.EpochMicros;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.behavior.StepCondition;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;
import io.mallard.duckdb.DuckDbDatabase;
import io.mallard.duckdb.EventSurface.SiteWindow;
import io.mallard.duckdb.EventSurface;
import io.mallard.duckdb.HotTable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link RollupStore} in the tables of migration V10, beside the cold-file manifest in the same
 * DuckDB database.
 *
 * <p>The jobs live beside it: figures ({@link RollupRows}), zone splits ({@link RollupSplits}),
 * shared visitors ({@link VisitorOverlap}), trail files ({@link TrailFiles}), and what they share
 * ({@link RollupTables}); this class keeps the days' lifecycle.
 *
 * <p>A day's <em>fingerprint</em> is a digest of its manifest rows (path, event count, creation
 * time): every flush, compaction, erasure or retention that touches the day's Parquet files changes
 * it, and a day with events still in the hot table is never used. The <em>basis</em> names what else
 * the figures depend on (this class's version of them and the visit timeout), so a changed setting
 * or an upgrade rebuilds every day. Site ids are stored lower-cased, as the queries compare them.
 */
public final class DuckDbRollupStore implements RollupStore {
    /** Raise when the figures a day's rollup holds change meaning: every day is rebuilt. */
    private static final int VERSION = 4;

    private final DuckDbDatabase database;
    private final EventSurface surface;
    /** The dimensions a stored visit carries. */
    private static final Set<Dimension> VISIT_DIMENSIONS = EnumSet.copyOf(java.util.Arrays.stream(Dimension.values())
            .filter(dimension -> dimension.scope() == Dimension.Scope.VISIT).toList());

    private final Duration visitTimeout;
    private final String basis;
    private final TrailFiles trails;
    private final int propertyEventLimit;

    public DuckDbRollupStore(DuckDbDatabase database, EventSurface surface, Duration visitTimeout) {
        this(database, surface, visitTimeout, PropertyEvents.LIMIT);
    }

    /** With another limit on the events a question's property steps may read beside its trails (tests). */
    DuckDbRollupStore(DuckDbDatabase database, EventSurface surface, Duration visitTimeout, int propertyEventLimit) {
        this.propertyEventLimit = propertyEventLimit;
        this.database = database;
        this.surface = surface;
        this.visitTimeout = visitTimeout;
        this.basis = "v" + VERSION + " visit-timeout=" + visitTimeout.toSeconds() + "s";
        this.trails = new TrailFiles(database.dataDir());
    }

    @Override
    public List<StaleDay> staleDays(LocalDate today, int limit) {
        return transaction("listing days to roll up", connection -> {
            String sql = "WITH cur AS (" + FINGERPRINTS + " WHERE day < ? GROUP BY 1, 2), hot AS (" + hotDays(connection) + ")\n"
                    + "SELECT c.site, c.day, c.fingerprint FROM cur c LEFT JOIN rollup_days r ON r.site_id = c.site AND r.day = c.day\n"
                    + "WHERE (r.site_id IS NULL OR r.fingerprint <> c.fingerprint OR r.basis <> ?\n"
                    + "  OR NOT EXISTS (SELECT 1 FROM rollup_trails t WHERE t.site_id = c.site AND t.day = c.day))\n"
                    + "AND NOT EXISTS (SELECT 1 FROM hot h WHERE h.site = c.site AND h.day = c.day) ORDER BY c.day DESC, c.site LIMIT ?";
            List<StaleDay> stale = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, today);
                statement.setString(2, basis);
                statement.setInt(3, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        stale.add(new StaleDay(new SiteId(rows.getString("site")), rows.getObject("day", LocalDate.class), rows.getString("fingerprint")));
                    }
                }
            }
            return stale;
        });
    }

    /** Synchronized with {@link #dropOutdated}, whose sweep must not meet a trail file not yet committed. */
    @Override
    public synchronized boolean save(StaleDay day, DayRollup rollup) {
        String site = key(day.site());
        Instant start = day.day().atStartOfDay(ZoneOffset.UTC).toInstant();
        SiteWindow window = new SiteWindow(site, start, start.plus(Duration.ofDays(1)));
        List<String> written = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        boolean saved;
        try {
            saved = surface.write(window, (connection, events) -> {
                if (!day.fingerprint().equals(currentFingerprint(connection, site, day.day()))) {
                    return false;
                }
                replaced.addAll(trailFiles(connection, "site_id = ? AND day = ?", site, day.day()));
                for (String table : TABLES) {
                    update(connection, "DELETE FROM " + table + " WHERE site_id = ? AND day = ?", site, day.day());
                }
                SqlParameters parameters = new SqlParameters();
                String keys = "INSERT INTO rollup_visitors SELECT DISTINCT " + parameters.add(site) + ", CAST(" + parameters.add(day.day())
                        + " AS DATE), hash(visitor_id) FROM " + events + " WHERE lower(site_id) = " + parameters.add(site)
                        + " AND \"timestamp\" >= " + parameters.instant(window.from()) + " AND \"timestamp\" < " + parameters.instant(window.until());
                try (PreparedStatement statement = connection.prepareStatement(keys)) {
                    parameters.bind(statement);
                    statement.executeUpdate();
                }
                RollupRows.append(connection, site, day.day(), rollup);
                written.add(writeTrail(connection, events, site, day.day(), window));
                boolean visits = writeVisits(connection, events, day.site(), day.day());
                List<LocalDate> sharing = VisitorOverlap.daysSharingVisitors(connection, site, day.day());
                for (LocalDate other : sharing) {
                    update(connection, "UPDATE rollup_days SET additive = false WHERE site_id = ? AND day = ?", site, other);
                }
                update(connection, "INSERT INTO rollup_days VALUES (?, ?, ?, ?, ?, ?, ?)", site, day.day(), day.fingerprint(), basis,
                        sharing.isEmpty(), LocalDateTime.now(ZoneOffset.UTC), visits);
                return true;
            });
        } catch (SQLException | RuntimeException e) {
            trails.delete(written);
            throw e instanceof SQLException ? new StorageUnavailableException("storing the rollup of " + day.day() + " failed", e)
                    : (RuntimeException) e;
        }
        trails.delete(saved ? replaced : written);
        return saved;
    }

    /**
     * The days of {@code [first, last]} whose trails answer behavioral questions: usable days with a
     * trail, and days without any event (nothing to read).
     */
    Set<LocalDate> trailDays(SiteId site, LocalDate first, LocalDate last) {
        return transaction("listing trails", connection -> usableDays(connection, key(site), first, last, Need.TRAIL));
    }

    /**
     * The opened trail files of days, the visits that a question's visit filters keep on them (null
     * without one) and the events meeting its property conditions (null without one).
     */
    record OpenedTrails(Map<LocalDate, TrailFiles.Opened> files, KeptVisits kept, PropertyEvents properties) {
    }

    /**
     * A question's instants and conditions, for the events of its trail days meeting its property
     * conditions; {@code withPaths} when a page filter tells events apart by their path.
     */
    record PropertyQuestion(Instant from, Instant until, List<StepCondition> conditions, boolean withPaths) {
    }

    /**
     * The files of the days' trails, opened in one transaction while their rows are current (so a
     * rebuild or erasure that deletes them afterwards does not take them from the caller, who
     * closes them), with the stored visits that {@code visitFilters} keep on those days and the
     * days' events meeting {@code properties}' conditions (when not null), read in the same
     * transaction; null when a day is no longer a trail day (or, with visit filters, has no stored
     * visits), its file is gone, or more events meet the property conditions than the limit
     * ({@link PropertyEvents#LIMIT}) or lack a visit id.
     */
    OpenedTrails openTrails(SiteId site, List<LocalDate> days, List<Filter> visitFilters, PropertyQuestion properties) {
        Instant from = days.getFirst().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = days.getLast().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        EventSurface.Write<OpenedTrails> work = (connection, events) -> {
            if (!usableDays(connection, key(site), days.getFirst(), days.getLast(), Need.TRAIL).containsAll(days)
                    || !visitFilters.isEmpty() && !usableDays(connection, key(site), days.getFirst(), days.getLast(), Need.VISITS).containsAll(days)) {
                return null;
            }
            KeptVisits kept = visitFilters.isEmpty() ? null : KeptVisits.read(connection, key(site), days, visitFilters);
            PropertyEvents matches = properties == null ? null : PropertyEvents.read(connection, events, site.value(),
                    properties.from().isAfter(from) ? properties.from() : from, properties.until().isBefore(until) ? properties.until() : until,
                    properties.conditions(), properties.withPaths(), propertyEventLimit);
            if (properties != null && matches == null) {
                return null;
            }
            Set<LocalDate> wanted = Set.copyOf(days);
            Map<LocalDate, TrailFiles.Opened> open = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT day, file, bytes, crc32c FROM rollup_trails WHERE site_id = ? AND day BETWEEN ? AND ?")) {
                bind(statement, key(site), days.getFirst(), days.getLast());
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        LocalDate day = row.getObject("day", LocalDate.class);
                        if (wanted.contains(day)) {
                            open.put(day, trails.open(new TrailFiles.Stored(row.getString("file"), row.getLong("bytes"), row.getLong("crc32c"))));
                        }
                    }
                }
            } catch (java.io.IOException gone) {
                open.values().forEach(TrailFiles.Opened::close);
                return null;
            }
            return new OpenedTrails(open, kept, matches);
        };
        // Only property conditions read events: the others spare building the events relation.
        return properties == null ? transaction("opening trails", connection -> work.run(connection, null))
                : writing("opening trails", new SiteWindow(site.value(), from, until), work);
    }

    /**
     * The visitors of the stored visits that {@code visitFilters} keep on {@code days}; null when a
     * day no longer has stored visits.
     */
    Long keptVisitors(SiteId site, List<LocalDate> days, List<Filter> visitFilters) {
        return transaction("counting stored visitors", connection ->
                usableDays(connection, key(site), days.getFirst(), days.getLast(), Need.VISITS).containsAll(days)
                        ? Long.valueOf(KeptVisits.visitors(connection, key(site), days, visitFilters)) : null);
    }

    /** Drops a day's rollup and trail (a damaged trail): the upkeep then rebuilds both. */
    void dropDay(SiteId site, LocalDate day) {
        List<String> files = transaction("dropping a damaged trail", connection -> {
            List<String> names = trailFiles(connection, "site_id = ? AND day = ?", key(site), day);
            for (String table : TABLES) {
                update(connection, "DELETE FROM " + table + " WHERE site_id = ? AND day = ?", key(site), day);
            }
            return names;
        });
        trails.delete(files);
    }

    /**
     * The days of {@code [first, last]} whose visits a question reads from {@code rollup_visits}:
     * usable days with stored visits, and days without any event (no visit to read).
     */
    Set<LocalDate> visitDays(SiteId site, LocalDate first, LocalDate last) {
        return transaction("listing stored visits", connection -> usableDays(connection, key(site), first, last, Need.VISITS));
    }

    @Override
    public Snapshot read(SiteId site, LocalDate first, LocalDate last, Dimension dimension) {
        return transaction("reading rollups", connection -> {
            Set<LocalDate> usable = usableDays(connection, key(site), first, last, Need.ROWS);
            RollupRows.Read found = RollupRows.read(connection, key(site), first, last, dimension, usable);
            return new Snapshot(Set.copyOf(usable), found.totals(), found.rows());
        });
    }

    /**
     * Parts that each lie within a different usable day need no look at their events: a usable day
     * is additive, its visitors occur on no other rolled-up day, so a part of it shares none with
     * the stored days or with a part of another such day. This is the common case of a site in a
     * zone off UTC, whose ranges begin and end inside rolled-up UTC days; it spares reading those
     * days' visitor ids on every question. Other parts are checked against their events.
     */
    @Override
    public boolean disjoint(StatsQuery query, List<StatsQuery.Clip> parts, Set<LocalDate> against) {
        return withinUsableDays(query.site(), parts) || VisitorOverlap.disjoint(surface, query, parts, against);
    }

    private boolean withinUsableDays(SiteId site, List<StatsQuery.Clip> parts) {
        Set<LocalDate> days = new HashSet<>();
        for (StatsQuery.Clip part : parts) {
            LocalDate day = part.from().atOffset(ZoneOffset.UTC).toLocalDate();
            if (part.until().isAfter(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()) || !days.add(day)) {
                return false;
            }
        }
        LocalDate first = days.stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate last = days.stream().max(LocalDate::compareTo).orElseThrow();
        return transaction("checking parts' days", connection -> usableDays(connection, key(site), first, last, Need.ROWS)).containsAll(days);
    }

    @Override
    public List<MissingSplit> missingSplits(SiteId site, ZoneId zone, int limit) {
        return transaction("listing days to split", connection -> RollupSplits.missing(connection, site, zone, basis, limit));
    }

    @Override
    public boolean saveSplit(MissingSplit split, Counts head, Counts tail) {
        return transaction("storing a rollup split", connection -> RollupSplits.save(connection, split, head, tail));
    }

    @Override
    public Map<LocalDate, Split> splits(SiteId site, LocalDate first, LocalDate last) {
        return transaction("reading rollup splits", connection -> RollupSplits.current(connection, site, first, last));
    }

    /** Also deletes the trail files of the dropped days, and any trail file no row names. */
    @Override
    public synchronized void dropOutdated() {
        String outdated = "SELECT r.site_id, r.day FROM rollup_days r LEFT JOIN (" + FINGERPRINTS + " GROUP BY 1, 2) c "
                + "ON c.site = r.site_id AND c.day = r.day WHERE c.fingerprint IS DISTINCT FROM r.fingerprint";
        List<String> dropped = transaction("dropping outdated rollups", connection -> {
            List<String> files = trailFiles(connection, "(site_id, day) IN (" + outdated + ")");
            for (String table : TABLES) {
                update(connection, "DELETE FROM " + table + " WHERE (site_id, day) IN (" + outdated + ")");
            }
            return files;
        });
        trails.delete(dropped);
        trails.sweep(Set.copyOf(transaction("listing trail files", connection -> trailFiles(connection, "true"))));
    }

    private static List<String> trailFiles(Connection connection, String where, Object... values) throws SQLException {
        List<String> files = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT file FROM rollup_trails WHERE " + where)) {
            bind(statement, values);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    files.add(row.getString("file"));
                }
            }
        }
        return files;
    }

    /** What a use of rolled-up days needs of each beyond its figures. */
    private enum Need {
        ROWS(""),
        TRAIL(" AND EXISTS (SELECT 1 FROM rollup_trails t WHERE t.site_id = r.site_id AND t.day = r.day)"),
        VISITS(" AND r.visits");

        private final String condition;

        Need(String condition) {
            this.condition = condition;
        }
    }

    /**
     * Days with a usable rollup (and what {@code need} names), and days without any event in
     * either tier (nothing to add).
     */
    private Set<LocalDate> usableDays(Connection connection, String site, LocalDate first, LocalDate last, Need need)
            throws SQLException {
        String sql = "WITH cur AS (" + FINGERPRINTS + " WHERE lower(site_id) = ? AND day BETWEEN ? AND ? GROUP BY 1, 2),\n"
                + "hot AS (" + hotDays(connection) + " WHERE lower(site_id) = ?)\n"
                + "SELECT d.day FROM (SELECT CAST(unnest(range(CAST(? AS DATE), CAST(? AS DATE) + 1, INTERVAL 1 DAY)) AS DATE) AS day) d\n"
                + "LEFT JOIN cur c ON c.day = d.day LEFT JOIN rollup_days r ON r.site_id = ? AND r.day = d.day\n"
                + "WHERE d.day NOT IN (SELECT day FROM hot) AND (c.day IS NULL OR (r.fingerprint = c.fingerprint AND r.basis = ? AND r.additive"
                + need.condition + "))";
        Set<LocalDate> usable = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, site, first, last, site, first, last, site, basis);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    usable.add(rows.getObject("day", LocalDate.class));
                }
            }
        }
        return usable;
    }

    /** Encodes the day's events per visitor ({@link DayTrail}) into a new trail file named in {@code rollup_trails}; returns its name. */
    private String writeTrail(DuckDBConnection connection, String events, String site, LocalDate day, SiteWindow window)
            throws SQLException {
        SqlParameters parameters = new SqlParameters();
        // event_id last: events at the same microsecond keep one order, whatever the question.
        String sql = "SELECT hash(visitor_id) AS vk, epoch_us(\"timestamp\") AS t, event_name, pathname, visit_id FROM " + events
                + " WHERE lower(site_id) = " + parameters.add(site) + " AND \"timestamp\" >= " + parameters.instant(window.from())
                + " AND \"timestamp\" < " + parameters.instant(window.until()) + " ORDER BY vk, t, event_id";
        DayTrail.Writer trail = new DayTrail.Writer(EpochMicros.of(window.from()));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                int visitor = row.findColumn("vk");
                int micros = row.findColumn("t");
                int name = row.findColumn("event_name");
                int path = row.findColumn("pathname");
                int visit = row.findColumn("visit_id");
                while (row.next()) {
                    long visitId = row.getLong(visit);
                    trail.add(row.getLong(visitor), row.getLong(micros), row.getString(name), row.getString(path), row.wasNull() ? null : visitId);
                }
            }
        }
        TrailFiles.Stored stored = trails.write(trail.finish());
        update(connection, "INSERT INTO rollup_trails VALUES (?, ?, ?, ?, ?)", site, day, stored.name(), stored.bytes(), stored.crc());
        return stored.name();
    }

    /**
     * Stores the day's visits in {@code rollup_visits} with every visit dimension, when each of its
     * events carries a visit id (events stored before visit ids existed number their visits per
     * question, which a stored row could not match); returns whether it did.
     */
    private boolean writeVisits(DuckDBConnection connection, String events, SiteId site, LocalDate day) throws SQLException {
        StatsQuery whole = new StatsQuery(site, ZoneOffset.UTC, new DateRange(day, day), Filters.NONE);
        VisitQuery visits = new VisitQuery(whole, visitTimeout, VISIT_DIMENSIONS);
        SqlParameters parameters = visits.parameters();
        String sql = "INSERT INTO rollup_visits BY NAME " + visits.with().replace("{events}", events) + "\nSELECT "
                + parameters.add(key(site)) + " AS site_id, CAST(" + parameters.add(day) + " AS DATE) AS day, * FROM visits "
                + "WHERE NOT EXISTS (SELECT 1 FROM scoped WHERE visit_id IS NULL)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.bind(statement);
            return statement.executeUpdate() > 0;
        }
    }

    /** Like {@link #transaction}, with the window's events as the relation {@code events}. */
    private <T> T writing(String what, SiteWindow window, EventSurface.Write<T> work) {
        try {
            return surface.write(window, work);
        } catch (SQLException e) {
            throw new StorageUnavailableException(what + " failed", e);
        }
    }

    /** One transaction over the rollup tables, the manifest and the hot table, as a reader of the surface; committed when work returns. */
    private <T> T transaction(String what, EventSurface.Transaction<T> work) {
        try {
            return surface.transaction(work);
        } catch (SQLException e) {
            throw new StorageUnavailableException(what + " failed", e);
        }
    }
}
