package io.mallard.application.ingest;

import io.mallard.application.agent.UserAgent;
import io.mallard.application.agent.UserAgentParser;
import io.mallard.application.geo.GeoLocator;
import io.mallard.application.geo.Location;
import io.mallard.application.site.InMemorySiteStore;
import io.mallard.application.site.SiteRegistry;
import io.mallard.application.storage.EventStore;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.network.IpLiteral;
import io.mallard.domain.network.TrustedProxies;
import io.mallard.domain.privacy.GeoPrecision;
import io.mallard.domain.privacy.PrivacyPolicy;
import io.mallard.domain.visitor.VisitorIdHasher;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestServiceTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:15:30Z");
    static final String FIREFOX = "Mozilla/5.0 Firefox/128.0";

    /** In-memory fake of the store port. */
    static final class MemoryStore implements EventStore {
        final List<Event> events = new ArrayList<>();

        @Override
        public void append(List<Event> batch) {
            events.addAll(batch);
        }

        @Override
        public void checkReadable() {
        }
    }

    final MemoryStore store = new MemoryStore();
    final List<InetAddress> located = new ArrayList<>();

    GeoLocator geo = new GeoLocator() {
        @Override
        public Location locate(InetAddress address) {
            located.add(address);
            return new Location("DE", "Berlin", "Berlin");
        }

        @Override
        public boolean isLoaded() {
            return true;
        }
    };

    IngestService service(Set<SiteId> sites, int clientRate, PrivacyPolicy privacy) {
        SiteRegistry registry = new SiteRegistry(new InMemorySiteStore(), Clock.fixed(NOW, ZoneOffset.UTC));
        registry.registerConfigured(sites);
        IngestPipeline.Settings settings = new IngestPipeline.Settings(TrustedProxies.parse("127.0.0.1"), registry,
                TokenBuckets.unlimited(), new TokenBuckets(clientRate, 10, () -> 0L), true,
                ua -> ua.contains("Automaton") ? new UserAgent(null, null, null, null, "Robot", true)
                        : new UserAgent("Firefox", "128", "Linux", null, "Desktop", false),
                new VisitorIdHasher("test-secret-0123456789"), geo, privacy.geoPrecision());
        return new IngestService(IngestPipeline.steps(settings), privacy, new EventIds(Clock.fixed(NOW, ZoneOffset.UTC)),
                () -> "random-id", store, new VisitAssigner(Duration.ofMinutes(30), 1000));
    }

    IngestService service() {
        return service(Set.of(), 0, PrivacyPolicy.STANDARD);
    }

    /** The outcome once stored (the memory store stores before its future is returned). */
    static IngestOutcome ingest(IngestService service, TrackingRequest request, ClientContext client) {
        return service.ingestAsync(request, client).join();
    }

    static ClientContext from(String peer, String forwardedFor, String userAgent, String origin) {
        return new ClientContext(IpLiteral.parse(peer).orElseThrow(), forwardedFor, null, userAgent, origin, NOW);
    }

    static TrackingRequest pageview(String site, String url) {
        return new TrackingRequest(site, "pageview", url, "https://www.google.com/", 400, null, null, null, null, null, null);
    }

    @Test
    void anAcceptedEventIsStoredFullyEnriched() {
        IngestOutcome outcome = ingest(service(), pageview("shop.test", "https://shop.test/cart/?utm_campaign=x"),
                from("198.51.100.1", null, FIREFOX, "shop.test"));

        assertThat(outcome).isInstanceOf(IngestOutcome.Accepted.class);
        Event event = store.events.getFirst();
        assertThat(event.pathname()).isEqualTo("/cart");
        assertThat(event.referrerSource()).isEqualTo("Google");
        assertThat(event.utmCampaign()).isEqualTo("x");
        assertThat(event.browser()).isEqualTo("Firefox");
        assertThat(event.screenSize()).isEqualTo("Mobile");
        assertThat(event.countryCode()).isEqualTo("DE");
        assertThat(event.timestamp()).isEqualTo(NOW);
        assertThat(event.visitorId()).hasSize(64);
    }

    @Test
    void ingestAsyncCompletesWithTheOutcomeAndStoresOnlyAcceptedEvents() {
        IngestService service = service(Set.of(new SiteId("shop.test")), 0, PrivacyPolicy.STANDARD);

        assertThat(service.ingestAsync(pageview("shop.test", "/"), from("198.51.100.1", null, FIREFOX, null)))
                .isCompletedWithValueMatching(outcome -> outcome instanceof IngestOutcome.Accepted);
        assertThat(service.ingestAsync(pageview("other.test", "/"), from("198.51.100.1", null, FIREFOX, null)))
                .isCompletedWithValue(new IngestOutcome.Refused(Refusal.UNKNOWN_SITE));
        assertThat(store.events).hasSize(1);
        assertThatThrownBy(() -> service.ingestAsync(pageview("shop.test", "javascript:alert(1)"), from("198.51.100.1", null, FIREFOX, null)))
                .isInstanceOf(InvalidEventException.class);
    }

    @Test
    void onlyAUserAgentNeverParsedMayBlock() {
        Set<String> parsed = Set.of(FIREFOX);
        ParseUserAgent step = new ParseUserAgent(new UserAgentParser() {
            @Override
            public UserAgent parse(String userAgent) {
                return UserAgent.UNKNOWN;
            }

            @Override
            public boolean isCached(String userAgent) {
                return parsed.contains(userAgent);
            }
        }, true);

        assertThat(step.mayBlock(from("198.51.100.1", null, FIREFOX, null))).isFalse();
        assertThat(step.mayBlock(from("198.51.100.1", null, "Mozilla/5.0 Firefox/131.0", null))).isTrue();
        assertThat(step.mayBlock(from("198.51.100.1", null, "", null))).isFalse();
        assertThat(service().mayBlock(from("198.51.100.1", null, FIREFOX, null))).as("this test's parser caches nothing").isTrue();
        assertThat(service().mayBlock(from("198.51.100.1", null, null, null))).isFalse();
    }

    @Test
    void forwardedAddressesCountOnlyFromTrustedProxies() {
        ingest(service(), pageview("a.test", "/"), from("127.0.0.1", "203.0.113.9", FIREFOX, null));
        ingest(service(), pageview("a.test", "/"), from("198.51.100.1", "203.0.113.9", FIREFOX, null));

        assertThat(located).containsExactly(IpLiteral.parse("203.0.113.9").orElseThrow(), IpLiteral.parse("198.51.100.1").orElseThrow());
    }

    @Test
    void botsAreDroppedAndNothingIsStored() {
        assertThat(ingest(service(), pageview("a.test", "/"), from("198.51.100.1", null, "curl/8.0", null)))
                .isEqualTo(new IngestOutcome.Dropped(DropReason.BOT_PATTERN));
        assertThat(ingest(service(), pageview("a.test", "/"), from("198.51.100.1", null, "Mozilla/5.0 Automaton", null)))
                .isEqualTo(new IngestOutcome.Dropped(DropReason.ROBOT_AGENT));
        assertThat(store.events).isEmpty();
    }

    @Test
    void registeredSitesRefuseUnknownSitesAndForeignOriginsButAcceptServerSideSenders() {
        IngestService service = service(Set.of(new SiteId("shop.test")), 0, PrivacyPolicy.STANDARD);

        assertThat(ingest(service, pageview("other.test", "/"), from("198.51.100.1", null, FIREFOX, null)))
                .isEqualTo(new IngestOutcome.Refused(Refusal.UNKNOWN_SITE));
        assertThat(ingest(service, pageview("shop.test", "/"), from("198.51.100.1", null, FIREFOX, "evil.test")))
                .isEqualTo(new IngestOutcome.Refused(Refusal.FOREIGN_ORIGIN));
        assertThat(ingest(service, pageview("shop.test", "/"), from("198.51.100.1", null, FIREFOX, "www.shop.test")))
                .isInstanceOf(IngestOutcome.Accepted.class);
        assertThat(ingest(service, pageview("shop.test", "/"), from("198.51.100.1", null, FIREFOX, null)))
                .isInstanceOf(IngestOutcome.Accepted.class);
    }

    @Test
    void oneClientOverItsBudgetIsRefusedWhileAnotherClientStillGetsThrough() {
        IngestService service = service(Set.of(), 2, PrivacyPolicy.STANDARD);
        for (int i = 0; i < 2; i++) {
            assertThat(ingest(service, pageview("a.test", "/"), from("198.51.100.1", null, FIREFOX, null))).isInstanceOf(IngestOutcome.Accepted.class);
        }

        assertThat(ingest(service, pageview("a.test", "/"), from("198.51.100.1", null, FIREFOX, null)))
                .isEqualTo(new IngestOutcome.Refused(Refusal.RATE_LIMITED));
        assertThat(ingest(service, pageview("a.test", "/"), from("198.51.100.2", null, FIREFOX, null)))
                .isInstanceOf(IngestOutcome.Accepted.class);
    }

    @Test
    void thePrivacyPolicyIsAppliedLast() {
        IngestService service = service(Set.of(), 0, PrivacyPolicy.gdprMode(GeoPrecision.CITY));

        ingest(service, new TrackingRequest("a.test", "pageview", "/", "https://ref.org/x?token=1", 1200, null, null, null, null, null, null),
                from("198.51.100.1", null, FIREFOX, null));

        Event event = store.events.getFirst();
        assertThat(event.referrer()).isEqualTo("https://ref.org/x");
        assertThat(event.city()).isNull();
        assertThat(event.browserVersion()).isNull();
        assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void contractViolationsThrowNamingTheFieldAndStoreNothing() {
        assertThatThrownBy(() -> ingest(service(), new TrackingRequest("a.test", null, "/", null, null, null, null, null, null, null, null),
                from("198.51.100.1", null, FIREFOX, null)))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("n"));
        assertThat(store.events).isEmpty();
    }

    @Test
    void aUserKeyReplacesTheAddressHashWithTheSitesOwnIdentityAndIsNotKept() {
        IngestService service = service();
        TrackingRequest signedIn = new TrackingRequest("a.test", "pageview", "/", null, null, null, null, null, "user-42", null, null);

        ingest(service, signedIn, from("198.51.100.1", null, FIREFOX, null));
        ingest(service, signedIn, from("198.51.100.2", null, "Mozilla/5.0 Chrome/120.0", null));
        ingest(service, pageview("a.test", "/"), from("198.51.100.1", null, FIREFOX, null));
        ingest(service, new TrackingRequest("a.test", "pageview", "/", null, null, null, null, null, "  ", null, null),
                from("198.51.100.1", null, FIREFOX, null));

        List<String> ids = store.events.stream().map(Event::visitorId).toList();
        assertThat(ids.get(0)).isEqualTo(ids.get(1))
                .isEqualTo(new VisitorIdHasher("test-secret-0123456789").identifiedUserId(new SiteId("a.test"), "user-42"))
                .isNotEqualTo(ids.get(2));
        assertThat(ids.get(3)).as("a blank key is no key").isEqualTo(ids.get(2));
        assertThat(store.events.toString()).doesNotContain("user-42");
    }

    @Test
    void aUserKeyThatIsTooLongOrHoldsControlCharactersIsRefusedNamingUid() {
        for (String uid : List.of("k".repeat(Hit.MAX_USER_KEY_LENGTH + 1), "user\n42")) {
            assertThatThrownBy(() -> ingest(service(), new TrackingRequest("a.test", "pageview", "/", null, null, null, null, null, uid, null, null),
                    from("198.51.100.1", null, FIREFOX, null)))
                    .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("uid"));
        }
        assertThat(ingest(service(), new TrackingRequest("a.test", "pageview", "/", null, null, null, null, null,
                "k".repeat(Hit.MAX_USER_KEY_LENGTH), null, null), from("198.51.100.1", null, FIREFOX, null)))
                .isInstanceOf(IngestOutcome.Accepted.class);
        assertThat(store.events).hasSize(1);
    }

    @Test
    void eventIdsAreUniqueAndIncreasingEvenWithAFrozenClock() {
        IngestService service = service();
        for (int i = 0; i < 100; i++) {
            ingest(service, pageview("a.test", "/"), from("198.51.100.1", null, FIREFOX, null));
        }
        assertThat(store.events).extracting(Event::eventId).isSorted().doesNotHaveDuplicates();
    }
}
