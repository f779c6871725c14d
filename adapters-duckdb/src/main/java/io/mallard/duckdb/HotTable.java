package io.mallard.duckdb;

import io.mallard.domain.event.Event;
import io.mallard.journal.EncodedEvents;
import io.mallard.journal.JournalPosition;
import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The hot tier: journaled events not yet in Parquet, held in memory in the groups the journal
 * wrote, and read by SQL through the table function {@code mallard_hot(after)}
 * ({@link EventRowsFunction}). The journal makes them durable; this tier only makes them
 * queryable, so loading an event costs no database work at all, and after a crash the tier is
 * rebuilt from the journal. (Inserting each batch into an in-memory DuckDB table cost ingestion
 * several microseconds per event, PERF.md.)
 *
 * <p>Each batch carries the {@linkplain JournalPosition journal position} after it, and
 * {@code journal_position} in mallard.duckdb records how far the journal is in Parquet: a flush
 * commits it with the manifest rows of the files it wrote. Queries read {@link #visible}, the
 * events after that position, reading it in the transaction that lists the manifest, so each
 * event is seen exactly once whether a flush has committed or not. Batches a flush moved stay until
 * every query that might still read them has finished ({@link Readers}), then
 * {@link #deleteReleased} drops them.
 *
 * <p>Memory: batches are kept as the journal encoded them ({@link EncodedEvents}), 110-160 bytes
 * per event of the ingestion benchmark against about 530 as objects ({@code scripts/bench/hot-heap.sh},
 * PERF.md), and few objects for young collections to copy. A scan decodes
 * them again, which a flush bounds to a second or so of events. The event store refuses new events
 * while {@link #CAPACITY} events wait to be moved (reached only when flushes fail), and flushes start
 * at half of it. Thread-safe.
 */
public final class HotTable {
    /** Events not yet moved to Parquet that the tier holds at most; flushes start at half of it. */
    public static final int CAPACITY = 100_000;
    private static final String FUNCTION = "mallard_hot";

    private final Readers readers;
    private final EventRowsFunction function;
    /** Loaded batches in journal order, moved ones included until released. Guarded by itself. */
    private final Deque<Batch> batches = new ArrayDeque<>();
    /** Moved positions waiting for their readers to finish. Guarded by {@link #batches}. */
    private final Deque<Release> released = new ArrayDeque<>();
    private volatile JournalPosition loadedThrough;
    private volatile JournalPosition movedThrough;
    /** Events loaded and not yet moved. Written under {@link #batches}. */
    private volatile int waiting;
    private volatile Consumer<JournalPosition> whenMoved = position -> { };

    private record Batch(EncodedEvents events, JournalPosition through) {
    }

    /** Events up to {@code through}, deletable once the readers of {@code epoch} and before have finished. */
    private record Release(JournalPosition through, long epoch) {
    }

    private HotTable(Readers readers, JournalPosition flushed) {
        this.readers = readers;
        this.function = new EventRowsFunction(FUNCTION, this::loadedAfter);
        this.loadedThrough = flushed;
        this.movedThrough = flushed;
    }

    /** The tier of the database of {@code root}, empty, its function registered. */
    static HotTable create(DuckDBConnection root, Readers readers) throws SQLException {
        HotTable hot = new HotTable(readers, flushedThrough(root));
        hot.function.register(root);
        return hot;
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
     * The hot events queries read in {@code connection}'s transaction (a relation with the event
     * columns): those loaded after the position recorded with the manifest that transaction sees.
     * The transaction must run as one of the {@link Readers}.
     */
    public static String visible(Connection connection) throws SQLException {
        return "(SELECT " + EventRowsFunction.EVENT_COLUMNS + " FROM " + FUNCTION + "(" + flushedThrough(connection).sequence() + "))";
    }

    /** Appends journaled events, tagged with the journal position after them; positions must grow from call to call. */
    void load(EncodedEvents events, JournalPosition through) {
        synchronized (batches) {
            if (through.compareTo(loadedThrough) < 0) {
                throw new IllegalArgumentException("journal positions must grow: " + through + " after " + loadedThrough);
            }
            if (events.count() > 0) {
                batches.addLast(new Batch(events, through));
                waiting += events.count();
            }
            loadedThrough = through;
        }
    }

    /** Records that every journaled event before {@code through} is loaded (a seal, which adds no events). */
    void advance(JournalPosition through) {
        load(EncodedEvents.of(List.of()), through);
    }

    /** The position after the last batch loaded: every journaled event before it is in this tier or in Parquet. */
    JournalPosition loadedThrough() {
        return loadedThrough;
    }

    /** Events loaded and not yet moved to Parquet. */
    int waiting() {
        return waiting;
    }

    /** The events loaded after {@code after} and up to {@code through}, in journal order. */
    List<Event> between(JournalPosition after, JournalPosition through) {
        return decode(batch -> batch.through().compareTo(after) > 0 && batch.through().compareTo(through) <= 0);
    }

    /** What {@code mallard_hot(after)} reads: the events loaded after the position whose sequence is {@code after}. */
    private List<Event> loadedAfter(long after) {
        return decode(batch -> batch.through().sequence() > after);
    }

    /** The events of the batches {@code selected}, in journal order, decoded outside the lock. */
    private List<Event> decode(Predicate<Batch> selected) {
        List<EncodedEvents> chosen = new ArrayList<>();
        synchronized (batches) {
            for (Batch batch : batches) {
                if (selected.test(batch)) {
                    chosen.add(batch.events());
                }
            }
        }
        List<Event> events = new ArrayList<>();
        chosen.forEach(encoded -> events.addAll(encoded.decode()));
        return events;
    }

    /** Called with the position a flush has committed, after the commit (the journal drops what lies before it). */
    void whenMoved(Consumer<JournalPosition> listener) {
        whenMoved = listener;
    }

    /**
     * A flush has committed the events up to {@code through} to Parquet and ended reader epoch
     * {@code epoch}: they are dropped once that epoch's readers have finished.
     */
    void moved(JournalPosition through, long epoch) {
        synchronized (batches) {
            released.addLast(new Release(through, epoch));
            int moved = 0;
            for (Batch batch : batches) {
                if (batch.through().compareTo(movedThrough) > 0 && batch.through().compareTo(through) <= 0) {
                    moved += batch.events().count();
                }
            }
            waiting -= moved;
            movedThrough = through;
        }
        whenMoved.accept(through);
    }

    /** Drops the moved batches no running query can read any more. */
    void deleteReleased() {
        synchronized (batches) {
            JournalPosition through = null;
            while (!released.isEmpty() && readers.finishedThrough(released.peekFirst().epoch())) {
                through = released.removeFirst().through();
            }
            while (through != null && !batches.isEmpty() && batches.peekFirst().through().compareTo(through) <= 0) {
                batches.removeFirst();
            }
        }
    }
}
