package io.mallard.duckdb;

import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.event.SiteId;
import io.mallard.duckdb.TieredStorage.MoveReport;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Compaction: each finished day's files of a site become one file, sorted by visitor and time with
 * ZSTD, swapped in the manifest in one transaction; the old files are deleted once no query reads them.
 */
final class Compaction {
    private final ColdTier tier;

    Compaction(ColdTier tier) {
        this.tier = tier;
    }

    /** Rewrites each partition dated before {@code firstOpenDay} that has several files, or files not in their final layout, as one file. */
    MoveReport compactBefore(LocalDate firstOpenDay) {
        long events = 0;
        int written = 0;
        int deleted = 0;
        try (DuckDBConnection connection = tier.database().connect()) {
            for (Compactable partition : compactable(connection, firstOpenDay)) {
                connection.setAutoCommit(false);
                try {
                    tier.writer().write(connection, partition.site(), partition.day(), tier.surface().coldRows(partition.paths(), "true"),
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
                    if (tier.quarantine().recoverFrom(e)) {
                        continue; // the damaged file is set aside; its partition is compacted at the next upkeep
                    }
                    throw e;
                } catch (IOException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
                tier.readers().deleteExclusively(tier.layout(), partition.paths());
                events += partition.events();
                written++;
                deleted += partition.paths().size();
            }
            return new MoveReport(events, written, deleted);
        } catch (SQLException | IOException e) {
            throw new StorageUnavailableException("compaction failed: " + e.getMessage(), e);
        }
    }

    private record Compactable(SiteId site, LocalDate day, List<String> paths, long events) {
    }

    private static List<Compactable> compactable(Connection connection, LocalDate before) throws SQLException {
        List<Compactable> partitions = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(Sql.named("compactable-partitions"))) {
            select.setDate(1, Date.valueOf(before));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Array paths = rows.getArray("paths");
                    List<String> list = new ArrayList<>();
                    for (Object path : (Object[]) paths.getArray()) {
                        list.add((String) path);
                    }
                    partitions.add(new Compactable(new SiteId(rows.getString("site_id")), rows.getObject("day", LocalDate.class), list, rows.getLong("events")));
                }
            }
        }
        return partitions;
    }
}
