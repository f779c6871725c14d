package io.mallard.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.metadata.jdbc.JdbcMetadataStore;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Accounts, sessions, keys, sites, goals, shared links and segments on PostgreSQL, through a small
 * connection pool: the store several nodes share ({@link #shared()}). Every write to what nodes
 * mirror bumps {@code metadata_generation} in its own transaction (triggers, migration V1), which
 * {@link #generation()} reads.
 */
public final class PostgresMetadataStore extends JdbcMetadataStore {
    private static final int POOL_SIZE = 8;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HikariDataSource pool;

    private PostgresMetadataStore(HikariDataSource pool) {
        super(pool::getConnection);
        this.pool = pool;
    }

    /**
     * Connects to {@code url} and brings its schema up to date; {@link StorageUnavailableException}
     * naming the server (never the URL's credentials) when it cannot be reached.
     */
    public static PostgresMetadataStore open(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setPoolName("mallard-metadata");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        config.setInitializationFailTimeout(CONNECT_TIMEOUT.toMillis());
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StorageUnavailableException("cannot connect to the metadata database at " + PostgresUrls.withoutCredentials(url)
                    + ": " + rootMessage(e), e);
        }
        try {
            PostgresMigrations.apply(pool);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new PostgresMetadataStore(pool);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public long generation() {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT value FROM metadata_generation WHERE id = 1")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new StorageUnavailableException("metadata generation failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
