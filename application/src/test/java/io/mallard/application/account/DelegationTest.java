package io.mallard.application.account;

import io.mallard.domain.account.ApiKeyScope;
import io.mallard.domain.account.Role;
import io.mallard.domain.account.Username;
import io.mallard.domain.event.SiteId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules of what an admin may hand on, in plain terms: nothing beyond its own sites, no admins unless it reaches every site, the owner only itself. */
class DelegationTest {
    static final SiteId A = new SiteId("a.test");
    static final SiteId B = new SiteId("b.test");
    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    static User user(long id, Role role, SiteId... sites) {
        return new User(id, new Username("user" + id), role, "hash", Set.of(sites), NOW);
    }

    static Caller session(User user) {
        return new Caller.SignedIn(user, new Session("token" + user.id(), user.id(), NOW, NOW.plusSeconds(60)));
    }

    static Caller key(ApiKeyScope scope, SiteId... sites) {
        return new Caller.KeyHolder(new ApiKey("hash", "key", scope, Set.of(sites), NOW, null));
    }

    static final User OWNER = user(1, Role.OWNER);
    static final User ADMIN_OF_A = user(2, Role.ADMIN, A);
    static final User ADMIN_OF_ALL = user(3, Role.ADMIN);
    static final User VIEWER_OF_A = user(4, Role.VIEWER, A);
    static final User VIEWER_OF_B = user(5, Role.VIEWER, B);

    @Test
    void siteScopesCoverOnlyWhatTheyReach() {
        assertThat(SiteScope.EVERY.covers(new SiteScope.Only(Set.of(A, B)))).isTrue();
        assertThat(new SiteScope.Only(Set.of(A, B)).covers(new SiteScope.Only(Set.of(A)))).isTrue();
        assertThat(new SiteScope.Only(Set.of(A)).covers(SiteScope.EVERY)).isFalse();
        assertThat(new SiteScope.Only(Set.of(A)).covers(new SiteScope.Only(Set.of(A, B)))).isFalse();
        assertThat(SiteScope.ofGrant(Set.of())).isEqualTo(SiteScope.EVERY);
        assertThat(VIEWER_OF_A.siteScope()).isEqualTo(new SiteScope.Only(Set.of(A)));
        assertThat(user(9, Role.VIEWER).siteScope()).as("a viewer without sites reads none").isEqualTo(SiteScope.NONE);
    }

    @Test
    void keysAreIssuedOnlyWithinTheCallersSites() {
        Caller adminKeyOfA = key(ApiKeyScope.ADMIN, A);

        assertThatNoException().isThrownBy(() -> Delegation.requireMayIssueKey(adminKeyOfA, SiteScope.ofGrant(Set.of(A))));
        assertThatThrownBy(() -> Delegation.requireMayIssueKey(adminKeyOfA, SiteScope.ofGrant(Set.of()))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> Delegation.requireMayIssueKey(adminKeyOfA, SiteScope.ofGrant(Set.of(A, B))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> Delegation.requireMayIssueKey(key(ApiKeyScope.READ_ONLY), SiteScope.ofGrant(Set.of(A))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatNoException().isThrownBy(() -> Delegation.requireMayIssueKey(session(ADMIN_OF_ALL), SiteScope.EVERY));
    }

    @Test
    void onlyAnAdminOfEverySiteCreatesAdminsAndOnlyTheOwnerChangesTheOwner() {
        assertThat(Delegation.administers(session(ADMIN_OF_A), VIEWER_OF_A)).isTrue();
        assertThat(Delegation.administers(session(ADMIN_OF_A), VIEWER_OF_B)).isFalse();
        assertThat(Delegation.administers(session(ADMIN_OF_A), ADMIN_OF_A)).as("not even itself").isFalse();
        assertThat(Delegation.administers(session(ADMIN_OF_ALL), ADMIN_OF_A)).isTrue();
        assertThat(Delegation.administers(key(ApiKeyScope.ADMIN), ADMIN_OF_A)).isTrue();
        assertThat(Delegation.administers(session(ADMIN_OF_ALL), OWNER)).isFalse();
        assertThat(Delegation.administers(key(ApiKeyScope.ADMIN), OWNER)).isFalse();
        assertThat(Delegation.administers(session(OWNER), OWNER)).isTrue();
        assertThatThrownBy(() -> Delegation.requireMayGrantAccount(session(ADMIN_OF_A), Role.ADMIN, new SiteScope.Only(Set.of(A))))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> Delegation.requireMayGrantAccount(session(OWNER), Role.OWNER, SiteScope.EVERY))
                .isInstanceOf(AccessDeniedException.class);
    }
}
