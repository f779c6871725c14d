package io.mallard.application.storage;

import io.mallard.domain.event.Event;

import java.util.List;

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

    /** Runs a real query against storage; throws {@link StorageUnavailableException} when it cannot. */
    void checkReadable();
}
