package io.mallard.duckdb.stats;

import io.mallard.application.stats.BreakdownRow;
import io.mallard.application.stats.DayRollup;
import io.mallard.application.stats.PageEngagement;
import io.mallard.application.stats.RollupStore;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.stats.Totals;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.event.EpochMicros;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.Dimension;
import io.mallard.duckdb.DuckDbDatabase;
import io.mallard.duckdb.EventSurface.SiteWindow;
import io.mallard.duckdb.EventSurface;
import io.mallard.duckdb.HotTable;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link RollupStore} in the tables of migration V10, beside the cold-file manifest in the same
 * DuckDB database.
 *
 * <p>A day's <em>fingerprint</em> is a digest of its manifest rows (path, event count, creation
 * time): every flush, compaction, erasure or retention that touches the day's Parquet files changes
 * it, and a day with events still in the hot table is never used. The <em>basis</em> names what else
 * the figures depend on (this class's version of them and the visit timeout), so a changed setting
 * or an upgrade rebuilds every day. Site ids are stored lower-cased, as the queries compare them.
 */
public final class DuckDbRollupStore implements RollupStore {
    /** Raise when the figures a day's rollup holds change meaning: every day is rebuilt. */
    private static final int VERSION = 2;
    private static final String TOTALS = "";
    private static final List<String> TABLES = List.of("rollup_rows", "rollup_visitors", "rollup_splits", "rollup_trails", "rollup_days");

    private static final String FINGERPRINTS = "SELECT lower(site_id) AS site, day, md5(string_agg(path || ':' || events || ':' || "
            + "CAST(created_at AS VARCHAR), ',' ORDER BY path)) AS fingerprint FROM cold_files";

    private final DuckDbDatabase database;
    private final EventSurface surface;
    private final String basis;
    private final TrailFiles trails;

    public DuckDbRollupStore(DuckDbDatabase database, EventSurface surface, Duration visitTimeout) {
        this.database = database;
        this.surface = surface;
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
                        stale.add(new StaleDay(new SiteId(rows.getString(1)), rows.getObject(2, LocalDate.class), rows.getString(3)));
                    }
                }
            }
            return stale;
        });
    }

    /** Synchronized with {@link #dropOutdated}, whose sweep must not meet a trail file not yet committed. */
    @Override
    public synchronized boolean save(StaleDay day, DayRollup rollup) {
        String site = day.site().value().toLowerCase(java.util.Locale.ROOT);
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
                appendRows(connection, site, day.day(), rollup);
                written.add(writeTrail(connection, events, site, day.day(), window));
                List<LocalDate> sharing = daysSharingVisitors(connection, site, day.day());
                for (LocalDate other : sharing) {
                    update(connection, "UPDATE rollup_days SET additive = false WHERE site_id = ? AND day = ?", site, other);
                }
                update(connection, "INSERT INTO rollup_days VALUES (?, ?, ?, ?, ?, ?)", site, day.day(), day.fingerprint(), basis,
                        sharing.isEmpty(), LocalDateTime.now(ZoneOffset.UTC));
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
        return transaction("listing trails", connection -> usableDays(connection, key(site), first, last, true));
    }

    /**
     * The files of the days' trails, opened in one transaction while their rows are current (so a
     * rebuild or erasure that deletes them afterwards does not take them from the caller, who
     * closes them); null when a day is no longer a trail day or its file is gone.
     */
    Map<LocalDate, TrailFiles.Opened> openTrails(SiteId site, List<LocalDate> days) {
        return transaction("opening trails", connection -> {
            if (!usableDays(connection, key(site), days.getFirst(), days.getLast(), true).containsAll(days)) {
                return null;
            }
            Set<LocalDate> wanted = Set.copyOf(days);
            Map<LocalDate, TrailFiles.Opened> open = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT day, file, bytes, crc32c FROM rollup_trails WHERE site_id = ? AND day BETWEEN ? AND ?")) {
                bind(statement, key(site), days.getFirst(), days.getLast());
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        LocalDate day = row.getObject(1, LocalDate.class);
                        if (wanted.contains(day)) {
                            open.put(day, trails.open(new TrailFiles.Stored(row.getString(2), row.getLong(3), row.getLong(4))));
                        }
                    }
                }
            } catch (java.io.IOException gone) {
                open.values().forEach(TrailFiles.Opened::close);
                return null;
            }
            return open;
        });
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

    @Override
    public Snapshot read(SiteId site, LocalDate first, LocalDate last, Dimension dimension) {
        String key = site.value().toLowerCase(java.util.Locale.ROOT);
        return transaction("reading rollups", connection -> {
            Set<LocalDate> usable = usableDays(connection, key, first, last, false);
            Map<LocalDate, Totals> totals = new HashMap<>();
            Map<String, BreakdownRow> rows = new HashMap<>();
            String sql = "SELECT day, dimension, value, visitors, visits, pageviews, events, bounces, visit_pageviews, visit_seconds, "
                    + "engaged_ms, page_visitors, depth_sum, revenue FROM rollup_rows WHERE site_id = ? AND day BETWEEN ? AND ? "
                    + "AND dimension IN (?, ?)";
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, key);
                statement.setObject(2, first);
                statement.setObject(3, last);
                statement.setString(4, TOTALS);
                statement.setString(5, dimension == null ? TOTALS : dimension.name());
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        LocalDate day = row.getObject(1, LocalDate.class);
                        if (!usable.contains(day)) {
                            continue;
                        }
                        PageEngagement engagement = new PageEngagement(row.getLong(11), row.getLong(12), row.getLong(13));
                        if (TOTALS.equals(row.getString(2))) {
                            totals.put(day, new Totals(row.getLong(4), row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8),
                                    row.getLong(9), row.getDouble(10), engagement));
                        } else {
                            BreakdownRow found = new BreakdownRow(row.getString(3), row.getLong(4), row.getLong(5), row.getLong(6),
                                    row.getLong(7), row.getLong(8), revenueOf(row.getString(14)), engagement);
                            rows.merge(found.value(), found, BreakdownRow::plus);
                        }
                    }
                }
            }
            return new Snapshot(Set.copyOf(usable), Map.copyOf(totals), List.copyOf(rows.values()));
        });
    }

    @Override
    public boolean disjoint(StatsQuery query, List<StatsQuery.Clip> parts, Set<LocalDate> against) {
        SqlParameters parameters = new SqlParameters();
        String site = query.site().value().toLowerCase(java.util.Locale.ROOT);
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
                .append(" AND ").append(against.isEmpty() ? "false" : "day IN (SELECT unnest(CAST(string_split("
                        + parameters.add(String.join(",", against.stream().map(LocalDate::toString).toList())) + ", ',') AS DATE[])))")
                .append("))");
        SiteWindow window = new SiteWindow(site, parts.getFirst().from(), parts.getLast().until());
        try {
            return surface.query(sql.toString(), window, parameters::bind, row -> row.getLong(1)).getFirst() == 0;
        } catch (SQLException e) {
            throw new StorageUnavailableException("checking rollup parts for shared visitors failed", e);
        }
    }

    @Override
    public List<MissingSplit> missingSplits(SiteId site, java.time.ZoneId zone, int limit) {
        String key = site.value().toLowerCase(java.util.Locale.ROOT);
        String sql = "SELECT r.day, r.fingerprint, s.split_at FROM rollup_days r LEFT JOIN rollup_splits s "
                + "ON s.site_id = r.site_id AND s.day = r.day AND s.fingerprint = r.fingerprint "
                + "WHERE r.site_id = ? AND r.additive AND r.basis = ? ORDER BY r.day DESC";
        return transaction("listing days to split", connection -> {
            List<MissingSplit> missing = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, key, basis);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next() && missing.size() < limit) {
                        LocalDate day = rows.getObject(1, LocalDate.class);
                        Instant at = zoneDayStartWithin(day, zone);
                        LocalDateTime stored = rows.getObject(3, LocalDateTime.class);
                        if (at != null && (stored == null || !stored.toInstant(ZoneOffset.UTC).equals(at))) {
                            missing.add(new MissingSplit(site, day, at, rows.getString(2)));
                        }
                    }
                }
            }
            return missing;
        });
    }

    @Override
    public boolean saveSplit(MissingSplit split, Counts head, Counts tail) {
        String key = split.site().value().toLowerCase(java.util.Locale.ROOT);
        return transaction("storing a rollup split", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT fingerprint FROM rollup_days WHERE site_id = ? AND day = ?")) {
                bind(statement, key, split.day());
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next() || !split.fingerprint().equals(row.getString(1))) {
                        return false;
                    }
                }
            }
            update(connection, "DELETE FROM rollup_splits WHERE site_id = ? AND day = ?", key, split.day());
            update(connection, "INSERT INTO rollup_splits VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", key, split.day(), LocalDateTime.ofInstant(split.at(), ZoneOffset.UTC),
                    split.fingerprint(), head.visitors(), head.visits(), head.pageviews(), tail.visitors(), tail.visits(), tail.pageviews());
            return true;
        });
    }

    @Override
    public Map<LocalDate, Split> splits(SiteId site, LocalDate first, LocalDate last) {
        String sql = "SELECT s.day, s.split_at, s.head_visitors, s.head_visits, s.head_pageviews, s.tail_visitors, s.tail_visits, "
                + "s.tail_pageviews FROM rollup_splits s JOIN rollup_days r ON r.site_id = s.site_id AND r.day = s.day "
                + "AND r.fingerprint = s.fingerprint WHERE s.site_id = ? AND s.day BETWEEN ? AND ?";
        return transaction("reading rollup splits", connection -> {
            Map<LocalDate, Split> splits = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, site.value().toLowerCase(java.util.Locale.ROOT), first, last);
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        splits.put(row.getObject(1, LocalDate.class), new Split(row.getObject(2, LocalDateTime.class).toInstant(ZoneOffset.UTC),
                                new Counts(row.getLong(3), row.getLong(4), row.getLong(5)), new Counts(row.getLong(6), row.getLong(7), row.getLong(8))));
                    }
                }
            }
            return Map.copyOf(splits);
        });
    }

    /** The instant strictly inside UTC {@code day} where a day of {@code zone} begins; null when none does. */
    static Instant zoneDayStartWithin(LocalDate day, java.time.ZoneId zone) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = start.plus(Duration.ofDays(1));
        for (LocalDate local = day.minusDays(1); !local.isAfter(day.plusDays(1)); local = local.plusDays(1)) {
            Instant localStart = local.atStartOfDay(zone).toInstant();
            if (localStart.isAfter(start) && localStart.isBefore(end)) {
                return localStart;
            }
        }
        return null;
    }

    /** The condition that an event lies in {@code part}, its bounds added to {@code parameters}. */
    private static String within(StatsQuery.Clip part, SqlParameters parameters) {
        return "\"timestamp\" >= " + parameters.instant(part.from()) + " AND \"timestamp\" < " + parameters.instant(part.until());
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
                    files.add(row.getString(1));
                }
            }
        }
        return files;
    }

    /**
     * Days with a usable rollup (and a trail, if {@code withTrail}), and days without any event in
     * either tier (nothing to add).
     */
    private Set<LocalDate> usableDays(Connection connection, String site, LocalDate first, LocalDate last, boolean withTrail)
            throws SQLException {
        String sql = "WITH cur AS (" + FINGERPRINTS + " WHERE lower(site_id) = ? AND day BETWEEN ? AND ? GROUP BY 1, 2),\n"
                + "hot AS (" + hotDays(connection) + " WHERE lower(site_id) = ?)\n"
                + "SELECT d.day FROM (SELECT CAST(unnest(range(CAST(? AS DATE), CAST(? AS DATE) + 1, INTERVAL 1 DAY)) AS DATE) AS day) d\n"
                + "LEFT JOIN cur c ON c.day = d.day LEFT JOIN rollup_days r ON r.site_id = ? AND r.day = d.day\n"
                + "WHERE d.day NOT IN (SELECT day FROM hot) AND (c.day IS NULL OR (r.fingerprint = c.fingerprint AND r.basis = ? AND r.additive"
                + (withTrail ? " AND EXISTS (SELECT 1 FROM rollup_trails t WHERE t.site_id = r.site_id AND t.day = r.day)" : "") + "))";
        Set<LocalDate> usable = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, site, first, last, site, first, last, site, basis);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    usable.add(rows.getObject(1, LocalDate.class));
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
        String sql = "SELECT hash(visitor_id) AS vk, epoch_us(\"timestamp\") AS t, event_name, pathname FROM " + events
                + " WHERE lower(site_id) = " + parameters.add(site) + " AND \"timestamp\" >= " + parameters.instant(window.from())
                + " AND \"timestamp\" < " + parameters.instant(window.until()) + " ORDER BY vk, t, event_id";
        DayTrail.Writer trail = new DayTrail.Writer(EpochMicros.of(window.from()));
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    trail.add(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4));
                }
            }
        }
        TrailFiles.Stored stored = trails.write(trail.finish());
        update(connection, "INSERT INTO rollup_trails VALUES (?, ?, ?, ?, ?)", site, day, stored.name(), stored.bytes(), stored.crc());
        return stored.name();
    }

    /** The sites and UTC days of the hot events {@code connection}'s transaction sees. */
    private static String hotDays(Connection connection) throws SQLException {
        return "SELECT DISTINCT lower(site_id) AS site, CAST(\"timestamp\" AS DATE) AS day FROM " + HotTable.visible(connection);
    }

    private static String key(SiteId site) {
        return site.value().toLowerCase(java.util.Locale.ROOT);
    }

    private static String currentFingerprint(Connection connection, String site, LocalDate day) throws SQLException {
        String sql = "SELECT (SELECT fingerprint FROM (" + FINGERPRINTS + " WHERE lower(site_id) = ? AND day = ? GROUP BY 1, 2)), "
                + "(SELECT count(*) FROM " + HotTable.visible(connection) + " WHERE lower(site_id) = ? AND CAST(\"timestamp\" AS DATE) = ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, site, day, site, day);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(2) == 0 ? row.getString(1) : null;
            }
        }
    }

    private static List<LocalDate> daysSharingVisitors(Connection connection, String site, LocalDate day) throws SQLException {
        String sql = "SELECT DISTINCT day FROM rollup_visitors WHERE site_id = ? AND day <> ? "
                + "AND vk IN (SELECT vk FROM rollup_visitors WHERE site_id = ? AND day = ?) ORDER BY day";
        List<LocalDate> days = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, site, day, site, day);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    days.add(rows.getObject(1, LocalDate.class));
                }
            }
        }
        return days;
    }

    private static void appendRows(DuckDBConnection connection, String site, LocalDate day, DayRollup rollup) throws SQLException {
        try (DuckDBAppender appender = connection.createAppender("rollup_rows")) {
            Totals totals = rollup.totals();
            append(appender, site, day, TOTALS, "", totals.visitors(), totals.visits(), totals.pageviews(), totals.events(),
                    totals.bounces(), totals.visitPageviews(), totals.visitSeconds(), totals.engagement(), "");
            for (Map.Entry<Dimension, List<BreakdownRow>> entry : rollup.rows().entrySet()) {
                for (BreakdownRow row : entry.getValue()) {
                    append(appender, site, day, entry.getKey().name(), row.value(), row.visitors(), row.visits(), row.pageviews(),
                            row.events(), row.bounces(), 0, 0, row.engagement(), revenueText(row.revenue()));
                }
            }
        }
    }

    private static void append(DuckDBAppender appender, String site, LocalDate day, String dimension, String value, long visitors,
                               long visits, long pageviews, long events, long bounces, long visitPageviews, double visitSeconds,
                               PageEngagement engagement, String revenue) throws SQLException {
        appender.beginRow();
        appender.append(site).append(day).append(dimension).append(value).append(visitors).append(visits).append(pageviews)
                .append(events).append(bounces).append(visitPageviews).append(visitSeconds).append(engagement.engagedMillis())
                .append(engagement.pageVisitors()).append(engagement.depthSum()).append(revenue);
        appender.endRow();
    }

    /** {@code "EUR 12.50;USD 3.00"}: currencies are validated ISO 4217 codes, amounts plain decimals. */
    static String revenueText(List<BreakdownRow.Amount> revenue) {
        return String.join(";", revenue.stream().map(amount -> amount.currency() + " " + amount.amount().toPlainString()).toList());
    }

    static List<BreakdownRow.Amount> revenueOf(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<BreakdownRow.Amount> amounts = new ArrayList<>();
        for (String pair : text.split(";")) {
            int space = pair.indexOf(' ');
            amounts.add(new BreakdownRow.Amount(pair.substring(0, space), new BigDecimal(pair.substring(space + 1))));
        }
        return amounts;
    }

    private static void update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
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
