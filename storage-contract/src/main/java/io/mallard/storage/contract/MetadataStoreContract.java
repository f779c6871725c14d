package io.mallard.storage.contract;

import io.mallard.application.account.ApiKey;
import io.mallard.application.account.Session;
import io.mallard.application.account.User;
import io.mallard.application.share.SharedLink;
import io.mallard.application.site.UnregisteredSites;
import io.mallard.application.storage.MetadataStore;
import io.mallard.application.validation.ConflictException;
import io.mallard.domain.account.ApiKeyScope;
import io.mallard.domain.account.Role;
import io.mallard.domain.account.Username;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.site.HostPattern;
import io.mallard.domain.site.Site;
import io.mallard.domain.stats.Goal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every metadata store keeps, and keeps across a restart: accounts, sessions, API keys, sites,
 * the unregistered-sites policy, goals, shared links. A subclass opens a store on storage that
 * outlives the store ({@link #open()} twice sees the same records) and that starts empty per test.
 * A shared store must also move its generation on every change nodes mirror, and only then.
 */
public abstract class MetadataStoreContract {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456Z");

    private MetadataStore store;

    /** A store on this test's storage: empty at the first call, the same records at the next. */
    protected abstract MetadataStore open();

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private MetadataStore reopened() {
        store.close();
        store = open();
        return store;
    }

    @Test
    void usersSurviveARestartWithTheirRoleSitesAndHash() {
        User owner = store.credentials().createUser(new Username("admin"), Role.OWNER, "$argon2id$h1", Set.of(), NOW);
        User viewer = store.credentials().createUser(new Username("Viewer@Example.com"), Role.VIEWER, "$argon2id$h2",
                Set.of(new SiteId("a.com"), new SiteId("b.org")), NOW);
        store.credentials().updatePasswordHash(owner.id(), "$argon2id$h3");

        MetadataStore after = reopened();

        User changedOwner = new User(owner.id(), owner.username(), Role.OWNER, "$argon2id$h3", Set.of(), NOW);
        assertThat(after.credentials().users()).containsExactly(changedOwner, viewer);
        assertThat(after.credentials().user(owner.id())).contains(changedOwner);
        assertThat(after.credentials().user(viewer.id() + 100)).isEmpty();
        assertThat(viewer.username().value()).isEqualTo("viewer@example.com");
    }

    @Test
    void aTakenUsernameIsAConflict() {
        store.credentials().createUser(new Username("admin"), Role.OWNER, "h", Set.of(), NOW);

        assertThatThrownBy(() -> store.credentials().createUser(new Username("ADMIN"), Role.ADMIN, "h", Set.of(), NOW))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void sessionsAreSavedFoundDeletedAndEndedPerUser() {
        Instant later = NOW.plus(1, ChronoUnit.DAYS);
        store.credentials().saveSession(new Session("s1", 1, NOW, later));
        store.credentials().saveSession(new Session("s2", 1, NOW, later));
        store.credentials().saveSession(new Session("s3", 2, NOW, later));
        store.credentials().deleteSessionsOf(1, "s2");

        MetadataStore after = reopened();

        assertThat(after.credentials().sessions()).extracting(Session::tokenHash).containsExactlyInAnyOrder("s2", "s3");
        assertThat(after.credentials().session("s3")).contains(new Session("s3", 2, NOW, later));
        assertThat(after.credentials().session("s1")).isEmpty();
        after.credentials().deleteSessionsOf(2, null);
        after.credentials().deleteSession("s2");
        assertThat(after.credentials().sessions()).isEmpty();
    }

    @Test
    void apiKeysKeepScopeSitesAndLastUseAndCanBeDeleted() {
        ApiKey key = new ApiKey("hash1", "CI export", ApiKeyScope.READ_ONLY, Set.of(new SiteId("a.com")), NOW, null);
        store.credentials().saveApiKey(key);
        store.credentials().recordApiKeyUse("hash1", NOW.plusSeconds(60));

        MetadataStore after = reopened();

        ApiKey used = new ApiKey("hash1", "CI export", ApiKeyScope.READ_ONLY, Set.of(new SiteId("a.com")), NOW, NOW.plusSeconds(60));
        assertThat(after.credentials().apiKeys()).containsExactly(used);
        assertThat(after.credentials().apiKey("hash1")).contains(used);
        assertThat(after.credentials().deleteApiKey("hash1")).isTrue();
        assertThat(after.credentials().deleteApiKey("hash1")).isFalse();
        assertThat(after.credentials().apiKeys()).isEmpty();
        assertThat(after.credentials().apiKey("hash1")).isEmpty();
    }

    @Test
    void sitesSurviveARestartWithTheirTimeZoneAndHosts() {
        Site paris = new Site(new SiteId("paris.example"), ZoneId.of("Europe/Paris"),
                List.of(new HostPattern("shop.paris.example"), new HostPattern("*.cdn.example")), NOW);
        Site utc = new Site(new SiteId("a.example"), ZoneOffset.UTC, List.of(), NOW);
        store.sites().insert(paris);
        store.sites().insert(utc);
        store.sites().update(paris.withTimeZone(ZoneId.of("America/New_York")));

        MetadataStore after = reopened();

        assertThat(after.sites().sites()).containsExactly(utc, paris.withTimeZone(ZoneId.of("America/New_York")));
        assertThat(after.sites().delete(new SiteId("a.example"))).isTrue();
        assertThat(after.sites().delete(new SiteId("a.example"))).isFalse();
        assertThat(after.sites().sites()).extracting(Site::id).containsExactly(new SiteId("paris.example"));
    }

    @Test
    void aTakenSiteIdIsAConflict() {
        Site site = new Site(new SiteId("a.example"), ZoneOffset.UTC, List.of(), NOW);
        store.sites().insert(site);
        assertThatThrownBy(() -> store.sites().insert(site)).isInstanceOf(ConflictException.class);
    }

    @Test
    void theUnregisteredSitesPolicyIsUnsetUntilChosenAndThenPersists() {
        assertThat(store.sites().unregisteredSites()).isEmpty();
        store.sites().saveUnregisteredSites(UnregisteredSites.ACCEPT);
        store.sites().saveUnregisteredSites(UnregisteredSites.REFUSE);

        assertThat(reopened().sites().unregisteredSites()).contains(UnregisteredSites.REFUSE);
    }

    @Test
    void goalsAreKeptPerSiteOldestFirstWithIdsNeverReused() {
        SiteId site = new SiteId("a.example");
        Goal signup = store.goals().insert(site, Goal.Kind.PAGEVIEW, "/signup*");
        Goal purchase = store.goals().insert(site, Goal.Kind.EVENT, "Purchase");
        store.goals().insert(new SiteId("b.example"), Goal.Kind.EVENT, "Other");
        assertThat(store.goals().delete(site, purchase.id())).isTrue();
        assertThat(store.goals().delete(new SiteId("b.example"), signup.id())).isFalse();

        MetadataStore after = reopened();

        Goal download = after.goals().insert(site, Goal.Kind.EVENT, "Download");
        assertThat(download.id()).isGreaterThan(purchase.id());
        assertThat(after.goals().goals(site)).containsExactly(signup, download);
        after.goals().deleteAll(site);
        assertThat(after.goals().goals(site)).isEmpty();
        assertThat(after.goals().goals(new SiteId("b.example"))).hasSize(1);
    }

    @Test
    void sharedLinksSurviveARestartWithOrWithoutAPassword() {
        SharedLink open = new SharedLink("link-open", new SiteId("a.example"), "Team", null, NOW);
        SharedLink locked = new SharedLink("link-locked", new SiteId("a.example"), "Board", "$argon2id$p", NOW);
        store.shares().save(open);
        store.shares().save(locked);

        MetadataStore after = reopened();

        assertThat(after.shares().shares()).containsExactlyInAnyOrder(open, locked);
        assertThat(after.shares().delete("link-open")).isTrue();
        assertThat(after.shares().delete("link-open")).isFalse();
        after.shares().deleteAll(new SiteId("a.example"));
        assertThat(after.shares().shares()).isEmpty();
    }

    @Test
    void aSharedStoresGenerationMovesOnEveryMirroredChangeAndNotOnAKeysUse() {
        assumeTrue(store.shared(), "only a store several nodes share has a generation");
        long start = store.generation();
        User user = store.credentials().createUser(new Username("admin"), Role.OWNER, "h", Set.of(), NOW);
        long afterUser = store.generation();
        store.credentials().saveSession(new Session("s1", user.id(), NOW, NOW.plusSeconds(3600)));
        long afterSession = store.generation();
        store.credentials().saveApiKey(new ApiKey("k1", "key", ApiKeyScope.READ_ONLY, Set.of(), NOW, null));
        long afterKey = store.generation();
        store.credentials().recordApiKeyUse("k1", NOW.plusSeconds(60));
        long afterUse = store.generation();
        store.sites().insert(new Site(new SiteId("a.example"), ZoneOffset.UTC, List.of(), NOW));
        long afterSite = store.generation();

        assertThat(List.of(start, afterUser, afterSession, afterKey, afterSite)).doesNotHaveDuplicates();
        assertThat(afterUse).isEqualTo(afterKey);

        MetadataStore another = open();
        try {
            another.shares().save(new SharedLink("link", new SiteId("a.example"), "Team", null, NOW));
            assertThat(store.generation()).isNotEqualTo(afterSite).isEqualTo(another.generation());
        } finally {
            another.close();
        }
    }
}
