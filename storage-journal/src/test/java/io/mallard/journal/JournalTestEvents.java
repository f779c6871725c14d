package io.mallard.journal;

import io.mallard.domain.event.Engagement;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.Props;
import io.mallard.domain.event.SiteId;

import java.math.BigDecimal;
import java.time.Instant;

/** Events for the journal's tests: one with most columns set, a page-leave report, and one with only the required columns. */
final class JournalTestEvents {
    private JournalTestEvents() {
    }

    static Event pageview(long id, String site, Instant at) {
        return Event.builder().eventId(id).siteId(new SiteId(site)).visitorId("v" + (id % 7)).timestamp(at).eventName(EventName.PAGEVIEW)
                .pathname("/p" + (id % 5)).hostname(site).referrer("https://google.com/").referrerSource("Google").utmSource("news")
                .utmCampaign("spring sale").browser("Firefox").browserVersion("128").os("Linux").deviceType("Desktop")
                .screenSize("Laptop").countryCode("DE").region("Berlin").city("Berlin").props(new Props("{\"plan\":\"pro\"}"))
                .revenue(id % 3 == 0 ? new BigDecimal("9.99") : null, id % 3 == 0 ? "EUR" : null).build();
    }

    /** A page-leave report of 12.5 visible seconds at 75 % depth. */
    static Event engagement(long id, String site, Instant at) {
        return Event.builder().eventId(id).siteId(new SiteId(site)).visitorId("v" + (id % 7)).timestamp(at).eventName(EventName.ENGAGEMENT)
                .pathname("/p" + (id % 5)).hostname(site).engagement(new Engagement(12_500, 75)).build();
    }

    /** An event with only the required columns. */
    static Event bare(long id, String site, Instant at) {
        return Event.builder().eventId(id).siteId(new SiteId(site)).visitorId("v").timestamp(at).eventName(new EventName("signup"))
                .pathname("/").build();
    }
}
