package io.mallard.duckdb;

import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.SiteId;
import io.mallard.duckdb.TieredStorage.MoveReport;
import io.mallard.journal.JournalPosition;
import org.duckdb.DuckDBConnection;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writing events into the cold tier: the hot tier's flush, and bulk loads that bypass the journal. */
final class ColdMoves {
    private final ColdTier tier;

    ColdMoves(ColdTier tier) {
        this.tier = tier;
    }

    /**
     * Moves every hot event loaded so far to Parquet: one new file per site and UTC day, listed in
     * the manifest in the transaction that records the journal position the move reaches, after
     * which queries skip those hot events and the journal drops the segments before it.
     */
    MoveReport flushToCold() {
        HotTable hot = tier.database().hot();
        hot.deleteReleased();
        JournalPosition through = hot.loadedThrough();
        MoveReport report;
        try (DuckDBConnection connection = tier.database().connect()) {
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
        hot.moved(through, tier.readers().endEpoch());
        return report;
    }

    /**
     * Writes events straight to Parquet, bypassing the journal and the hot tier: one file per site
     * and UTC day, listed in one transaction. For bulk loads such as the traffic generator, where a
     * run that crashes is simply run again.
     */
    MoveReport writeCold(List<Event> events) {
        try (DuckDBConnection connection = tier.database().connect()) {
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
            partitions.computeIfAbsent(new Partition(event.siteId(), day), key -> new ArrayList<>()).add(event);
        }
        for (Map.Entry<Partition, List<Event>> partition : partitions.entrySet()) {
            try (EventBatches.Batch batch = tier.database().batches().offer(partition.getValue())) {
                tier.writer().write(connection, partition.getKey().site(), partition.getKey().day(),
                        "SELECT " + EventRowsFunction.EVENT_COLUMNS + " FROM " + batch.rows(), partition.getValue().size(), layout);
            }
        }
        return events.isEmpty() ? MoveReport.NOTHING : new MoveReport(events.size(), partitions.size(), 0);
    }

    private record Partition(SiteId site, LocalDate day) {
    }
}
