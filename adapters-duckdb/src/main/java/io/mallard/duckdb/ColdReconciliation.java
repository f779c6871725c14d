package io.mallard.duckdb;

import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.event.SiteId;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What start-up puts right in the cold tier: files a crash left unlisted or listed but gone, and an old version's hot rows. */
final class ColdReconciliation {
    private static final Logger LOG = LoggerFactory.getLogger(ColdReconciliation.class);
    private static final String PARTITIONS = "SELECT site_id, CAST(\"timestamp\" AS DATE) AS day, count(*) AS events FROM %s "
            + "GROUP BY ALL ORDER BY site_id, day";

    private final ColdTier tier;

    ColdReconciliation(ColdTier tier) {
        this.tier = tier;
    }

    /**
     * Startup check after a crash or an upgrade: deletes Parquet files the manifest does not list
     * (an interrupted move: their events are still in the journal or the old files), drops manifest
     * rows whose file has vanished so queries keep working (logged as an error: that data was
     * removed outside the server), and moves to Parquet any rows a version before V13 left in
     * mallard.duckdb's {@code events} table (it kept its hot tier there). Returns the files deleted.
     */
    int reconcile() {
        try (DuckDBConnection connection = tier.database().connect()) {
            moveLegacyHotRows(connection);
            Set<String> listed = new HashSet<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(Sql.named("select-cold-files"))) {
                while (rows.next()) {
                    listed.add(rows.getString("path"));
                }
            }
            List<String> onDisk = tier.layout().filesOnDisk();
            List<String> orphans = onDisk.stream().filter(path -> !listed.contains(path)).toList();
            tier.readers().deleteExclusively(tier.layout(), orphans);
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

    /** Rows of {@code events} in mallard.duckdb (before V13, the hot tier) move to Parquet in one transaction. */
    private void moveLegacyHotRows(DuckDBConnection connection) throws SQLException, IOException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            long moved = 0;
            for (Partition partition : partitions(connection, "main.events")) {
                // Site ids match [A-Za-z0-9._:-] (SiteId) and days are dates: no request text reaches this SQL.
                tier.writer().write(connection, partition.site(), partition.day(), "SELECT " + EventColumns.SELECT_LIST + " FROM main.events WHERE site_id = '"
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
                partitions.add(new Partition(new SiteId(rows.getString("site_id")), rows.getObject("day", LocalDate.class), rows.getLong("events")));
            }
        }
        return partitions;
    }
}
