package io.mallard.storage.contract;

import io.mallard.application.storage.StorageEngine;
import io.mallard.domain.event.Engagement;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.Props;
import io.mallard.domain.event.SiteId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Five visitors over three UTC days (2026-03-02..04), small enough to count by hand; the expected
 * figures are worked out in {@link StatsContract}. Visitor A has two visits (a 44-minute gap); C's
 * visit is split between what is settled first and what is appended after; D's events fall on
 * 03-05 in Paris. Page-leave reports: B's, 50 minutes after its only pageview (it still belongs to
 * that visit), and E's two on the same page (their times add up, the deeper scroll counts). The
 * events carry no visit id, so the engine groups them into visits itself (events stored before
 * ingestion assigned visits).
 */
public final class Fixture {
    public static final SiteId SITE = new SiteId("fx.test");
    private static final AtomicLong IDS = new AtomicLong(1);

    private Fixture() {
    }

    /** Stores the fixture: the early part, settled into long-term storage, then the rest. */
    public static void store(EngineUnderTest under, StorageEngine engine) {
        engine.events().append(early());
        under.settle(engine);
        engine.events().append(late());
    }

    /** Events of 2026-03-02 and C's first two events. */
    static List<Event> early() {
        return List.of(
                // A: Chrome, DE. Visit 1 from Google: /, /pricing, signup. Visit 2 (44 min later), direct: /blog.
                of("A", "2026-03-02T10:00:00Z", "pageview", "/").source("Google").agent("Chrome", "DE").build(),
                of("A", "2026-03-02T10:05:00Z", "pageview", "/pricing").agent("Chrome", "DE").build(),
                of("A", "2026-03-02T10:06:00Z", "signup", "/pricing").agent("Chrome", "DE").props("{\"plan\":\"pro\"}").build(),
                of("A", "2026-03-02T10:50:00Z", "pageview", "/blog").agent("Chrome", "DE").build(),
                // B: Firefox, US, direct, one pageview: a bounce; the tab is left 50 minutes later (40 s visible).
                of("B", "2026-03-02T12:00:00Z", "pageview", "/blog").agent("Firefox", "US").build(),
                of("B", "2026-03-02T12:50:00Z", "engagement", "/blog").agent("Firefox", "US").engaged(40_000, 100).build(),
                // C: Chrome, US, from a newsletter campaign: /, purchase 20 USD ... (continued in late())
                of("C", "2026-03-03T09:00:00Z", "pageview", "/").utm("newsletter").agent("Chrome", "US").build(),
                of("C", "2026-03-03T09:10:00Z", "purchase", "/").agent("Chrome", "US").props("{\"plan\":\"starter\"}")
                        .revenue("20.00", "USD").build());
    }

    static List<Event> late() {
        return List.of(
                // ... C's visit goes on after the settle: /checkout.
                of("C", "2026-03-03T09:20:00Z", "pageview", "/checkout").agent("Chrome", "US").build(),
                // D: Safari, FR, from Twitter, late on 03-04 UTC (03-05 in Paris): /, /pricing, purchase 10 EUR.
                of("D", "2026-03-04T23:30:00Z", "pageview", "/").source("Twitter").agent("Safari", "FR").build(),
                of("D", "2026-03-04T23:40:00Z", "pageview", "/pricing").agent("Safari", "FR").build(),
                of("D", "2026-03-04T23:45:00Z", "purchase", "/pricing").agent("Safari", "FR").props("{\"plan\":\"pro\"}")
                        .revenue("10.00", "EUR").build(),
                // E: Chrome, DE, direct: one pageview and two engagement reports (25 + 5 s), still a bounce.
                of("E", "2026-03-04T08:00:00Z", "pageview", "/").agent("Chrome", "DE").build(),
                of("E", "2026-03-04T08:00:25Z", "engagement", "/").agent("Chrome", "DE").engaged(25_000, 60).build(),
                of("E", "2026-03-04T08:00:30Z", "engagement", "/").agent("Chrome", "DE").engaged(5_000, 40).build());
    }

    static Builder of(String visitor, String at, String name, String path) {
        return new Builder(visitor, Instant.parse(at), name, path);
    }

    static final class Builder {
        private final String visitor;
        private final Instant at;
        private final String name;
        private final String path;
        private String source;
        private String utmSource;
        private String browser;
        private String country;
        private String props;
        private BigDecimal amount;
        private String currency;
        private Engagement engagement;

        Builder(String visitor, Instant at, String name, String path) {
            this.visitor = visitor;
            this.at = at;
            this.name = name;
            this.path = path;
        }

        Builder source(String value) {
            source = value;
            return this;
        }

        Builder utm(String value) {
            utmSource = value;
            return this;
        }

        Builder agent(String browserName, String countryCode) {
            browser = browserName;
            country = countryCode;
            return this;
        }

        Builder props(String json) {
            props = json;
            return this;
        }

        Builder revenue(String value, String code) {
            amount = new BigDecimal(value);
            currency = code;
            return this;
        }

        Builder engaged(int millis, int depth) {
            engagement = new Engagement(millis, depth);
            return this;
        }

        Event build() {
            return Event.builder().eventId(IDS.getAndIncrement()).siteId(SITE).visitorId("visitor-" + visitor).timestamp(at)
                    .eventName(new EventName(name)).pathname(path).hostname("fx.test")
                    .referrer(source == null ? null : "https://" + source.toLowerCase() + ".example/").referrerSource(source)
                    .utmSource(utmSource).browser(browser).browserVersion("120").os("Linux").deviceType("Desktop").countryCode(country)
                    .props(props == null ? null : new Props(props)).revenue(amount, currency).engagement(engagement)
                    .build();
        }
    }
}
