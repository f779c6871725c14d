package io.mallard.application.storage;

import io.mallard.domain.event.Event;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Port: where accepted events go.
 *
 * <p>{@link #append} returns only once every given event is durable — it survives a
 * {@code kill -9} of the process — and it becomes visible to queries shortly after (an adapter
 * documents how soon). Concurrent callers may be grouped into one write (group commit); a failure
 * is thrown to every caller of the failed group, and none of that group's events is stored.
 * Thread-safe.
 */
public interface EventStore {
    void append(List<Event> events);

    /**
     * {@link #append} without holding the caller's thread: the future completes once every event is
     * durable, or fails with {@link StorageUnavailableException}. It may complete on the store's
     * writer thread, so what follows it must be quick. The default appends before returning.
     */
    default CompletableFuture<Void> appendAsync(List<Event> events) {
        try {
            append(events);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Runs a real query against storage; throws {@link StorageUnavailableException} when it cannot. */
    void checkReadable();

    /**
     * Throws {@link StorageUnavailableException} while new events cannot be made durable (a full
     * or failing disk); after a failure, a store checks again on each call, so readiness comes
     * back by itself once the disk does. The default says it can.
     */
    default void checkWritable() {
    }
}
