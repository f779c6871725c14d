package io.mallard.duckdb;

import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.journal.OwnerOnly;
import org.duckdb.DuckDBConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The embedded database file {@code data_dir/mallard.duckdb}, migrated on open, with the hot tier
 * ({@link HotTable}) and the table functions that read events held in Java. Connections are duplicates of one root connection, so they
 * share one database instance (a second {@code DriverManager} connection to the same file from
 * this process would too, but an in-memory URL would not). Closing it closes the instance.
 */
public final class DuckDbDatabase implements AutoCloseable {
    public static final String FILE_NAME = "mallard.duckdb";
    /**
     * An in-memory database attached to every connection, for tables that live seconds (shared views
     * of the stats queries), never written to the database file.
     */
    public static final String SHARED_VIEWS = "shared_views";

    private final Path dataDir;
    private final DuckDBConnection root;
    private final Readers readers;
    private final EventBatches batches;
    private final HotTable hot;

    private DuckDbDatabase(Path dataDir, DuckDBConnection root, Readers readers, EventBatches batches, HotTable hot) {
        this.dataDir = dataDir;
        this.root = root;
        this.readers = readers;
        this.batches = batches;
        this.hot = hot;
    }

    /**
     * Opens (creating if needed) the database under {@code dataDir}.
     *
     * @param memoryLimit DuckDB's {@code memory_limit} setting, e.g. {@code 256MB}; null for DuckDB's default
     */
    public static DuckDbDatabase open(Path dataDir, String memoryLimit) {
        try {
            OwnerOnly.secureDataDirectory(dataDir);
            Properties properties = new Properties();
            if (memoryLimit != null) {
                properties.setProperty("memory_limit", memoryLimit);
            }
            properties.setProperty("autoload_known_extensions", "false");
            properties.setProperty("autoinstall_known_extensions", "false");
            Connection connection = DriverManager.getConnection("jdbc:duckdb:" + dataDir.resolve(FILE_NAME).toAbsolutePath(), properties);
            DuckDBConnection root = connection.unwrap(DuckDBConnection.class);
            OwnerOnly.restrict(dataDir.resolve(FILE_NAME));
            Migrations.migrate(root);
            try (Statement statement = root.createStatement()) {
                statement.execute("ATTACH ':memory:' AS " + SHARED_VIEWS);
            }
            Readers readers = new Readers();
            EventBatches batches = new EventBatches();
            batches.register(root);
            return new DuckDbDatabase(dataDir, root, readers, batches, HotTable.create(root, readers));
        } catch (SQLException | java.io.IOException e) {
            throw new StorageUnavailableException("cannot open the database in " + dataDir + ": " + e.getMessage(), e);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Whether the database is still open (not yet {@link #close closed}). */
    public boolean isOpen() {
        try {
            return !root.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    /** A new connection to the shared instance; the caller closes it. */
    public DuckDBConnection connect() throws SQLException {
        return (DuckDBConnection) root.duplicate();
    }

    /** The hot tier's table. */
    public HotTable hot() {
        return hot;
    }

    /** The queries reading the event surface (what may be removed from under them, and when). */
    Readers readers() {
        return readers;
    }

    /** Lists of events offered to SQL as {@code mallard_events(batch)}. */
    EventBatches batches() {
        return batches;
    }

    /** Writes the WAL into the database file (used before a clean shutdown). */
    public void checkpoint() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CHECKPOINT");
        }
    }

    @Override
    public void close() throws SQLException {
        root.close();
    }
}
