package io.mallard.duckdb;

import io.mallard.domain.event.Event;
import io.mallard.duckdb.journal.JournalPosition;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The hot tier: journaled events not yet in Parquet, in the table {@code hot.events} of an
 * in-memory database attached to the instance. The journal makes them durable; this table only
 * makes them queryable, so loading costs no write-ahead log and no checkpoint, and after a crash
 * the table is rebuilt from the journal.
 *
 * <p>Each row carries {@code load_seq}, the {@linkplain JournalPosition#sequence() journal
 * position} after the batch it was loaded with, and {@code journal_position} in mallard.duckdb
 * records how far the journal is in Parquet: a flush commits it with the manifest rows of the files
 * it wrote. Queries read {@link #VISIBLE}, the rows after that position, in the transaction that
 * lists the manifest, so each event is seen exactly once whether a flush has committed or not (a
 * transaction cannot write to two attached databases, so the move cannot delete these rows in the
 * commit that lists their file). Rows a flush moved stay until every query that might still read
 * them has finished ({@link Readers}), then {@link #deleteReleased} removes them.
 *
 * <p>{@link #load} is called by one thread at a time; the rest is thread-safe.
 */
public final class HotTable implements AutoCloseable {
    /** The hot rows queries read (every event column and {@code load_seq}). */
    public static final String VISIBLE = "(SELECT * FROM hot.events WHERE load_seq > (SELECT "
            + JournalPosition.SEQUENCE_SQL + " FROM journal_position))";
    private static final Logger LOG = LoggerFactory.getLogger(HotTable.class);

    private final EventRowsFunction rows;
    private final Readers readers;
    private final DuckDBConnection root;
    private final DuckDBConnection loader;
    private final Deque<Release> released = new ArrayDeque<>();
    private volatile JournalPosition loadedThrough;
    private volatile Consumer<JournalPosition> whenMoved = position -> { };

    /** Rows up to {@code through}, deletable once the readers of {@code epoch} and before have finished. */
    private record Release(JournalPosition through, long epoch) {
    }

    private HotTable(EventRowsFunction rows, Readers readers, DuckDBConnection root, DuckDBConnection loader, JournalPosition flushed) {
        this.rows = rows;
        this.readers = readers;
        this.root = root;
        this.loader = loader;
        this.loadedThrough = flushed;
    }

    /**
     * Attaches the in-memory database {@code hot} to the instance of {@code root} and creates
     * {@code hot.events} with the columns of {@code events} in mallard.duckdb (which migrations keep
     * current and which holds no rows) and {@code load_seq}.
     */
    static HotTable attach(DuckDBConnection root, EventRowsFunction rows, Readers readers) throws SQLException {
        try (Statement statement = root.createStatement()) {
            statement.execute("ATTACH ':memory:' AS hot");
            statement.execute("CREATE TABLE hot.events AS SELECT * FROM main.events LIMIT 0");
            statement.execute("ALTER TABLE hot.events ADD COLUMN load_seq BIGINT");
        }
        DuckDBConnection loader = (DuckDBConnection) root.duplicate();
        return new HotTable(rows, readers, root, loader, flushedThrough(loader));
    }

    /** How far the journal is in Parquet, as {@code connection}'s transaction sees it. */
    static JournalPosition flushedThrough(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(Sql.named("select-journal-position"))) {
            row.next();
            return new JournalPosition(row.getLong(1), row.getLong(2));
        }
    }

    /**
     * Appends journaled events in one statement (all or none), tagged with the journal position
     * after them; positions must grow from call to call.
     */
    void load(List<Event> events, JournalPosition through) throws SQLException {
        if (through.compareTo(loadedThrough) < 0) {
            throw new IllegalArgumentException("journal positions must grow: " + through + " after " + loadedThrough);
        }
        if (!events.isEmpty()) {
            try (EventRowsFunction.Batch batch = rows.offer(events); Statement statement = loader.createStatement()) {
                statement.execute("INSERT INTO hot.events BY NAME SELECT " + EventRowsFunction.EVENT_COLUMNS + ", "
                        + through.sequence() + " AS load_seq FROM " + batch.rows());
            }
        }
        loadedThrough = through;
    }

    /** The position after the last batch loaded: every journaled event before it is in this table or in Parquet. */
    JournalPosition loadedThrough() {
        return loadedThrough;
    }

    /** The rows loaded after {@code after} and up to {@code through}, as a relation with the event columns. */
    static String rowsBetween(JournalPosition after, JournalPosition through) {
        return "(SELECT " + EventColumns.SELECT_LIST + " FROM hot.events WHERE load_seq > " + after.sequence()
                + " AND load_seq <= " + through.sequence() + ")";
    }

    /** Called with the position a flush has committed, after the commit (the journal drops what lies before it). */
    void whenMoved(Consumer<JournalPosition> listener) {
        whenMoved = listener;
    }

    /**
     * A flush has committed the rows up to {@code through} to Parquet and ended reader epoch
     * {@code epoch}: they are deleted once that epoch's readers have finished.
     */
    void moved(JournalPosition through, long epoch) {
        synchronized (released) {
            released.addLast(new Release(through, epoch));
        }
        whenMoved.accept(through);
    }

    /** Deletes the moved rows no running query can read any more (in a transaction of its own). */
    void deleteReleased() throws SQLException {
        JournalPosition through = null;
        synchronized (released) {
            while (!released.isEmpty() && readers.finishedThrough(released.peekFirst().epoch())) {
                through = released.removeFirst().through();
            }
        }
        if (through != null) {
            try (DuckDBConnection connection = (DuckDBConnection) root.duplicate(); Statement statement = connection.createStatement()) {
                statement.execute("DELETE FROM hot.events WHERE load_seq <= " + through.sequence());
            }
        }
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (SQLException e) {
            LOG.warn("closing the hot table's loading connection failed: {}", e.getMessage());
        }
    }
}
