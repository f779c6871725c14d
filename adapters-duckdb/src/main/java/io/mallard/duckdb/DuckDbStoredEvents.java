package io.mallard.duckdb;

import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.application.storage.StoredEvents;
import io.mallard.domain.event.EpochMicros;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.SiteId;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** {@link StoredEvents} over both tiers: the site's cold files of the window's days and the hot table. */
final class DuckDbStoredEvents implements StoredEvents {
    private static final String READ = "SELECT " + EventColumns.SELECT_LIST + " FROM {events} WHERE lower(site_id) = lower(?) "
            + "AND \"timestamp\" >= make_timestamp(CAST(? AS BIGINT)) AND \"timestamp\" < make_timestamp(CAST(? AS BIGINT)) "
            + "ORDER BY \"timestamp\", event_id LIMIT ?";

    private final EventSurface surface;

    DuckDbStoredEvents(EventSurface surface) {
        this.surface = surface;
    }

    @Override
    public List<Event> read(SiteId site, Instant from, Instant until, int limit) {
        if (limit < 1 || limit > MAX_EVENTS) {
            throw new IllegalArgumentException("limit must be 1-" + MAX_EVENTS);
        }
        try {
            return surface.query(READ, new EventSurface.SiteWindow(site.value(), from, until), statement -> {
                statement.setString(1, site.value());
                statement.setLong(2, EpochMicros.of(from));
                statement.setLong(3, EpochMicros.of(until));
                statement.setInt(4, limit);
            }, EventColumns::read);
        } catch (SQLException e) {
            throw new StorageUnavailableException("reading stored events failed: " + e.getMessage(), e);
        }
    }
}
