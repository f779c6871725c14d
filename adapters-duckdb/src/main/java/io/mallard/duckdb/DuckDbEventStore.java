package io.mallard.duckdb;

import io.mallard.application.storage.DataDamage;
import io.mallard.application.storage.EventStore;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.event.Event;
import io.mallard.journal.EncodedEvents;
import io.mallard.journal.EventJournal;
import io.mallard.journal.JournalPosition;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Stores events so that an acknowledgement costs one share of an {@code fdatasync} and no database
 * work: callers queue their events; the journal thread takes everything queued (up to
 * {@value #MAX_GROUP_EVENTS} events), appends it to the {@link EventJournal} as one record, forces
 * it to disk, adds the events to the in-memory {@link HotTable} (where queries see them at once)
 * and releases every caller of the group (group commit). Returning from {@link #append} means the
 * events survive {@code kill -9} and power loss.
 *
 * <p>The journal keeps every record until a flush has moved its events to Parquet and recorded the
 * position it reached ({@link HotTable#whenMoved}); at open, the records after that position are
 * loaded into the hot tier again before anything else, so nothing acknowledged is lost and nothing
 * is counted twice. New events are refused (the HTTP layer answers 503 with Retry-After) rather
 * than let memory grow when {@value #MAX_BUFFERED_EVENTS} wait for the journal or the hot tier
 * holds {@value HotTable#CAPACITY} events not yet moved (flushes failing).
 */
public final class DuckDbEventStore implements EventStore, AutoCloseable {
    static final int MAX_GROUP_EVENTS = 10_000;
    /**
     * The journal writes at most one group per this interval: a group's {@code write} and
     * {@code fdatasync} cost 60–120 µs of CPU however few events it holds, so under load the next
     * group waits for the rest of the interval and grows instead (fewer, larger syncs). A quiet
     * journal, whose last write was longer ago, writes at once. It bounds what waiting adds to an
     * acknowledgement.
     */
    static final Duration GROUP_INTERVAL = Duration.ofMillis(2);
    static final int MAX_BUFFERED_EVENTS = 100_000;
    /** Longest a caller waits for its journal write; past it the caller gets an error (a 503), never a hang. */
    static final long WRITE_TIMEOUT_SECONDS = 60;
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbEventStore.class);

    private final DuckDbDatabase database;
    private final EventJournal journal;
    private final HotTable hotTable;
    private final BlockingQueue<PendingAppend> toJournal = new LinkedBlockingQueue<>();
    /** Events accepted by {@link #append} and not yet in the hot tier. */
    private final AtomicLong buffered = new AtomicLong();
    private final Thread journalThread;
    private volatile boolean accepting = true;
    private volatile boolean journalStopped;
    /** Why the last journal write failed; null after a write (or a probe) succeeded. */
    private volatile String writeFailure;

    /** Events to journal, or, with no events, a request to seal the journal (see {@link #drainJournal}). */
    private record PendingAppend(List<Event> events, CompletableFuture<JournalPosition> done) {
        boolean isSeal() {
            return events.isEmpty();
        }
    }

    private DuckDbEventStore(DuckDbDatabase database, EventJournal journal, HotTable hotTable) {
        this.database = database;
        this.journal = journal;
        this.hotTable = hotTable;
        this.journalThread = Thread.ofPlatform().name("mallard-journal").daemon(true).unstarted(this::journalLoop);
    }

    /**
     * Opens the journal in {@code journalDirectory}, loads into the hot tier what it holds beyond
     * the position flushed to Parquet (a previous process's events not yet moved), and starts the
     * journal thread. Flushes then make the journal drop what they moved.
     */
    public static DuckDbEventStore open(DuckDbDatabase database, Path journalDirectory) {
        return open(database, journalDirectory, () -> { });
    }

    /**
     * Like {@link #open(DuckDbDatabase, Path)}; {@code flush} moves the hot tier to Parquet, and
     * replay calls it whenever the tier fills up ({@value HotTable#CAPACITY} events), so a journal
     * of any length is replayed in bounded memory.
     */
    public static DuckDbEventStore open(DuckDbDatabase database, Path journalDirectory, Runnable flush) {
        return open(database, journalDirectory, flush, new DataDamage());
    }

    /** Like {@link #open(DuckDbDatabase, Path, Runnable)}, reporting damaged journal regions to {@code damage}. */
    public static DuckDbEventStore open(DuckDbDatabase database, Path journalDirectory, Runnable flush, DataDamage damage) {
        HotTable hotTable = database.hot();
        JournalPosition flushed;
        try (DuckDBConnection connection = database.connect()) {
            flushed = HotTable.flushedThrough(connection);
        } catch (SQLException e) {
            throw new StorageUnavailableException("cannot read the journal position: " + e.getMessage(), e);
        }
        JournalPosition loaded = flushed.compareTo(hotTable.loadedThrough()) > 0 ? flushed : hotTable.loadedThrough();
        EventJournal journal = EventJournal.open(journalDirectory, loaded);
        journal.deleteBefore(flushed.segment());
        hotTable.whenMoved(position -> journal.deleteBefore(position.segment()));
        replay(journal, hotTable, loaded, flush, damage);
        DuckDbEventStore store = new DuckDbEventStore(database, journal, hotTable);
        store.journalThread.start();
        return store;
    }

    /**
     * Loads the records after {@code loaded}: the flushed position, or what this process's hot
     * tier already holds when a store is opened again on the same database. Each record goes in as
     * read, flushing first whenever it would overfill the tier.
     */
    private static void replay(EventJournal journal, HotTable hotTable, JournalPosition loaded, Runnable flush, DataDamage damage) {
        EventJournal.Replay replayed = journal.replay(loaded, (group, groupEnd) -> {
            if (hotTable.waiting() + group.count() > HotTable.CAPACITY) {
                flush.run();
            }
            hotTable.load(group, groupEnd);
        });
        // Every record of earlier processes is loaded now: a flush reaching this position drops their segments.
        hotTable.advance(journal.start());
        if (replayed.events() > 0) {
            LOG.info("loaded {} journaled event(s) not yet in Parquet", replayed.events());
        }
        replayed.reportTo(damage);
    }

    @Override
    public void append(List<Event> events) {
        if (!events.isEmpty()) {
            submit(admitted(events), Duration.ofSeconds(WRITE_TIMEOUT_SECONDS));
        }
    }

    /**
     * Queues the events for the journal; the future completes on the journal thread right after
     * their group is forced to disk, or fails with a {@link StorageUnavailableException}. Unlike
     * {@link #append} it has no timeout of its own: scheduling one per event cost more CPU than the
     * rest of the hand-off at peak ingestion (a timer thread woken per request), and a disk that
     * stalls for a minute fails everything else first; the client's own timeout applies.
     */
    @Override
    public CompletableFuture<Void> appendAsync(List<Event> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        PendingAppend pending;
        try {
            pending = admitted(events);
        } catch (StorageUnavailableException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        enqueue(pending);
        return pending.done().handle((end, failure) -> {
            if (failure != null) {
                throw unavailable(failure, Duration.ofSeconds(WRITE_TIMEOUT_SECONDS));
            }
            return null;
        });
    }

    /** A journal request for the events, counted as buffered; refused while closed or when too many wait. */
    private PendingAppend admitted(List<Event> events) {
        if (!accepting || journalStopped) {
            throw new StorageUnavailableException("the event store is closed", null);
        }
        if (hotTable.waiting() >= HotTable.CAPACITY) {
            throw new StorageUnavailableException(HotTable.CAPACITY + " events wait to be moved to Parquet", null);
        }
        if (buffered.addAndGet(events.size()) > MAX_BUFFERED_EVENTS) {
            buffered.addAndGet(-events.size());
            throw new StorageUnavailableException("more than " + MAX_BUFFERED_EVENTS + " events wait for the journal", null);
        }
        return new PendingAppend(events, new CompletableFuture<>());
    }

    private void enqueue(PendingAppend pending) {
        toJournal.add(pending);
        if (journalStopped) {
            failQueued(new IllegalStateException("the journal writer has stopped"));
        }
    }

    /**
     * Hands a request to the journal thread and waits for its answer: the position after the
     * events written, or the journal's boundary after a seal. Failures and timeouts become
     * {@link StorageUnavailableException}s (503 at the HTTP edge), never a hang.
     */
    private JournalPosition submit(PendingAppend pending, Duration timeout) {
        enqueue(pending);
        try {
            return pending.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for the journal", e);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause(), timeout);
        } catch (TimeoutException e) {
            throw unavailable(e, timeout);
        }
    }

    private static StorageUnavailableException unavailable(Throwable failure, Duration timeout) {
        return failure instanceof TimeoutException
                ? new StorageUnavailableException("the journal did not answer within " + timeout.toSeconds() + " s", failure)
                : new StorageUnavailableException("the journal failed: " + failure.getMessage(), failure);
    }

    /** Events accepted and not yet visible to queries (the "buffered events" of /health/detailed). */
    public long bufferedEvents() {
        return buffered.get();
    }

    /**
     * Seals the journal: returns the position of the new segment, before which every event
     * acknowledged before the call lies and up to which the hot tier is loaded, so the next flush
     * moves them all and the journal drops every segment holding them. Throws when the journal
     * does not answer within {@code timeout}.
     */
    public JournalPosition drainJournal(Duration timeout) {
        return submit(new PendingAppend(List.of(), new CompletableFuture<>()), timeout);
    }

    @Override
    public void checkReadable() {
        try (DuckDBConnection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM " + HotTable.visible(connection)).close();
            statement.executeQuery(Sql.named("count-cold")).close();
        } catch (SQLException e) {
            throw new StorageUnavailableException("storage does not answer queries: " + e.getMessage(), e);
        }
    }

    /**
     * After a failed journal write, probes the disk (a file the size of the largest event body,
     * written and forced next to the journal) on each call until it takes writes again.
     */
    @Override
    public void checkWritable() {
        if (journalStopped) {
            throw new StorageUnavailableException("the journal writer has stopped", null);
        }
        String failure = writeFailure;
        if (failure != null) {
            try {
                journal.probe();
                writeFailure = null;
            } catch (IOException e) {
                throw new StorageUnavailableException("the journal cannot write (" + failure + "); a probe failed: " + e.getMessage(), e);
            }
        }
    }

    /** {@link #checkWritable} as a boolean, for a gauge. */
    public boolean isWritable() {
        try {
            checkWritable();
            return true;
        } catch (StorageUnavailableException e) {
            return false;
        }
    }

    private void journalLoop() {
        long lastWrite = System.nanoTime() - GROUP_INTERVAL.toNanos();
        try {
            while (accepting || !toJournal.isEmpty()) {
                PendingAppend first = toJournal.poll(100, TimeUnit.MILLISECONDS);
                if (first != null) {
                    long wait = lastWrite + GROUP_INTERVAL.toNanos() - System.nanoTime();
                    if (wait > 0 && accepting) {
                        LockSupport.parkNanos(wait);
                    }
                    lastWrite = System.nanoTime();
                    writeGroup(drainGroup(first));
                }
            }
            hotTable.advance(journal.seal());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            journalStopped = true;
            failQueued(new IllegalStateException("the event store is closed"));
        }
    }

    private List<PendingAppend> drainGroup(PendingAppend first) {
        List<PendingAppend> group = new ArrayList<>();
        group.add(first);
        int events = first.events().size();
        PendingAppend next;
        while (events < MAX_GROUP_EVENTS && (next = toJournal.poll()) != null) {
            group.add(next);
            events += next.events().size();
        }
        return group;
    }

    /** Journals the group's events as one record, makes them visible, then answers every request of the group. */
    private void writeGroup(List<PendingAppend> group) {
        List<Event> events = new ArrayList<>();
        group.forEach(pending -> events.addAll(pending.events()));
        JournalPosition end = null;
        if (!events.isEmpty()) {
            try {
                EncodedEvents encoded = EncodedEvents.of(events);
                end = journal.write(encoded);
                writeFailure = null;
                hotTable.load(encoded, end);
            } catch (IOException | RuntimeException e) {
                LOG.error("journal write of {} events failed: {}", events.size(), e.getMessage());
                writeFailure = String.valueOf(e.getMessage());
                group.stream().filter(pending -> !pending.isSeal()).forEach(pending -> pending.done().completeExceptionally(e));
            } finally {
                buffered.addAndGet(-events.size());
            }
        }
        JournalPosition sealed = null;
        if (group.stream().anyMatch(PendingAppend::isSeal)) {
            sealed = journal.seal();
            hotTable.advance(sealed);
        }
        for (PendingAppend pending : group) {
            pending.done().complete(pending.isSeal() ? sealed : end);
        }
    }

    private void failQueued(Exception cause) {
        PendingAppend pending;
        while ((pending = toJournal.poll()) != null) {
            buffered.addAndGet(-pending.events().size());
            pending.done().completeExceptionally(cause);
        }
    }

    /**
     * Stops accepting events, journals what is queued, seals the journal and stops the journal
     * thread, waiting at most {@code timeout}; what the thread has not journaled by then was never
     * acknowledged. The hot tier keeps its events: a flush after this moves them all.
     */
    public void close(Duration timeout) throws InterruptedException {
        accepting = false;
        journalThread.join(Math.max(1, timeout.toMillis()));
        if (journalThread.isAlive()) {
            LOG.warn("the journal did not stop within the shutdown timeout");
            journalThread.interrupt();
            journalThread.join(1000);
        }
        journal.close();
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }
}
