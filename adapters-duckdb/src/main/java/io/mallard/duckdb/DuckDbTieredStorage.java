package io.mallard.duckdb;

import io.mallard.application.erasure.EventEraser.Erased;
import io.mallard.application.storage.DataDamage;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.duckdb.TieredStorage;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.SiteId;
import io.mallard.duckdb.journal.JournalPosition;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Moves between the tiers over DuckDB and Parquet, each committed with its manifest change in one
 * DuckDB transaction (see {@code V2__cold_files.sql}). A crash before the commit leaves an unlisted
 * file that {@link #reconcile()} deletes at startup and the events where they were (the journal,
 * for hot events); a crash after leaves a complete move. Either way each event is counted exactly
 * once.
 *
 * <p>Moves are serialised by this object's monitor; appends and queries run alongside.
 */
public final class DuckDbTieredStorage implements TieredStorage {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbTieredStorage.class);
    private static final String PARTITIONS = "SELECT site_id, CAST(\"timestamp\" AS DATE) AS day, count(*) AS events FROM %s "
            + "GROUP BY ALL ORDER BY site_id, day";

    private final DuckDbDatabase database;
    private final HotTable hot;
    private final Readers readers;
    private final ColdLayout layout;
    private final EventSurface surface;
    private final ColdFileWriter writer;
    private final ColdQuarantine quarantine;

    public DuckDbTieredStorage(DuckDbDatabase database, long fileSequenceSeed) {
        this(database, fileSequenceSeed, new DataDamage());
    }

    /** Damaged cold files found by queries, moves or checks are set aside and reported to {@code damage}. */
    public DuckDbTieredStorage(DuckDbDatabase database, long fileSequenceSeed, DataDamage damage) {
        this.database = database;
        this.hot = database.hot();
        this.readers = database.readers();
        this.layout = new ColdLayout(database.dataDir());
        this.quarantine = new ColdQuarantine(database, layout, damage, this);
        this.surface = new EventSurface(database, layout, quarantine);
        this.writer = new ColdFileWriter(layout, fileSequenceSeed);
    }

    /**
     * Startup check of the cold files (their Parquet framing; files set aside by earlier runs are
     * reported again). Returns the files set aside now.
     */
    public int checkColdFiles() {
        return quarantine.checkAtStartup();
    }

    /** Reads one more cold file in full, setting it aside if damaged; false once every file was read since start. */
    public boolean verifyNextColdFile() {
        return quarantine.verifyNext();
    }

    public EventSurface surface() {
        return surface;
    }

    @Override
    public long hotEventCount() {
        return hot.waiting();
    }

    /** Events in the manifest's Parquet files. */
    public long coldEventCount() {
        return count(Sql.named("count-cold"));
    }

    /**
     * Moves every hot event loaded so far to Parquet: one new file per site and UTC day, listed in
     * the manifest in the transaction that records the journal position the move reaches, after
     * which queries skip those hot events and the journal drops the segments before it.
     */
    @Override
    public synchronized MoveReport flushToCold() {
        hot.deleteReleased();
        JournalPosition through = hot.loadedThrough();
        MoveReport report;
        try (DuckDBConnection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                JournalPosition flushed = HotTable.flushedThrough(connection);
                if (through.compareTo(flushed) <= 0) {
                    connection.rollback();
                    return MoveReport.NOTHING;
                }
                report = writePartitions(connection, hot.between(flushed, through), ColdFileWriter.Layout.FLUSHED);
                try (PreparedStatement update = connection.prepareStatement(Sql.named("update-journal-position"))) {
                    update.setLong(1, through.segment());
                    update.setLong(2, through.offset());
                    update.executeUpdate();
                }
                connection.commit();
            } catch (SQLException | IOException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new StorageUnavailableException("flush to Parquet failed: " + e.getMessage(), e);
        }
        hot.moved(through, readers.endEpoch());
        return report;
    }

    /**
     * Writes events straight to Parquet, bypassing the journal and the hot tier: one file per site
     * and UTC day, listed in one transaction. For bulk loads such as the traffic generator, where a
     * run that crashes is simply run again.
     */
    public synchronized MoveReport writeCold(List<Event> events) {
        try (DuckDBConnection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                MoveReport report = writePartitions(connection, events, ColdFileWriter.Layout.OPTIMIZED);
                connection.commit();
                return report;
            } catch (SQLException | IOException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw new StorageUnavailableException("writing events to Parquet failed: " + e.getMessage(), e);
        }
    }

    /** Writes the events as one new listed file per site and UTC day, in the caller's transaction. */
    private MoveReport writePartitions(DuckDBConnection connection, List<Event> events, ColdFileWriter.Layout layout)
            throws SQLException, IOException {
        Map<Partition, List<Event>> partitions = new TreeMap<>(Comparator.comparing((Partition partition) -> partition.site().value())
                .thenComparing(Partition::day));
        for (Event event : events) {
            LocalDate day = LocalDate.ofInstant(event.timestamp(), ZoneOffset.UTC);
            partitions.computeIfAbsent(new Partition(event.siteId(), day, 0), key -> new ArrayList<>()).add(event);
        }
        for (Map.Entry<Partition, List<Event>> partition : partitions.entrySet()) {
            try (EventBatches.Batch batch = database.batches().offer(partition.getValue())) {
                writer.write(connection, partition.getKey().site(), partition.getKey().day(),
                        "SELECT " + EventRowsFunction.EVENT_COLUMNS + " FROM " + batch.rows(), partition.getValue().size(), layout);
            }
        }
        return events.isEmpty() ? MoveReport.NOTHING : new MoveReport(events.size(), partitions.size(), 0);
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
                            partition.events(), ColdFileWriter.Layout.OPTIMIZED);
                    try (PreparedStatement delete = connection.prepareStatement(Sql.named("delete-cold-file"))) {
                        for (String old : partition.paths()) {
                            delete.setString(1, old);
                            delete.addBatch();
                        }
                        delete.executeBatch();
                    }
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    if (quarantine.recoverFrom(e)) {
                        continue; // the damaged file is set aside; its partition is compacted at the next upkeep
                    }
                    throw e;
                } catch (IOException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
                readers.deleteExclusively(layout, partition.paths());
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
        flushToCold(); // hot events older than the cutoff (a journal replayed after a long stop) go with the rest
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
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageUnavailableException("retention cleanup failed: " + e.getMessage(), e);
        }
        readers.deleteExclusively(layout, expired);
        return new MoveReport(events, 0, expired.size());
    }

    /**
     * Deletes a site's events in {@code [from, until)} from the cold files in one transaction, then
     * removes the replaced files and checkpoints, so the database's write-ahead log no longer holds
     * the deleted rows either. Hot events are not touched: {@link DuckDbEventEraser} flushes them
     * to Parquet first.
     */
    public Erased erase(SiteId site, Instant from, Instant until) {
        return erase(site, new RangeErasure.Selection(from, until, null));
    }

    /** Like {@link #erase(SiteId, Instant, Instant)} for the events of some visitor ids, on every day. */
    public Erased eraseVisitors(SiteId site, java.util.Set<String> visitorIds) {
        return erase(site, RangeErasure.Selection.visitors(visitorIds));
    }

    private synchronized Erased erase(SiteId site, RangeErasure.Selection selection) {
        RangeErasure.Result result;
        try (DuckDBConnection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                result = new RangeErasure(writer, surface).run(connection, site, selection);
                connection.commit();
            } catch (SQLException | IOException e) {
                connection.rollback();
                throw e;
            }
            readers.deleteExclusively(layout, result.replacedFiles());
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
     * Startup check after a crash or an upgrade: deletes Parquet files the manifest does not list
     * (an interrupted move: their events are still in the journal or the old files), drops manifest
     * rows whose file has vanished so queries keep working (logged as an error: that data was
     * removed outside the server), and moves to Parquet any rows a version before V13 left in
     * mallard.duckdb's {@code events} table (it kept its hot tier there). Returns the files deleted.
     */
    public synchronized int reconcile() {
        try (DuckDBConnection connection = database.connect()) {
            moveLegacyHotRows(connection);
            Set<String> listed = new HashSet<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(Sql.named("select-cold-files"))) {
                while (rows.next()) {
                    listed.add(rows.getString(1));
                }
            }
            List<String> onDisk = layout.filesOnDisk();
            List<String> orphans = onDisk.stream().filter(path -> !listed.contains(path)).toList();
            readers.deleteExclusively(layout, orphans);
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

    /** Rows of {@code events} in mallard.duckdb (before V13, the hot tier) move to Parquet in one transaction. */
    private void moveLegacyHotRows(DuckDBConnection connection) throws SQLException, IOException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            long moved = 0;
            for (Partition partition : partitions(connection, "main.events")) {
                // Site ids match [A-Za-z0-9._:-] (SiteId) and days are dates: no request text reaches this SQL.
                writer.write(connection, partition.site(), partition.day(), "SELECT " + EventColumns.SELECT_LIST + " FROM main.events WHERE site_id = '"
                        + partition.site().value() + "' AND CAST(\"timestamp\" AS DATE) = DATE '" + partition.day() + "'", partition.events(),
                        ColdFileWriter.Layout.OPTIMIZED);
                moved += partition.events();
            }
            statement.execute("DELETE FROM main.events");
            connection.commit();
            if (moved > 0) {
                LOG.info("moved {} event(s) an earlier version kept in mallard.duckdb to Parquet", moved);
            }
        } catch (SQLException | IOException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The site, UTC day and event count of each partition of {@code relation}'s rows. */
    private static List<Partition> partitions(Connection connection, String relation) throws SQLException {
        List<Partition> partitions = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(PARTITIONS.formatted(relation))) {
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

    private long count(String sql) {
        try (DuckDBConnection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new StorageUnavailableException("count failed: " + e.getMessage(), e);
        }
    }
}
