package io.mallard.duckdb;

import io.mallard.domain.event.SiteId;
import io.mallard.journal.OwnerOnly;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes new cold files and lists them in the manifest. The caller commits the manifest change (with
 * whatever the file replaces) in its own transaction; until then the file is an unlisted leftover
 * that startup would delete.
 */
final class ColdFileWriter {
    /** How a file's rows are laid out; the manifest records which ({@code cold_files.optimized}). */
    enum Layout {
        /**
         * Arrival order, Snappy: the cheapest to write, for flushes, which run every second under
         * load (it cut ingestion's CPU per event by 8 % against {@link #OPTIMIZED}, PERF.md).
         * Compaction rewrites such files.
         */
        FLUSHED(") TO %s (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 122880)"),
        /**
         * Sorted by visitor, time and event id, ZSTD: ids and times compress well and a visitor's
         * events sit together.
         */
        OPTIMIZED(" ORDER BY visitor_id, \"timestamp\", event_id) TO %s (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)");

        private final String copyTail;

        Layout(String copyTail) {
            this.copyTail = copyTail;
        }
    }

    private final ColdLayout layout;
    private final AtomicLong fileSequence;

    ColdFileWriter(ColdLayout layout, long fileSequenceSeed) {
        this.layout = layout;
        this.fileSequence = new AtomicLong(fileSequenceSeed);
    }

    /**
     * Writes the rows of {@code select} (which must produce the event columns) as a new file of the
     * partition and lists it with {@code events} rows. Returns its relative path.
     */
    String write(Connection connection, SiteId site, LocalDate day, String select, long events, Layout rows) throws SQLException, IOException {
        String path = layout.newFile(site, day, fileSequence.incrementAndGet());
        OwnerOnly.directories(layout.absolute(path).getParent());
        try (Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + select + rows.copyTail.formatted(layout.checkedLiteral(path)));
        }
        OwnerOnly.restrict(layout.absolute(path));
        try (PreparedStatement insert = connection.prepareStatement(Sql.named("insert-cold-file"))) {
            insert.setString(1, path);
            insert.setString(2, site.value());
            insert.setDate(3, Date.valueOf(day));
            insert.setLong(4, events);
            insert.setBoolean(5, rows == Layout.OPTIMIZED);
            insert.executeUpdate();
        }
        return path;
    }
}
