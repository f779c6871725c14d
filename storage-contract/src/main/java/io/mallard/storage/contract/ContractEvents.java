package io.mallard.storage.contract;

import io.mallard.application.stats.StatsQuery;
import io.mallard.application.storage.StorageEngine;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Filters;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Small events and counts for the contracts that are not about figures. */
final class ContractEvents {
    /** Every day the contracts' events fall on, and more. */
    static final DateRange ALL_TIME = new DateRange(LocalDate.parse("2025-01-01"), LocalDate.parse("2027-12-31"));

    private ContractEvents() {
    }

    static Event pageview(long id, String site, String visitor, Instant at) {
        return Event.builder().eventId(id).siteId(new SiteId(site)).visitorId(visitor).timestamp(at).eventName(EventName.PAGEVIEW)
                .pathname("/").hostname(site).build();
    }

    /** The events a site holds, as the stats count them. */
    static long stored(StorageEngine engine, String site) {
        return engine.stats().totals(new StatsQuery(new SiteId(site), ZoneOffset.UTC, ALL_TIME, Filters.NONE)).events();
    }

    /** The visitors a site holds. */
    static long visitors(StorageEngine engine, String site) {
        return engine.stats().totals(new StatsQuery(new SiteId(site), ZoneOffset.UTC, ALL_TIME, Filters.NONE)).visitors();
    }
}
