package io.mallard.duckdb;

import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Guards the deletion of cold files against queries reading them: a query holds the read side
 * while it runs; removing files (after compaction or retention has committed their replacement in
 * the manifest) takes the write side, so it waits for running queries and never breaks them.
 */
final class ColdFiles {
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    <T> T whileReading(SqlWork<T> work) throws java.sql.SQLException {
        lock.readLock().lock();
        try {
            return work.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    void deleteExclusively(ColdLayout layout, List<String> relativePaths) {
        lock.writeLock().lock();
        try {
            for (String path : relativePaths) {
                try {
                    java.nio.file.Files.deleteIfExists(layout.absolute(path));
                } catch (java.io.IOException e) {
                    // Not in the manifest any more: a leftover is removed at the next startup.
                    org.slf4j.LoggerFactory.getLogger(ColdFiles.class).warn("could not delete {}: {}", path, e.getMessage());
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @FunctionalInterface
    interface SqlWork<T> {
        T run() throws java.sql.SQLException;
    }
}
