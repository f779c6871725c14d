package io.mallard.duckdb;

import io.mallard.domain.event.Event;
import org.duckdb.DuckDBConnection;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lists of events offered to SQL as {@code mallard_events(batch)} (see {@link EventRowsFunction}):
 * a batch is readable from {@link #offer} until its {@link Batch} is closed; a statement naming a
 * closed or unknown batch fails. Thread-safe.
 */
final class EventBatches {
    private final Map<Long, List<Event>> offered = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final EventRowsFunction function = new EventRowsFunction("mallard_events", offered::get);

    /** An offered batch: {@link #rows()} names it in a FROM clause until it is closed. */
    final class Batch implements AutoCloseable {
        private final long id;

        private Batch(long id) {
            this.id = id;
        }

        /** The relation of the batch's rows, with the function's columns. */
        String rows() {
            return function.call(id);
        }

        @Override
        public void close() {
            offered.remove(id);
        }
    }

    void register(DuckDBConnection connection) throws SQLException {
        function.register(connection);
    }

    Batch offer(List<Event> events) {
        long id = nextId.incrementAndGet();
        offered.put(id, events);
        return new Batch(id);
    }
}
