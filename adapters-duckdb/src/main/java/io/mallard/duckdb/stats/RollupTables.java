package io.mallard.duckdb.stats;

import io.mallard.domain.event.SiteId;
import io.mallard.duckdb.HotTable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * What the rollup classes share about the tables of migrations V10-V12 and V15: their names, how a site is
 * keyed (lower-cased, as queries compare sites), the days' fingerprints and statement helpers.
 */
final class RollupTables {
    /** Every table holding something of a rolled-up day. */
    static final List<String> TABLES = List.of("rollup_rows", "rollup_visitors", "rollup_visits", "rollup_splits", "rollup_trails", "rollup_days");
    /**
     * Per site and UTC day, a digest of its manifest rows (path, event count, creation time): every
     * flush, compaction, erasure or retention touching the day's files changes it. Append
     * {@code WHERE ...} and {@code GROUP BY 1, 2}.
     */
    static final String FINGERPRINTS = "SELECT lower(site_id) AS site, day, md5(string_agg(path || ':' || events || ':' || "
            + "CAST(created_at AS VARCHAR), ',' ORDER BY path)) AS fingerprint FROM cold_files";

    private RollupTables() {
    }

    static String key(SiteId site) {
        return site.value().toLowerCase(Locale.ROOT);
    }

    /** The sites and UTC days of the hot events {@code connection}'s transaction sees. */
    static String hotDays(Connection connection) throws SQLException {
        return "SELECT DISTINCT lower(site_id) AS site, CAST(\"timestamp\" AS DATE) AS day FROM " + HotTable.visible(connection);
    }

    /** The day's fingerprint now, or null while some of its events are still in the hot tier. */
    static String currentFingerprint(Connection connection, String site, LocalDate day) throws SQLException {
        String sql = "SELECT (SELECT fingerprint FROM (" + FINGERPRINTS + " WHERE lower(site_id) = ? AND day = ? GROUP BY 1, 2)) AS fingerprint, "
                + "(SELECT count(*) FROM " + HotTable.visible(connection) + " WHERE lower(site_id) = ? AND CAST(\"timestamp\" AS DATE) = ?) AS hot";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, site, day, site, day);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong("hot") == 0 ? row.getString("fingerprint") : null;
            }
        }
    }

    static void update(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            statement.executeUpdate();
        }
    }

    static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }
}
