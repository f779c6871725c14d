package io.mallard.storage.contract;

import io.mallard.application.ingest.VisitAssigner;
import io.mallard.domain.event.Engagement;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.Props;
import io.mallard.domain.event.SiteId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Random traffic for the differential contract: a dozen visitors over three days with every kind
 * of event and field the figures read — sources, campaigns, countries, browsers, properties,
 * revenue, page-leave reports, gaps around the visit timeout — half of the visitors with visit ids
 * assigned as ingestion does, half stored without (the engine groups those itself). Times are whole
 * seconds.
 */
final class RandomTraffic {
    static final SiteId SITE = new SiteId("random.test");
    static final Instant START = Instant.parse("2026-04-10T00:00:00Z");
    private static final String[] PAGES = {"/", "/pricing", "/blog", "/blog/post", "/checkout"};
    private static final String[] SOURCES = {null, "Google", "Twitter", "news.example"};
    private static final String[] COUNTRIES = {null, "DE", "US", "FR"};
    private static final String[] BROWSERS = {"Chrome", "Firefox", "Safari", null};
    private static final long[] GAPS = {5, 60, 600, 1799, 1800, 1801, 3000, 7200, 30_000};

    private RandomTraffic() {
    }

    /** The events, in time order. */
    static List<Event> generate(long seed) {
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>();
        long id = 1;
        int visitors = 3 + random.nextInt(10);
        for (int v = 0; v < visitors; v++) {
            String visitor = "%064x".formatted(seed * 1000 + v);
            long at = random.nextInt(3 * 86_400);
            String browser = pick(random, BROWSERS);
            String country = pick(random, COUNTRIES);
            for (int e = 1 + random.nextInt(12); e > 0; e--) {
                at += GAPS[random.nextInt(GAPS.length)];
                String source = random.nextInt(3) == 0 ? pick(random, SOURCES) : null;
                events.add(event(random, id++, visitor, START.plusSeconds(at), source, browser, country));
            }
        }
        events.sort(Comparator.comparing(Event::timestamp).thenComparingLong(Event::eventId));
        VisitAssigner visits = new VisitAssigner(EngineUnderTest.VISIT_TIMEOUT, 10_000);
        List<Event> stored = new ArrayList<>();
        for (Event event : events) {
            boolean assigned = event.visitorId().hashCode() % 2 == 0;
            stored.add(assigned ? visits.assign(event) : event);
        }
        return stored;
    }

    private static Event event(Random random, long id, String visitor, Instant at, String source, String browser, String country) {
        int kind = random.nextInt(10);
        String name = kind < 6 ? "pageview" : kind < 8 ? "engagement" : kind == 8 ? "signup" : "purchase";
        Event.Builder event = Event.builder().eventId(id).siteId(SITE).visitorId(visitor).timestamp(at).eventName(new EventName(name))
                .pathname(pick(random, PAGES)).hostname(random.nextInt(5) == 0 ? "www.random.test" : "random.test")
                .referrerSource(source).referrer(source == null ? null : "https://" + source + "/")
                .utmSource(random.nextInt(6) == 0 ? "newsletter" : null).browser(browser).browserVersion(browser == null ? null : "12" + random.nextInt(3))
                .os("Linux").osVersion(random.nextBoolean() ? "6" : null).deviceType("Desktop").countryCode(country)
                .region(country == null ? null : country + "-1").city(country == null ? null : "City");
        if (name.equals("engagement")) {
            event.engagement(new Engagement(random.nextInt(60_000), random.nextInt(101)));
        }
        if (name.equals("signup") || name.equals("purchase")) {
            event.props(new Props(random.nextBoolean() ? "{\"plan\":\"pro\",\"seats\":3}" : "{\"plan\":\"free\"}"));
        }
        if (name.equals("purchase")) {
            event.revenue(new BigDecimal(random.nextInt(10_000)).movePointLeft(2), random.nextBoolean() ? "EUR" : "USD");
        }
        return event.build();
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
