package io.mallard.application.site;

import io.mallard.application.site.Sites.SiteAdmission;
import io.mallard.application.validation.ConflictException;
import io.mallard.application.validation.NotFoundException;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.site.HostPattern;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SiteRegistryTest {
    final InMemorySiteStore store = new InMemorySiteStore();
    final SiteRegistry registry = new SiteRegistry(store, Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC));
    static final SiteId SHOP = new SiteId("shop.example");

    @Test
    void anEmptyRegistryAcceptsAnySiteLikeTheReferenceWithAnEmptyAllowlist() {
        assertThat(registry.admit(new SiteId("anything.example"), "anything.example")).isEqualTo(SiteAdmission.ADMITTED);
        assertThat(registry.acceptsUnregistered()).isTrue();
    }

    @Test
    void onceASiteIsRegisteredOthersAreRefusedUnlessTheInstanceIsOpen() {
        registry.create(SHOP, ZoneOffset.UTC, List.of());
        assertThat(registry.admit(new SiteId("other.example"), null)).isEqualTo(SiteAdmission.UNKNOWN_SITE);

        registry.setUnregisteredSites(UnregisteredSites.ACCEPT);
        assertThat(registry.admit(new SiteId("other.example"), null)).isEqualTo(SiteAdmission.ADMITTED);

        registry.setUnregisteredSites(UnregisteredSites.REFUSE);
        registry.remove(SHOP);
        assertThat(registry.admit(new SiteId("other.example"), null)).isEqualTo(SiteAdmission.UNKNOWN_SITE);
    }

    @Test
    void anotherNodesSiteIsSeenAtARereadAndOnlyAChangeReachesTheListeners() {
        java.util.concurrent.atomic.AtomicInteger changes = new java.util.concurrent.atomic.AtomicInteger();
        registry.onChange(changes::incrementAndGet);
        SiteRegistry otherNode = new SiteRegistry(store, Clock.systemUTC());

        otherNode.create(SHOP, ZoneOffset.UTC, List.of());
        assertThat(registry.find(SHOP)).isEmpty();
        registry.reread();
        assertThat(registry.find(SHOP)).isPresent();
        registry.reread();

        assertThat(changes).hasValue(1);
    }

    @Test
    void aRegisteredSiteAcceptsItsOwnAndAllowedHostsOnly() {
        registry.create(SHOP, ZoneOffset.UTC, List.of(new HostPattern("*.cdn.example")));
        assertThat(registry.admit(SHOP, "www.shop.example")).isEqualTo(SiteAdmission.ADMITTED);
        assertThat(registry.admit(SHOP, "a.cdn.example")).isEqualTo(SiteAdmission.ADMITTED);
        assertThat(registry.admit(SHOP, "evil.example")).isEqualTo(SiteAdmission.FOREIGN_ORIGIN);
        assertThat(registry.admit(SHOP, null)).as("no Origin: a server-side sender").isEqualTo(SiteAdmission.ADMITTED);
    }

    @Test
    void siteIdsAreCaseInsensitiveAndKeptLowerCase() {
        registry.create(new SiteId("Shop.Example"), ZoneOffset.UTC, List.of());
        assertThat(registry.sites()).extracting(site -> site.id().value()).containsExactly("shop.example");
        assertThat(registry.admit(new SiteId("SHOP.example"), null)).isEqualTo(SiteAdmission.ADMITTED);
        assertThatThrownBy(() -> registry.create(SHOP, ZoneOffset.UTC, List.of())).isInstanceOf(ConflictException.class);
    }

    @Test
    void updatesChangeOnlyWhatIsGivenAndUnknownSitesAreNotFound() {
        registry.create(SHOP, ZoneOffset.UTC, List.of(new HostPattern("a.example")));
        registry.update(SHOP, Optional.of(ZoneId.of("Asia/Tokyo")), Optional.empty());
        assertThat(registry.timeZone(SHOP)).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(registry.find(SHOP).orElseThrow().allowedHosts()).containsExactly(new HostPattern("a.example"));
        assertThat(registry.timeZone(new SiteId("unknown.example"))).isEqualTo(ZoneOffset.UTC);
        assertThatThrownBy(() -> registry.update(new SiteId("unknown.example"), Optional.empty(), Optional.empty()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void configuredSitesAreRegisteredOnceAndChangesPersistAcrossARegistryReload() {
        registry.registerConfigured(List.of(SHOP));
        assertThat(registry.timeZone(SHOP).getId()).as("named UTC, as the API shows it").isEqualTo("UTC");
        registry.update(SHOP, Optional.of(ZoneId.of("Europe/Paris")), Optional.empty());
        SiteRegistry restarted = new SiteRegistry(store, Clock.systemUTC());
        restarted.registerConfigured(List.of(SHOP));
        assertThat(restarted.timeZone(SHOP)).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(restarted.sites()).hasSize(1);
    }
}
