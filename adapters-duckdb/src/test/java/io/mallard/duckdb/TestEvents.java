package io.mallard.duckdb;

import io.mallard.domain.event.Engagement;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.Props;
import io.mallard.domain.event.SiteId;

import java.math.BigDecimal;
import java.time.Instant;

/** Test-data builder for stored events. */
public final class TestEvents {
    private TestEvents() {
    }

    public static Event pageview(long id, String site, Instant at) {
        return new Event(id, new SiteId(site), "v" + (id % 7), at, EventName.PAGEVIEW, "/p" + (id % 5), site,
                "https://google.com/", "Google", "news", null, "spring sale", null, null, "Firefox", "128",
                "Linux", null, "Desktop", "Laptop", "DE", "Berlin", "Berlin", new Props("{\"plan\":\"pro\"}"),
                id % 3 == 0 ? new BigDecimal("9.99") : null, id % 3 == 0 ? "EUR" : null, null, null);
    }

    /** A purchase of {@code amount} EUR (any amount: the edge validates, the store does not). */
    public static Event purchase(long id, String site, Instant at, BigDecimal amount) {
        return new Event(id, new SiteId(site), "v" + (id % 7), at, new EventName("purchase"), "/checkout", site, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, amount, "EUR", null, null);
    }

    /** A page-leave report of 12.5 visible seconds at 75 % depth. */
    public static Event engagement(long id, String site, Instant at) {
        return new Event(id, new SiteId(site), "v" + (id % 7), at, EventName.ENGAGEMENT, "/p" + (id % 5), site, null, null, null,
                null, null, null, null, "Firefox", "128", "Linux", null, "Desktop", "Laptop", "DE", null, null, null, null, null,
                new Engagement(12_500, 75), null);
    }

    /** A pageview by a given visitor (a marker that tests can look for on disk). */
    public static Event visit(long id, String site, String visitorId, Instant at) {
        return new Event(id, new SiteId(site), visitorId, at, EventName.PAGEVIEW, "/", site, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** An event with every optional column null except those the constructor requires. */
    public static Event bare(long id, String site, Instant at) {
        return new Event(id, new SiteId(site), "v", at, new EventName("signup"), "/", null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
