package io.mallard.duckdb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema migrations: {@code migration/V<n>__<name>.sql}, applied in order, each in its
 * own transaction together with its row in {@code schema_version}. A database newer than this
 * build refuses to open (no silent downgrade).
 */
final class Migrations {
    static final List<String> SCRIPTS = List.of("V1__events.sql", "V2__cold_files.sql", "V3__journal_position.sql", "V4__accounts.sql", "V5__load_staging.sql",
            "V6__sites.sql", "V7__goals.sql", "V8__engagement.sql", "V9__visit_id.sql", "V10__rollups.sql",
            "V11__rollup_splits.sql", "V12__rollup_trails.sql", "V13__hot_tier_in_memory.sql",
            "V14__cold_file_layout.sql", "V15__rollup_visits.sql", "V16__shares_and_segments.sql");

    private Migrations() {
    }

    static int migrate(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)");
        }
        int current = currentVersion(connection);
        if (current > SCRIPTS.size()) {
            throw new SQLException("database schema version " + current + " is newer than this build supports ("
                    + SCRIPTS.size() + "); upgrade Mallard Metrics");
        }
        for (int version = current + 1; version <= SCRIPTS.size(); version++) {
            apply(connection, version, Sql.resource("migration/" + SCRIPTS.get(version - 1)));
        }
        return SCRIPTS.size();
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static boolean isOnlyComments(String sql) {
        return sql.lines().map(String::strip).allMatch(line -> line.isEmpty() || line.startsWith("--"));
    }

    private static void apply(Connection connection, int version, String script) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : script.split(";")) {
                if (!isOnlyComments(sql)) {
                    statement.execute(sql);
                }
            }
            statement.execute("INSERT INTO schema_version VALUES (" + version + ", now())");
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
