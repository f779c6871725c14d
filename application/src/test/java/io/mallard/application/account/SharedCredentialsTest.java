package io.mallard.application.account;

import io.mallard.domain.account.ApiKeyScope;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes' services over one store, as behind a load balancer: what one does, the other sees. */
class SharedCredentialsTest {
    static final PasswordHasher PLAIN = new PlainPasswordHasher();

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final InMemoryCredentialStore store = new InMemoryCredentialStore();
    final Random random = new Random(11);

    AccountService accounts(CredentialLookThrough lookThrough) {
        return new AccountService(store, PLAIN, new LoginThrottle(3, Duration.ofMinutes(5), clock), clock, this::bytes,
                Duration.ofHours(1), lookThrough);
    }

    ApiKeyService keys(CredentialLookThrough lookThrough) {
        return new ApiKeyService(store, clock, this::bytes, lookThrough);
    }

    byte[] bytes() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }

    @Test
    void aSessionMadeOnOneNodeIsValidOnTheOtherAtOnceAndItsLogoutAfterAReread() {
        AccountService nodeA = accounts(CredentialLookThrough.sharedStore(clock));
        AccountService nodeB = accounts(CredentialLookThrough.sharedStore(clock));
        AccountService.LoginResult.SignedIn owner = nodeA.setup("long-enough-1", nodeA.setupCode().orElseThrow());

        assertThat(nodeB.authenticate(owner.token())).map(caller -> caller.user().id()).contains(owner.user().id());

        nodeA.logout(nodeA.authenticate(owner.token()).orElseThrow());
        assertThat(nodeA.authenticate(owner.token())).isEmpty();
        nodeB.reread();
        assertThat(nodeB.authenticate(owner.token())).isEmpty();
    }

    @Test
    void aNodeOwningItsStoreNeverAsksItAboutAnUnknownSession() {
        AccountService nodeA = accounts(CredentialLookThrough.NEVER);
        AccountService nodeB = accounts(CredentialLookThrough.NEVER);
        String token = nodeA.setup("long-enough-1", nodeA.setupCode().orElseThrow()).token();

        assertThat(nodeB.authenticate(token)).isEmpty();
        nodeB.reread();
        assertThat(nodeB.authenticate(token)).isPresent();
    }

    @Test
    void aKeyIssuedOnOneNodeWorksOnTheOtherAndItsRevocationReachesItOnAReread() {
        AccountService nodeA = accounts(CredentialLookThrough.sharedStore(clock));
        Caller owner = nodeA.authenticate(nodeA.setup("long-enough-1", nodeA.setupCode().orElseThrow()).token()).orElseThrow();
        ApiKeyService keysA = keys(CredentialLookThrough.sharedStore(clock));
        ApiKeyService keysB = keys(CredentialLookThrough.sharedStore(clock));
        ApiKeyService.CreatedKey key = keysA.create(owner, "export", ApiKeyScope.READ_ONLY, Set.of());

        assertThat(keysB.authenticate(key.plaintext())).isPresent();

        keysA.revoke(owner, key.key().keyHash());
        keysB.reread();
        assertThat(keysB.authenticate(key.plaintext())).isEmpty();
    }

    @Test
    void unknownCredentialsCostAtMostABoundedNumberOfStoreLookupsPerSecond() {
        CountingLookups counting = new CountingLookups();
        CredentialLookThrough lookThrough = CredentialLookThrough.sharedStore(clock);

        for (int attempt = 0; attempt < 500; attempt++) {
            lookThrough.find(counting::lookup);
        }
        assertThat(counting.calls).isEqualTo(CredentialLookThrough.LOOKUPS_PER_SECOND);

        clock.advance(Duration.ofSeconds(1));
        lookThrough.find(counting::lookup);
        assertThat(counting.calls).isEqualTo(CredentialLookThrough.LOOKUPS_PER_SECOND + 1);
    }

    static final class CountingLookups {
        int calls;

        java.util.Optional<String> lookup() {
            calls++;
            return java.util.Optional.empty();
        }
    }
}
