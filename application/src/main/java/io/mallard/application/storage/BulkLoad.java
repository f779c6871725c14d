package io.mallard.application.storage;

import io.mallard.domain.event.Event;

import java.util.List;

/**
 * Optional capability: loads historical events in bulk (the traffic generator, imports) without
 * the per-event durability path; queries see them once {@link #load} returns.
 */
public interface BulkLoad {
    void load(List<Event> events);

    /** Called after the last batch: lets the engine put the loaded days in their final form. */
    default void finish() {
    }
}
