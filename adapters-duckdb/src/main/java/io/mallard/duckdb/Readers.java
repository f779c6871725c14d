package io.mallard.duckdb;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The queries reading the event surface, so that what a running query may still read is removed
 * only after it:
 * <ul>
 *   <li>cold files whose replacement the manifest has committed (compaction, retention, erasure)
 *   are deleted under the write side of a lock, which waits for running queries;</li>
 *   <li>hot rows a flush has moved to Parquet are released by epoch, without blocking anyone: a
 *   flush ends the current epoch after its commit, and its rows may go once every query that began
 *   in that epoch or before has finished. A query that begins later reads the new manifest and
 *   skips those rows (see {@link HotTable}).</li>
 * </ul>
 * Thread-safe.
 */
final class Readers {
    private final ReentrantReadWriteLock files = new ReentrantReadWriteLock();
    private final Object monitor = new Object();
    /** Readers running, by the epoch they began in. */
    private final TreeMap<Long, Integer> running = new TreeMap<>();
    private long epoch;

    /** Runs a query (or any transaction reading the surface) as a registered reader. */
    <T> T whileReading(SqlWork<T> work) throws SQLException {
        long began = enter();
        files.readLock().lock();
        try {
            return work.run();
        } finally {
            files.readLock().unlock();
            exit(began);
        }
    }

    /** Ends the current epoch and returns it; call right after committing a change readers must see. */
    long endEpoch() {
        synchronized (monitor) {
            return epoch++;
        }
    }

    /** Whether every reader that began in {@code epoch} or before has finished. */
    boolean finishedThrough(long epoch) {
        synchronized (monitor) {
            return running.isEmpty() || running.firstKey() > epoch;
        }
    }

    /** Deletes cold files no longer listed in the manifest, once no query is reading. */
    void deleteExclusively(ColdLayout layout, List<String> relativePaths) {
        files.writeLock().lock();
        try {
            for (String path : relativePaths) {
                try {
                    Files.deleteIfExists(layout.absolute(path));
                } catch (IOException e) {
                    // Not in the manifest any more: a leftover is removed at the next startup.
                    LoggerFactory.getLogger(Readers.class).warn("could not delete {}: {}", path, e.getMessage());
                }
            }
        } finally {
            files.writeLock().unlock();
        }
    }

    /**
     * Runs file work (moving a cold file aside) once no query is reading. Refused (an IOException)
     * on a thread that is itself reading, which would wait for itself.
     */
    void exclusively(FileWork work) throws IOException {
        if (files.getReadHoldCount() > 0) {
            throw new IOException("this thread is reading the event surface; the file is left for the background check");
        }
        files.writeLock().lock();
        try {
            work.run();
        } finally {
            files.writeLock().unlock();
        }
    }

    @FunctionalInterface
    interface FileWork {
        void run() throws IOException;
    }

    private long enter() {
        synchronized (monitor) {
            running.merge(epoch, 1, Integer::sum);
            return epoch;
        }
    }

    private void exit(long began) {
        synchronized (monitor) {
            running.computeIfPresent(began, (key, count) -> count == 1 ? null : count - 1);
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws SQLException;
    }
}
