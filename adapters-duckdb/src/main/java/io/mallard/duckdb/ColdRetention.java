package io.mallard.duckdb;

import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.duckdb.TieredStorage.MoveReport;
import org.duckdb.DuckDBConnection;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Retention in the cold tier: whole files of expired days leave the manifest in one transaction, then the disk. */
final class ColdRetention {
    private final ColdTier tier;

    ColdRetention(ColdTier tier) {
        this.tier = tier;
    }

    /** Deletes the cold files of days before {@code cutoff} (the caller flushed the hot tier first). */
    MoveReport deleteBefore(LocalDate cutoff) {
        List<String> expired = new ArrayList<>();
        long events = 0;
        try (DuckDBConnection connection = tier.database().connect()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement select = connection.prepareStatement(Sql.named("expired-cold-files"))) {
                    select.setDate(1, Date.valueOf(cutoff));
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            expired.add(rows.getString("path"));
                            events += rows.getLong("events");
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
        tier.readers().deleteExclusively(tier.layout(), expired);
        return new MoveReport(events, 0, expired.size());
    }
}
