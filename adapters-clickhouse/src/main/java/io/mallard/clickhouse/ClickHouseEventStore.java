package io.mallard.clickhouse;

import io.mallard.application.storage.DataDamage;
import io.mallard.application.storage.EventStore;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.event.Event;
import io.mallard.journal.EventJournal;
import io.mallard.journal.JournalPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Events reach ClickHouse through the local journal, so that a 202 still means the event survives
 * {@code kill -9}: callers queue their events; the writer thread takes everything queued (up to
 * {@value #MAX_GROUP_EVENTS} events), appends it to the {@link EventJournal} as one record forced
 * to disk, inserts the record into ClickHouse under a deduplication token naming this node and the
 * record's journal position, and releases every caller of the group. Queries see the events once
 * the insert returns, which is before the callers are released while ClickHouse answers.
 *
 * <p>When an insert fails the group is still acknowledged (it is on disk); its record waits in
 * memory and in the journal, and the writer retries every {@link #RETRY_INTERVAL}, oldest first.
 * At open, every record of earlier processes is inserted again: records that had landed carry the
 * same token and ClickHouse drops them, so a replay after a crash never counts an event twice.
 * Once every record is in ClickHouse the journal's segments are deleted every
 * {@value #RECORDS_PER_SEGMENT} records, which keeps a replay well inside ClickHouse's
 * deduplication window. New events are refused (503) while {@value #MAX_WAITING_EVENTS} wait.
 */
final class ClickHouseEventStore implements EventStore {
    static final int MAX_GROUP_EVENTS = 10_000;
    static final int MAX_WAITING_EVENTS = 100_000;
    static final int RECORDS_PER_SEGMENT = 256;
    static final Duration RETRY_INTERVAL = Duration.ofSeconds(2);
    static final long WRITE_TIMEOUT_SECONDS = 60;
    /** Longest an erasure waits for the journal to reach ClickHouse: 100,000 waiting events take far less. */
    static final long SETTLE_TIMEOUT_MINUTES = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseEventStore.class);

    private final ClickHouseSql sql;
    private final EventJournal journal;
    private final String node;
    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    /** Records on disk and not yet in ClickHouse, oldest first; the writer thread's alone. */
    private final Deque<JournalRecord> uninserted = new ArrayDeque<>();
    /** Events queued or uninserted. */
    private final AtomicLong waiting = new AtomicLong();
    private final Thread writer;
    private long recordsInSegment;
    private long lastInsertFailure = Long.MIN_VALUE;
    private volatile boolean accepting = true;
    /** Why the last journal write failed; null after a write (or a probe) succeeded. */
    private volatile String writeFailure;

    private record JournalRecord(JournalPosition end, List<Event> events) {
    }

    /** Events to write, or a request to {@link #settle}. */
    private record Task(List<Event> events, CompletableFuture<Void> done, boolean settle) {
    }

    private ClickHouseEventStore(ClickHouseSql sql, EventJournal journal, String node) {
        this.sql = sql;
        this.journal = journal;
        this.node = node;
        this.writer = Thread.ofPlatform().name("clickhouse-journal").daemon().unstarted(this::run);
    }

    /**
     * Opens the journal in {@code directory}, inserts every record earlier processes left (throws
     * {@link StorageUnavailableException} when ClickHouse refuses them), and starts the writer.
     * {@code node} names this data directory in deduplication tokens, so two nodes' records never
     * share one.
     */
    static ClickHouseEventStore open(ClickHouseSql sql, Path directory, String node, DataDamage damage) {
        EventJournal journal = EventJournal.open(directory);
        ClickHouseEventStore store = new ClickHouseEventStore(sql, journal, node);
        EventJournal.Replay replayed = journal.replay(JournalPosition.START, (records, end) -> {
            store.uninserted.add(new JournalRecord(end, records.decode()));
            store.waiting.addAndGet(records.count());
        });
        replayed.reportTo(damage);
        try {
            store.insertUninserted();
            store.dropInsertedSegments();
        } catch (StorageUnavailableException e) {
            journal.close();
            throw e;
        }
        if (replayed.events() > 0) {
            LOG.info("inserted {} journaled event(s) into ClickHouse again (those already there are dropped by their tokens)", replayed.events());
        }
        store.writer.start();
        return store;
    }

    @Override
    public void append(List<Event> events) {
        try {
            appendAsync(events).get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for the journal", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StorageUnavailableException failure ? failure
                    : new StorageUnavailableException("the journal failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new StorageUnavailableException("the journal did not write within " + WRITE_TIMEOUT_SECONDS + " s", e);
        }
    }

    @Override
    public CompletableFuture<Void> appendAsync(List<Event> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        if (!accepting) {
            return CompletableFuture.failedFuture(new StorageUnavailableException("the store is closing", null));
        }
        if (waiting.addAndGet(events.size()) > MAX_WAITING_EVENTS) {
            waiting.addAndGet(-events.size());
            return CompletableFuture.failedFuture(new StorageUnavailableException(
                    MAX_WAITING_EVENTS + " events are waiting for ClickHouse; try again later", null));
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Task(List.copyOf(events), done, false));
        return done;
    }

    /**
     * Returns once every event acknowledged before the call is in ClickHouse and the journal holds
     * none of them, so that no later replay can bring back what a deletion removes. Throws
     * {@link StorageUnavailableException} when ClickHouse refuses the inserts.
     */
    void settle() {
        if (!accepting) {
            throw new StorageUnavailableException("the store is closing", null);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Task(List.of(), done, true));
        try {
            done.get(SETTLE_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            throw new StorageUnavailableException("the journal did not settle within " + SETTLE_TIMEOUT_MINUTES + " minutes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while settling the journal", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StorageUnavailableException failure ? failure
                    : new StorageUnavailableException("settling the journal failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Events acknowledged and not yet visible in ClickHouse (with those still queued). */
    long waiting() {
        return waiting.get();
    }

    @Override
    public void checkReadable() {
        sql.count("SELECT count() FROM (SELECT 1 FROM " + sql.events() + " LIMIT 1)", new SqlParams());
    }

    @Override
    public void checkWritable() {
        if (!accepting) {
            throw new StorageUnavailableException("the store is closing", null);
        }
        if (waiting.get() >= MAX_WAITING_EVENTS) {
            throw new StorageUnavailableException(MAX_WAITING_EVENTS + " events are waiting for ClickHouse", null);
        }
        if (writeFailure != null) {
            try {
                journal.probe();
                writeFailure = null;
            } catch (IOException e) {
                throw new StorageUnavailableException("the journal cannot write: " + writeFailure, e);
            }
        }
    }

    private void run() {
        while (accepting || !queue.isEmpty()) {
            try {
                Task first = queue.poll(uninserted.isEmpty() ? 1_000 : RETRY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (!uninserted.isEmpty()) {
                        tryInsert();
                    }
                } else if (first.settle()) {
                    settle(first);
                } else {
                    write(group(first));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("the ClickHouse journal writer failed; it goes on", e);
            }
        }
        if (!uninserted.isEmpty()) {
            tryInsert();
        }
    }

    /** {@code first} and the appends queued behind it, up to {@value #MAX_GROUP_EVENTS} events; a request to settle ends a group. */
    private List<Task> group(Task first) {
        List<Task> group = new ArrayList<>(List.of(first));
        int events = first.events().size();
        for (Task next = queue.peek(); next != null && !next.settle() && events + next.events().size() <= MAX_GROUP_EVENTS;
             next = queue.peek()) {
            group.add(queue.poll());
            events += next.events().size();
        }
        return group;
    }

    private void write(List<Task> group) {
        List<Event> events = group.stream().flatMap(task -> task.events().stream()).toList();
        JournalPosition end;
        try {
            end = journal.write(events);
            writeFailure = null;
        } catch (IOException e) {
            writeFailure = e.getMessage();
            waiting.addAndGet(-events.size());
            StorageUnavailableException failure = new StorageUnavailableException("the journal cannot write: " + e.getMessage(), e);
            group.forEach(task -> task.done().completeExceptionally(failure));
            return;
        }
        uninserted.add(new JournalRecord(end, events));
        recordsInSegment++;
        boolean failedLately = lastInsertFailure != Long.MIN_VALUE && System.nanoTime() - lastInsertFailure < RETRY_INTERVAL.toNanos();
        if (!failedLately) {
            tryInsert();
        }
        group.forEach(task -> task.done().complete(null));
    }

    /** Inserts what waits; on failure keeps it for the next retry. */
    private void tryInsert() {
        try {
            insertUninserted();
            lastInsertFailure = Long.MIN_VALUE;
            if (recordsInSegment >= RECORDS_PER_SEGMENT) {
                dropInsertedSegments();
            }
        } catch (StorageUnavailableException e) {
            lastInsertFailure = System.nanoTime();
            LOG.warn("{} acknowledged event(s) wait in the journal for ClickHouse: {}", waiting.get() - queue.stream()
                    .mapToLong(task -> task.events().size()).sum(), e.getMessage());
        }
    }

    private void insertUninserted() {
        for (JournalRecord record = uninserted.peek(); record != null; record = uninserted.peek()) {
            ClickHouseEventInserts.insert(sql.client(), sql.database(), record.events(), token(record.end()));
            uninserted.poll();
            waiting.addAndGet(-record.events().size());
        }
    }

    /** The record's deduplication token: this node and the record's place in its journal, the same at every replay. */
    private String token(JournalPosition end) {
        return "mallard:" + node + ":" + end.segment() + ":" + end.offset();
    }

    /** Deletes the journal's segments, every record in them being in ClickHouse. */
    private void dropInsertedSegments() {
        JournalPosition next = journal.seal();
        journal.deleteBefore(next.segment());
        recordsInSegment = 0;
    }

    private void settle(Task task) {
        try {
            insertUninserted();
            dropInsertedSegments();
            task.done().complete(null);
        } catch (RuntimeException e) {
            lastInsertFailure = System.nanoTime();
            task.done().completeExceptionally(e);
        }
    }

    /** Stops accepting, writes what is queued and tries to insert it within {@code timeout}; what is not inserted stays in the journal. */
    void close(Duration timeout) {
        accepting = false;
        try {
            writer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            writer.interrupt();
        }
        journal.close();
    }
}
