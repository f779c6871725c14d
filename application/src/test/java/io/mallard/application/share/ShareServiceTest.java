package io.mallard.application.share;

import io.mallard.application.account.Caller;
import io.mallard.application.account.LoginThrottle;
import io.mallard.application.account.MutableClock;
import io.mallard.application.account.PlainPasswordHasher;
import io.mallard.application.share.ShareService.Unlock;
import io.mallard.application.site.InMemorySiteStore;
import io.mallard.application.site.SiteRegistry;
import io.mallard.application.validation.ConflictException;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.application.validation.NotFoundException;
import io.mallard.domain.event.SiteId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShareServiceTest {
    static final SiteId SITE = new SiteId("shop.test");
    static final SiteId OTHER = new SiteId("blog.test");

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final InMemoryShareStore store = new InMemoryShareStore();
    final SiteRegistry sites = new SiteRegistry(new InMemorySiteStore(), clock);
    final Random random = new Random(11);

    ShareServiceTest() {
        sites.create(SITE, ZoneId.of("UTC"), List.of());
        sites.create(OTHER, ZoneId.of("UTC"), List.of());
    }

    ShareService service() {
        return new ShareService(store, sites, new PlainPasswordHasher(), new LoginThrottle(3, Duration.ofMinutes(5), clock), clock, () -> {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            return bytes;
        });
    }

    @Test
    void anOpenLinkReadsItsSiteOnlyAndIsGoneOnceRevoked() {
        ShareService shares = service();
        SharedLink link = shares.create(SITE, null, null);

        assertThat(link.id()).matches("[A-Za-z0-9_-]{22}");
        assertThat(link.name()).isEqualTo("Shared link");
        Caller.ShareViewer viewer = shares.viewer(link.id(), null).orElseThrow();
        assertThat(viewer.mayRead(SITE)).isTrue();
        assertThat(viewer.mayRead(OTHER)).isFalse();
        assertThat(viewer.isAdmin()).isFalse();

        assertThatThrownBy(() -> shares.revoke(OTHER, link.id())).isInstanceOf(NotFoundException.class);
        shares.revoke(SITE, link.id());
        assertThat(shares.viewer(link.id(), null)).isEmpty();
        assertThat(store.shares()).isEmpty();
    }

    @Test
    void linksOutliveTheServiceAndDieWithTheirSite() {
        SharedLink link = service().create(SITE, "Investors", null);

        ShareService restarted = service();
        assertThat(restarted.list(SITE)).extracting(SharedLink::name).containsExactly("Investors");
        assertThat(restarted.viewer(link.id(), null)).isPresent();

        restarted.removeAll(SITE);
        assertThat(restarted.viewer(link.id(), null)).isEmpty();
        assertThat(service().list(SITE)).isEmpty();
    }

    @Test
    void aPasswordLinkOpensOnlyWithAGrantFromItsPasswordUntilTheGrantExpires() {
        ShareService shares = service();
        SharedLink link = shares.create(SITE, "Board", "board-password");
        assertThat(link.passwordHash()).isEqualTo("plain:board-password");
        assertThat(shares.viewer(link.id(), null)).isEmpty();
        assertThat(shares.viewer(link.id(), "1999999999.forged")).isEmpty();

        assertThat(shares.unlock(link.id(), "wrong-password", "10.0.0.1")).isInstanceOf(Unlock.Rejected.class);
        Unlock.Granted granted = (Unlock.Granted) shares.unlock(link.id(), "board-password", "10.0.0.1");

        assertThat(granted.expiresAt()).isEqualTo(clock.instant().plus(ShareService.GRANT_TTL));
        assertThat(shares.viewer(link.id(), granted.grant())).isPresent();
        assertThat(service().viewer(link.id(), granted.grant())).as("a grant survives a restart").isPresent();
        String tampered = (Long.parseLong(granted.grant().split("\\.")[0]) + 3600) + "." + granted.grant().split("\\.")[1];
        assertThat(shares.viewer(link.id(), tampered)).as("a later expiry breaks the MAC").isEmpty();

        clock.advance(ShareService.GRANT_TTL);
        assertThat(shares.viewer(link.id(), granted.grant())).isEmpty();
    }

    @Test
    void aGrantOfOneLinkOpensNoOther() {
        ShareService shares = service();
        SharedLink first = shares.create(SITE, "One", "same-password");
        SharedLink second = shares.create(SITE, "Two", "same-password");
        Unlock.Granted granted = (Unlock.Granted) shares.unlock(first.id(), "same-password", "10.0.0.1");

        assertThat(shares.viewer(second.id(), granted.grant())).isEmpty();
    }

    @Test
    void wrongPasswordsLockTheLinkForThatAddressOnly() {
        ShareService shares = service();
        SharedLink link = shares.create(SITE, null, "board-password");
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(shares.unlock(link.id(), "guess-" + attempt, "10.0.0.9")).isInstanceOf(Unlock.Rejected.class);
        }

        assertThat(shares.unlock(link.id(), "board-password", "10.0.0.9")).isInstanceOf(Unlock.LockedOut.class);
        assertThat(shares.unlock(link.id(), "board-password", "10.0.0.10")).isInstanceOf(Unlock.Granted.class);
        assertThat(shares.unlockDelay(link.id())).isEqualTo(LoginThrottle.SLOW_DOWN);
    }

    @Test
    void badInputIsRefusedWithTheFieldItConcerns() {
        ShareService shares = service();
        assertThatThrownBy(() -> shares.create(SITE, null, "short")).isInstanceOf(InvalidInputException.class)
                .extracting("field").isEqualTo("password");
        assertThatThrownBy(() -> shares.create(SITE, "x".repeat(101), null)).isInstanceOf(InvalidInputException.class)
                .extracting("field").isEqualTo("name");
        assertThatThrownBy(() -> shares.create(new SiteId("nowhere.test"), null, null)).isInstanceOf(NotFoundException.class);
        SharedLink open = shares.create(SITE, null, null);
        assertThatThrownBy(() -> shares.unlock(open.id(), "anything", "10.0.0.1")).isInstanceOf(NotFoundException.class);
        assertThat(shares.find("../../etc")).isEmpty();
        for (int i = 1; i < ShareService.MAX_PER_SITE; i++) {
            shares.create(SITE, null, null);
        }
        assertThatThrownBy(() -> shares.create(SITE, null, null)).isInstanceOf(ConflictException.class);
    }

    static final class InMemoryShareStore implements ShareStore {
        private final List<SharedLink> links = new ArrayList<>();

        @Override
        public synchronized List<SharedLink> shares() {
            return List.copyOf(links);
        }

        @Override
        public synchronized void save(SharedLink link) {
            links.add(link);
        }

        @Override
        public synchronized boolean delete(String id) {
            return links.removeIf(link -> link.id().equals(id));
        }

        @Override
        public synchronized void deleteAll(SiteId site) {
            links.removeIf(link -> link.site().equals(site));
        }
    }
}
