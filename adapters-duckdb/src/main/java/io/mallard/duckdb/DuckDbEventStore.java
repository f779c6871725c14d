package io.mallard.duckdb;

import io.mallard.application.storage.EventStore;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.event.Event;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Appends events to the hot table with group commit: callers queue their events and wait; one
 * writer thread takes everything queued (up to {@value #MAX_GROUP_EVENTS} events), appends it
 * through DuckDB's Appender in one transaction and commits, then releases every caller of the
 * group. A caller returns only after the commit that holds its events — DuckDB has written them to
 * its write-ahead log — so an acknowledged event survives {@code kill -9}.
 */
public final class DuckDbEventStore implements EventStore, AutoCloseable {
    static final int MAX_GROUP_EVENTS = 10_000;
    /** Longest a caller waits for its commit; past it the caller gets an error (a 503), never a hang. */
    static final long COMMIT_TIMEOUT_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbEventStore.class);

    private final DuckDbDatabase database;
    private final BlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedEvents = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;
    private DuckDBAppender appender;

    private record PendingAppend(List<Event> events, CompletableFuture<Void> done) {
    }

    public DuckDbEventStore(DuckDbDatabase database) {
        this.database = database;
        this.writer = Thread.ofPlatform().name("mallard-event-writer").daemon(true).unstarted(this::writeLoop);
        writer.start();
    }

    @Override
    public void append(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        if (!running) {
            throw new StorageUnavailableException("the event store is closed", null);
        }
        PendingAppend pending = new PendingAppend(events, new CompletableFuture<>());
        queuedEvents.addAndGet(events.size());
        queue.add(pending);
        if (!writer.isAlive()) {
            failEverything(new IllegalStateException("the event writer has stopped"));
        }
        try {
            pending.done().get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new StorageUnavailableException("no commit within " + COMMIT_TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for the commit", e);
        } catch (ExecutionException e) {
            throw new StorageUnavailableException("could not store events: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Events queued and not yet committed (the "buffered events" of /health/detailed). */
    public long bufferedEvents() {
        return queuedEvents.get();
    }

    @Override
    public void checkReadable() {
        try (DuckDBConnection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeQuery(Sql.named("count-hot")).close();
        } catch (SQLException e) {
            throw new StorageUnavailableException("storage does not answer queries: " + e.getMessage(), e);
        }
    }

    private void writeLoop() {
        try (DuckDBConnection connection = database.connect()) {
            connection.setAutoCommit(false);
            while (running || !queue.isEmpty()) {
                PendingAppend first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    commitGroup(connection, drainGroup(first));
                }
            }
            closeAppender();
            failEverything(new IllegalStateException("the event store is closed"));
        } catch (SQLException e) {
            LOG.error("event writer cannot open its connection: {}", e.getMessage());
            failEverything(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<PendingAppend> drainGroup(PendingAppend first) {
        List<PendingAppend> group = new ArrayList<>();
        group.add(first);
        int events = first.events().size();
        PendingAppend next;
        while (events < MAX_GROUP_EVENTS && (next = queue.poll()) != null) {
            group.add(next);
            events += next.events().size();
        }
        return group;
    }

    private void commitGroup(DuckDBConnection connection, List<PendingAppend> group) {
        int count = group.stream().mapToInt(p -> p.events().size()).sum();
        try {
            DuckDBAppender appender = appender(connection);
            for (PendingAppend pending : group) {
                for (Event event : pending.events()) {
                    EventColumns.append(appender, event);
                }
            }
            appender.flush();
            connection.commit();
            queuedEvents.addAndGet(-count);
            group.forEach(p -> p.done().complete(null));
        } catch (SQLException | RuntimeException e) {
            LOG.error("commit of {} events failed: {}", count, e.getMessage());
            closeAppender();
            rollbackQuietly(connection);
            queuedEvents.addAndGet(-count);
            group.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    /**
     * The writer's appender, kept open across groups: creating one costs milliseconds (it dominated
     * the commit of small groups), flushing one into the open transaction costs microseconds.
     */
    private DuckDBAppender appender(DuckDBConnection connection) throws SQLException {
        if (appender == null) {
            appender = connection.createAppender("events");
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

    private static void rollbackQuietly(DuckDBConnection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback failed: {}", e.getMessage());
        }
    }

    private void failEverything(Exception cause) {
        running = false;
        PendingAppend pending;
        while ((pending = queue.poll()) != null) {
            queuedEvents.addAndGet(-pending.events().size());
            pending.done().completeExceptionally(cause);
        }
    }

    /** Stops accepting events, commits what is queued, and stops the writer. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        writer.join(TimeUnit.SECONDS.toMillis(30));
    }
}
