package io.mallard.duckdb;

import io.mallard.application.storage.EventStore;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.event.Event;
import io.mallard.duckdb.journal.EventJournal;
import io.mallard.duckdb.journal.JournalPosition;
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
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores events in two steps, so that an acknowledgement costs one {@code fdatasync} and no DuckDB
 * work:
 * <ol>
 *   <li><b>journal</b> — callers queue their events and wait; the journal thread takes everything
 *   queued (up to {@value #MAX_GROUP_EVENTS} events), appends it to the {@link EventJournal} as one
 *   record, forces it to disk and releases every caller of the group (group commit). Returning from
 *   {@link #append} means the events survive {@code kill -9} and power loss;</li>
 *   <li><b>load</b> — the loader thread collects journaled groups for {@link #LOAD_DELAY} and
 *   appends them to the in-memory {@link HotTable} in one statement, tagged with the journal
 *   position after them. Queries see an event once it is loaded, normally within a fraction of a
 *   second.</li>
 * </ol>
 * The journal keeps every record until a flush has moved its events to Parquet and recorded the
 * position it reached ({@link HotTable#whenMoved}); at open, the records after that position are
 * loaded into the hot table again before anything else, so nothing acknowledged is lost and nothing
 * is counted twice. When the loader falls {@value #MAX_BUFFERED_EVENTS} events behind,
 * {@link #append} refuses new events (the HTTP layer answers 503 with Retry-After) rather than let
 * memory grow.
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
    static final Duration LOAD_DELAY = Duration.ofMillis(200);
    static final int MAX_LOAD_EVENTS = 50_000;
    /** Longest a caller waits for its journal write; past it the caller gets an error (a 503), never a hang. */
    static final long WRITE_TIMEOUT_SECONDS = 60;
    private static final Duration LOAD_RETRY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbEventStore.class);

    private final DuckDbDatabase database;
    private final EventJournal journal;
    private final HotTable hotTable;
    private final BlockingQueue<PendingAppend> toJournal = new LinkedBlockingQueue<>();
    private final BlockingQueue<JournaledGroup> toLoad = new LinkedBlockingQueue<>();
    /** Events accepted by {@link #append} and not yet loaded. */
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicLong journaledEvents = new AtomicLong();
    private final Object loadedMonitor = new Object();
    private long loadedEvents;
    /** Set by {@link #awaitLoaded}: load now instead of waiting for the batch to grow. Guarded by loadedMonitor. */
    private boolean loadRequested;
    private final Thread journalThread;
    private final Thread loaderThread;
    private volatile boolean accepting = true;
    private volatile boolean journalStopped;

    /** Events to journal, or, with no events, a request to seal the journal (see {@link #drainJournal}). */
    private record PendingAppend(List<Event> events, CompletableFuture<JournalPosition> done) {
        boolean isSeal() {
            return events.isEmpty();
        }
    }

    /** Events journaled up to {@code end}; no events marks a seal (everything before {@code end} is journaled). */
    private record JournaledGroup(List<Event> events, JournalPosition end, long journaledAtNanos) {
    }

    private DuckDbEventStore(DuckDbDatabase database, EventJournal journal, HotTable hotTable) {
        this.database = database;
        this.journal = journal;
        this.hotTable = hotTable;
        this.journalThread = Thread.ofPlatform().name("mallard-journal").daemon(true).unstarted(this::journalLoop);
        this.loaderThread = Thread.ofPlatform().name("mallard-loader").daemon(true).unstarted(this::loadLoop);
    }

    /**
     * Opens the journal in {@code journalDirectory}, loads into the hot table what it holds beyond
     * the position flushed to Parquet (a previous process's events not yet moved), and starts the
     * journal and loader threads. Flushes then make the journal drop what they moved.
     */
    public static DuckDbEventStore open(DuckDbDatabase database, Path journalDirectory) {
        HotTable hotTable = database.hot();
        JournalPosition flushed;
        try (DuckDBConnection connection = database.connect()) {
            flushed = HotTable.flushedThrough(connection);
        } catch (SQLException e) {
            throw new StorageUnavailableException("cannot read the journal position: " + e.getMessage(), e);
        }
        JournalPosition loaded = flushed.compareTo(hotTable.loadedThrough()) > 0 ? flushed : hotTable.loadedThrough();
        EventJournal journal = EventJournal.open(journalDirectory, loaded);
        try {
            journal.deleteBefore(flushed.segment());
            replay(journal, hotTable, loaded);
        } catch (SQLException e) {
            journal.close();
            throw new StorageUnavailableException("cannot load the journal into the database: " + e.getMessage(), e);
        }
        hotTable.whenMoved(position -> journal.deleteBefore(position.segment()));
        DuckDbEventStore store = new DuckDbEventStore(database, journal, hotTable);
        store.journalThread.start();
        store.loaderThread.start();
        return store;
    }

    /**
     * Loads the records after {@code loaded}: the flushed position, or what this process's hot
     * table already holds when a store is opened again on the same database.
     */
    private static void replay(EventJournal journal, HotTable hotTable, JournalPosition loaded) throws SQLException {
        ReplayBatches batches = new ReplayBatches(hotTable);
        long replayed = journal.replay(loaded, batches);
        batches.load();
        // Every record of earlier processes is loaded now: a flush reaching this position drops their segments.
        hotTable.load(List.of(), journal.start());
        if (replayed > 0) {
            LOG.info("loaded {} journaled event(s) not yet in Parquet", replayed);
        }
    }

    /** Loads replayed records in batches of up to {@link #MAX_LOAD_EVENTS}, each with the position after it. */
    private static final class ReplayBatches implements EventJournal.ReplayConsumer<SQLException> {
        private final HotTable hotTable;
        private final List<Event> events = new ArrayList<>();
        private JournalPosition end;

        ReplayBatches(HotTable hotTable) {
            this.hotTable = hotTable;
        }

        @Override
        public void accept(List<Event> group, JournalPosition groupEnd) throws SQLException {
            events.addAll(group);
            end = groupEnd;
            if (events.size() >= MAX_LOAD_EVENTS) {
                load();
            }
        }

        void load() throws SQLException {
            if (end != null && !events.isEmpty()) {
                hotTable.load(events, end);
                events.clear();
            }
        }
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
        if (buffered.addAndGet(events.size()) > MAX_BUFFERED_EVENTS) {
            buffered.addAndGet(-events.size());
            throw new StorageUnavailableException("more than " + MAX_BUFFERED_EVENTS + " events wait for the database", null);
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
     * Waits until every event acknowledged before the call is loaded and visible to queries.
     * Returns false if that did not happen within the timeout.
     */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        long target = journaledEvents.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (loadedMonitor) {
            loadRequested = true;
            loadedMonitor.notifyAll();
            while (loadedEvents < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(loadedMonitor, left);
            }
        }
        return true;
    }

    /**
     * Seals the journal and loads every event acknowledged before the call into the hot table:
     * returns the position of the new segment, before which every such event lies and up to which
     * the hot table is loaded, so the next flush moves them all and the journal drops every
     * segment holding them. Throws when loading takes longer than {@code timeout}.
     */
    public JournalPosition drainJournal(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JournalPosition boundary = submit(new PendingAppend(List.of(), new CompletableFuture<>()), timeout);
        try {
            synchronized (loadedMonitor) {
                loadRequested = true;
                loadedMonitor.notifyAll();
                while (hotTable.loadedThrough().compareTo(boundary) < 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new StorageUnavailableException("journaled events were not loaded within " + timeout.toSeconds() + " s", null);
                    }
                    TimeUnit.NANOSECONDS.timedWait(loadedMonitor, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while draining the journal", e);
        }
        return boundary;
    }

    @Override
    public void checkReadable() {
        try (DuckDBConnection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM " + HotTable.VISIBLE).close();
        } catch (SQLException e) {
            throw new StorageUnavailableException("storage does not answer queries: " + e.getMessage(), e);
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
            toLoad.add(new JournaledGroup(List.of(), journal.seal(), System.nanoTime()));
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

    private void writeGroup(List<PendingAppend> group) {
        List<Event> events = new ArrayList<>();
        group.forEach(pending -> events.addAll(pending.events()));
        JournalPosition end = null;
        if (!events.isEmpty()) {
            try {
                end = journal.write(events);
                journaledEvents.addAndGet(events.size());
                toLoad.add(new JournaledGroup(events, end, System.nanoTime()));
            } catch (IOException | RuntimeException e) {
                LOG.error("journal write of {} events failed: {}", events.size(), e.getMessage());
                buffered.addAndGet(-events.size());
                group.stream().filter(pending -> !pending.isSeal()).forEach(pending -> pending.done().completeExceptionally(e));
            }
        }
        JournalPosition sealed = null;
        if (group.stream().anyMatch(PendingAppend::isSeal)) {
            sealed = journal.seal();
            toLoad.add(new JournaledGroup(List.of(), sealed, System.nanoTime()));
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

    private void loadLoop() {
        try {
            while (!journalStopped || !toLoad.isEmpty()) {
                JournaledGroup first = toLoad.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                waitForMore(first);
                List<JournaledGroup> batch = new ArrayList<>(List.of(first));
                int events = first.events().size();
                JournaledGroup next;
                while (events < MAX_LOAD_EVENTS && (next = toLoad.poll()) != null) {
                    batch.add(next);
                    events += next.events().size();
                }
                loadWithRetry(batch, events);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Lets a batch grow for {@link #LOAD_DELAY} after its first group — one commit per batch, not
     * per group — unless the store is closing or someone waits for the load.
     */
    private void waitForMore(JournaledGroup first) throws InterruptedException {
        long deadline = first.journaledAtNanos() + LOAD_DELAY.toNanos();
        synchronized (loadedMonitor) {
            long wait;
            while ((wait = deadline - System.nanoTime()) > 0 && accepting && !loadRequested) {
                TimeUnit.NANOSECONDS.timedWait(loadedMonitor, wait);
            }
            loadRequested = false;
        }
    }

    /**
     * Loads one batch (all or nothing), retrying while the database refuses (out of memory, say).
     * The events are safe in the journal meanwhile; if the process stops first, the next start
     * loads them.
     */
    private void loadWithRetry(List<JournaledGroup> batch, int count) throws InterruptedException {
        List<Event> events = new ArrayList<>(count);
        batch.forEach(group -> events.addAll(group.events()));
        JournalPosition end = batch.getLast().end();
        while (true) {
            try {
                hotTable.load(events, end);
                break;
            } catch (SQLException | RuntimeException e) {
                LOG.error("loading {} journaled events into the hot table failed, retrying in {} s: {}",
                        count, LOAD_RETRY.toSeconds(), e.getMessage());
                Thread.sleep(LOAD_RETRY);
            }
        }
        buffered.addAndGet(-count);
        synchronized (loadedMonitor) {
            loadedEvents += count;
            loadedMonitor.notifyAll();
        }
    }

    /**
     * Stops accepting events, journals what is queued, seals the journal, loads everything journaled
     * (waiting at most {@code timeout} for the database; what is not loaded by then is loaded at the
     * next start), and stops both threads. The hot table keeps its rows: a flush after this moves
     * them all.
     */
    public void close(Duration timeout) throws InterruptedException, SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        accepting = false;
        synchronized (loadedMonitor) {
            loadedMonitor.notifyAll();
        }
        journalThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        loaderThread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        if (loaderThread.isAlive()) {
            LOG.warn("{} journaled event(s) not loaded before the shutdown timeout; they are loaded at the next start",
                    buffered.get());
            loaderThread.interrupt();
            loaderThread.join(1000);
        }
        journal.close();
    }

    @Override
    public void close() throws InterruptedException, SQLException {
        close(Duration.ofSeconds(30));
    }
}
