package io.mallard.application.storage;

import io.mallard.domain.event.Event;
import io.mallard.domain.event.SiteId;

import java.time.Instant;
import java.util.List;

/**
 * Optional capability: reads back a site's stored events as they are kept, oldest first (then by
 * event id). What an export of the raw data (a GDPR access request) needs, and how the contract kit
 * checks that every field survives storage.
 */
public interface StoredEvents {
    /** The most events one read returns. */
    int MAX_EVENTS = 100_000;

    /** The site's events with {@code from <= timestamp < until}, at most {@code limit} (1 to {@link #MAX_EVENTS}). */
    List<Event> read(SiteId site, Instant from, Instant until, int limit);
}
