package io.mallard.duckdb.metadata;

import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.duckdb.DuckDbDatabase;
import io.mallard.metadata.jdbc.JdbcMetadataStore;

import java.sql.SQLException;

/** Accounts, sessions, keys, sites, goals, shared links and segments in tables of the DuckDB file. */
public final class DuckDbMetadataStore extends JdbcMetadataStore {
    private final DuckDbDatabase database;
    private final boolean ownsDatabase;

    /** {@code ownsDatabase}: close the database with this store (false when the events engine shares it). */
    public DuckDbMetadataStore(DuckDbDatabase database, boolean ownsDatabase) {
        super(database::connect);
        this.database = database;
        this.ownsDatabase = ownsDatabase;
    }

    @Override
    public void close() {
        if (!ownsDatabase) {
            return;
        }
        try {
            database.checkpoint();
            database.close();
        } catch (SQLException e) {
            throw new StorageUnavailableException("cannot close the metadata database: " + e.getMessage(), e);
        }
    }
}
