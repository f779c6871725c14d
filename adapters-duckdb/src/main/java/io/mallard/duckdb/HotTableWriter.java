package io.mallard.duckdb;

import io.mallard.domain.event.Event;
import io.mallard.duckdb.journal.JournalPosition;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Appends batches of events to the hot table, one transaction per batch, through DuckDB's
 * Appender on a connection of its own. When a batch comes from the journal, the journal position
 * after it is committed in the same transaction, which is what makes replay exact.
 *
 * <p>The Appender writes into {@code load_staging}, and the batch moves into {@code events} inside
 * the transaction. Closing an Appender flushes whatever it still buffers, even after a failure; on
 * a failure the staging table is wiped, so such rows can never reach {@code events} and a retried
 * batch is stored once. Not thread-safe: one thread owns a writer.
 */
public final class HotTableWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HotTableWriter.class);

    private final DuckDBConnection connection;
    private DuckDBAppender appender;

    public HotTableWriter(DuckDbDatabase database) throws SQLException {
        this.connection = database.connect();
        connection.setAutoCommit(false);
        clearStaging();
    }

    /** The position after the last journal record loaded into the hot table. */
    JournalPosition loadedPosition() throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(Sql.named("select-journal-position"));
             ResultSet row = select.executeQuery()) {
            row.next();
            JournalPosition position = new JournalPosition(row.getLong(1), row.getLong(2));
            connection.commit();
            return position;
        }
    }

    /** Appends the events (bulk loads that bypass the journal) in one transaction. */
    public void append(List<Event> events) throws SQLException {
        append(events, null);
    }

    /**
     * Appends the events and, unless {@code loadedThrough} is null, records it as the journal
     * position loaded — all in one transaction. On failure nothing of the batch is stored.
     */
    void append(List<Event> events, JournalPosition loadedThrough) throws SQLException {
        try {
            if (!events.isEmpty()) {
                DuckDBAppender rows = appender();
                for (Event event : events) {
                    EventColumns.append(rows, event);
                }
                rows.flush();
                try (Statement statement = connection.createStatement()) {
                    statement.execute(Sql.named("move-staged"));
                    statement.execute(Sql.named("clear-staging"));
                }
            }
            if (loadedThrough != null) {
                try (PreparedStatement update = connection.prepareStatement(Sql.named("update-journal-position"))) {
                    update.setLong(1, loadedThrough.segment());
                    update.setLong(2, loadedThrough.offset());
                    update.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            closeAppender();
            clearStagingQuietly();
            throw e;
        }
    }

    /** Rows a closing appender flushed after a failure must not survive into the next batch. */
    private void clearStaging() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(Sql.named("clear-staging"));
        }
        connection.commit();
    }

    private void clearStagingQuietly() {
        try {
            clearStaging();
        } catch (SQLException e) {
            rollbackQuietly();
            LOG.warn("clearing the load staging table failed: {}", e.getMessage());
        }
    }

    /**
     * The appender, kept open across batches: creating one costs milliseconds, flushing one into
     * the open transaction costs microseconds.
     */
    private DuckDBAppender appender() throws SQLException {
        if (appender == null) {
            appender = connection.createAppender("load_staging");
        }
        return appender;
    }

    private void closeAppender() {
        if (appender != null) {
            try {
                appender.close();
            } catch (SQLException e) {
                LOG.warn("closing the appender failed: {}", e.getMessage());
            }
            appender = null;
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() throws SQLException {
        closeAppender();
        connection.close();
    }
}
