package io.mallard.postgres;

import io.mallard.application.storage.StorageUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Versioned schema changes of the metadata database, applied in order and recorded in
 * {@code schema_migrations}. Nodes starting together take turns: the whole run holds a transaction
 * advisory lock, so a migration is applied exactly once and a failed one leaves nothing behind.
 */
final class PostgresMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMigrations.class);
    /** The scripts under {@code io/mallard/postgres/migration}, oldest first; never edit a released one. */
    static final List<String> SCRIPTS = List.of("V1__metadata.sql");
    /** An arbitrary constant naming this lock among the database's advisory locks. */
    private static final long LOCK_KEY = 0x6d616c6c617264L;

    private PostgresMigrations() {
    }

    static void apply(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                statement.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
                int applied = appliedVersion(connection);
                if (applied > SCRIPTS.size()) {
                    throw new StorageUnavailableException("the metadata database is at schema version " + applied
                            + ", newer than this server knows (" + SCRIPTS.size() + "): run the same release on every node", null);
                }
                for (int version = applied + 1; version <= SCRIPTS.size(); version++) {
                    statement.execute(script(SCRIPTS.get(version - 1)));
                    try (PreparedStatement record = connection.prepareStatement("INSERT INTO schema_migrations (version) VALUES (?)")) {
                        record.setInt(1, version);
                        record.executeUpdate();
                    }
                    LOG.info("metadata database migrated to version {}", version);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageUnavailableException("cannot migrate the metadata database: " + e.getMessage(), e);
        }
    }

    private static int appliedVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_migrations")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static String script(String name) {
        try (InputStream in = PostgresMigrations.class.getResourceAsStream("migration/" + name)) {
            if (in == null) {
                throw new IllegalStateException("migration " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + name, e);
        }
    }
}
