package io.mallard.duckdb;

import io.mallard.application.erasure.EventEraser.Erased;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.application.storage.TieredStorage;
import io.mallard.domain.event.SiteId;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Hot → cold moves over DuckDB and Parquet, each committed with its manifest change in one DuckDB
 * transaction (see {@code V2__cold_files.sql}). A crash before the commit leaves an unlisted file
 * that {@link #reconcile()} deletes at startup, and the events still in the hot table; a crash
 * after leaves a complete move. Either way each event is counted exactly once.
 *
 * <p>Moves are serialised by this object's monitor; appends and queries run alongside.
 */
public final class DuckDbTieredStorage implements TieredStorage {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbTieredStorage.class);

    private final DuckDbDatabase database;
    private final ColdLayout layout;
    private final ColdFiles coldFiles;
    private final EventSurface surface;
    private final ColdFileWriter writer;

    public DuckDbTieredStorage(DuckDbDatabase database, long fileSequenceSeed) {
        this.database = database;
        this.layout = new ColdLayout(database.dataDir());
        this.coldFiles = new ColdFiles();
        this.surface = new EventSurface(database, layout, coldFiles);
        this.writer = new ColdFileWriter(layout, fileSequenceSeed);
    }

    public EventSurface surface() {
        return surface;
    }

    @Override
    public long hotEventCount() {
        return count("count-hot");
    }

    /** Events in the manifest's Parquet files. */
    public long coldEventCount() {
        return count("count-cold");
    }

    @Override
    public synchronized MoveReport flushToCold() {
        try (DuckDBConnection connection = database.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(Sql.named("snapshot-hot"));
                List<Partition> partitions = movingPartitions(statement);
                if (partitions.isEmpty()) {
                    connection.rollback();
                    return MoveReport.NOTHING;
                }
                long moved = 0;
                for (Partition partition : partitions) {
                    writer.write(connection, partition.site(), partition.day(), "SELECT " + EventColumns.SELECT_LIST
                            + " FROM moving WHERE site_id = '" + partition.site().value()
                            + "' AND CAST(\"timestamp\" AS DATE) = DATE '" + partition.day() + "'", partition.events());
                    moved += partition.events();
                }
                statement.execute(Sql.named("delete-moved"));
                connection.commit();
                statement.execute("DROP TABLE IF EXISTS moving");
                return new MoveReport(moved, partitions.size(), 0);
            } catch (SQLException | IOException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new StorageUnavailableException("flush to Parquet failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized MoveReport compactBefore(LocalDate firstOpenDay) {
        long events = 0;
        int written = 0;
        int deleted = 0;
        try (DuckDBConnection connection = database.connect()) {
            for (Compactable partition : compactable(connection, firstOpenDay)) {
                connection.setAutoCommit(false);
                try {
                    writer.write(connection, partition.site(), partition.day(), surface.coldRows(partition.paths(), "true"),
                            partition.events());
                    try (PreparedStatement delete = connection.prepareStatement(Sql.named("delete-cold-file"))) {
                        for (String old : partition.paths()) {
                            delete.setString(1, old);
                            delete.addBatch();
                        }
                        delete.executeBatch();
                    }
                    connection.commit();
                } catch (SQLException | IOException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
                coldFiles.deleteExclusively(layout, partition.paths());
                events += partition.events();
                written++;
                deleted += partition.paths().size();
            }
            return new MoveReport(events, written, deleted);
        } catch (SQLException | IOException e) {
            throw new StorageUnavailableException("compaction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized MoveReport deleteBefore(LocalDate cutoff) {
        List<String> expired = new ArrayList<>();
        long events = 0;
        try (DuckDBConnection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement select = connection.prepareStatement(Sql.named("expired-cold-files"))) {
                    select.setDate(1, Date.valueOf(cutoff));
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            expired.add(rows.getString(1));
                            events += rows.getLong(2);
                        }
                    }
                }
                try (PreparedStatement delete = connection.prepareStatement(Sql.named("delete-cold-file"))) {
                    for (String path : expired) {
                        delete.setString(1, path);
                        delete.addBatch();
                    }
                    if (!expired.isEmpty()) {
                        delete.executeBatch();
                    }
                }
                try (PreparedStatement deleteHot = connection.prepareStatement(Sql.named("delete-expired-hot"))) {
                    deleteHot.setTimestamp(1, Timestamp.valueOf(cutoff.atStartOfDay()));
                    events += deleteHot.executeUpdate();
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageUnavailableException("retention cleanup failed: " + e.getMessage(), e);
        }
        coldFiles.deleteExclusively(layout, expired);
        return new MoveReport(events, 0, expired.size());
    }

    /**
     * Deletes a site's events in {@code [from, until)} from the hot table and the cold files in one
     * transaction, then removes the replaced files and checkpoints, so the database's write-ahead
     * log no longer holds the deleted rows either.
     */
    public synchronized Erased erase(SiteId site, Instant from, Instant until) {
        RangeErasure.Result result;
        try (DuckDBConnection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                result = new RangeErasure(writer, surface).run(connection, site, from, until);
                connection.commit();
            } catch (SQLException | IOException e) {
                connection.rollback();
                throw e;
            }
            coldFiles.deleteExclusively(layout, result.replacedFiles());
        } catch (SQLException | IOException e) {
            throw new StorageUnavailableException("erasure failed: " + e.getMessage(), e);
        }
        try {
            database.checkpoint();
        } catch (SQLException e) {
            LOG.warn("checkpoint after an erasure failed (the next automatic checkpoint clears the log): {}", e.getMessage());
        }
        return result.erased();
    }

    /**
     * Startup check after a crash: deletes Parquet files the manifest does not list (an interrupted
     * flush or compaction: their events are still in the hot table or the old files), and drops
     * manifest rows whose file has vanished so queries keep working (logged as an error: that data
     * was removed outside the server).
     */
    public synchronized int reconcile() {
        try (DuckDBConnection connection = database.connect()) {
            Set<String> listed = new HashSet<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(Sql.named("select-cold-files"))) {
                while (rows.next()) {
                    listed.add(rows.getString(1));
                }
            }
            List<String> onDisk = layout.filesOnDisk();
            List<String> orphans = onDisk.stream().filter(path -> !listed.contains(path)).toList();
            coldFiles.deleteExclusively(layout, orphans);
            Set<String> present = new HashSet<>(onDisk);
            try (PreparedStatement delete = connection.prepareStatement(Sql.named("delete-cold-file"))) {
                for (String path : listed) {
                    if (!present.contains(path)) {
                        LOG.error("cold file {} is listed but missing; its events are no longer queryable", path);
                        delete.setString(1, path);
                        delete.executeUpdate();
                    }
                }
            }
            return orphans.size();
        } catch (SQLException | IOException e) {
            throw new StorageUnavailableException("cannot reconcile cold files: " + e.getMessage(), e);
        }
    }

    private record Partition(SiteId site, LocalDate day, long events) {
    }

    private record Compactable(SiteId site, LocalDate day, List<String> paths, long events) {
    }

    private static List<Partition> movingPartitions(Statement statement) throws SQLException {
        List<Partition> partitions = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(Sql.named("moving-partitions"))) {
            while (rows.next()) {
                partitions.add(new Partition(new SiteId(rows.getString(1)), rows.getObject(2, LocalDate.class), rows.getLong(3)));
            }
        }
        return partitions;
    }

    private static List<Compactable> compactable(Connection connection, LocalDate before) throws SQLException {
        List<Compactable> partitions = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(Sql.named("compactable-partitions"))) {
            select.setDate(1, Date.valueOf(before));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Array paths = rows.getArray(3);
                    List<String> list = new ArrayList<>();
                    for (Object path : (Object[]) paths.getArray()) {
                        list.add((String) path);
                    }
                    partitions.add(new Compactable(new SiteId(rows.getString(1)), rows.getObject(2, LocalDate.class), list, rows.getLong(4)));
                }
            }
        }
        return partitions;
    }

    private long count(String query) {
        try (DuckDBConnection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(Sql.named(query))) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new StorageUnavailableException("count failed: " + e.getMessage(), e);
        }
    }
}
