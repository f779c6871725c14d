package io.mallard.application.account;

import io.mallard.application.validation.ConflictException;
import io.mallard.application.validation.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountServiceTest {
    static final PasswordHasher PLAIN = new PlainPasswordHasher();

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    final InMemoryCredentialStore store = new InMemoryCredentialStore();
    final Random random = new Random(7);

    AccountService service() {
        return new AccountService(store, PLAIN, new LoginThrottle(3, Duration.ofMinutes(5), clock), clock,
                () -> {
                    byte[] bytes = new byte[32];
                    random.nextBytes(bytes);
                    return bytes;
                }, Duration.ofHours(1));
    }

    @Test
    void setupCreatesTheOwnerOnceAndChecksThePassword() {
        AccountService accounts = service();
        assertThatThrownBy(() -> accounts.setup("short", accounts.setupCode().orElseThrow())).isInstanceOf(InvalidInputException.class);

        AccountService.LoginResult.SignedIn owner = accounts.setup("long-enough-1", accounts.setupCode().orElseThrow());

        assertThat(accounts.setupRequired()).isFalse();
        assertThat(accounts.authenticate(owner.token())).isPresent();
        assertThat(accounts.setupCode()).isEmpty();
        assertThatThrownBy(() -> accounts.setup("long-enough-2", "any-code")).isInstanceOf(ConflictException.class);
    }

    @Test
    void setupNeedsTheOneTimeCodeTypedInAnyCaseWithOrWithoutDashes() {
        AccountService accounts = service();
        String code = accounts.setupCode().orElseThrow();
        assertThat(code).matches("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");

        assertThatThrownBy(() -> accounts.setup("long-enough-1", null)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> accounts.setup("long-enough-1", "0000-0000-0000")).isInstanceOf(AccessDeniedException.class);
        assertThat(accounts.setupRequired()).isTrue();

        accounts.setup("long-enough-1", " " + code.replace("-", "").toLowerCase() + " ");
        assertThat(accounts.setupRequired()).isFalse();
    }

    @Test
    void anExpiredSessionIsRefusedAtOnceAndPurgedFromStorageLater() {
        AccountService accounts = service();
        String token = accounts.setup("long-enough-1", accounts.setupCode().orElseThrow()).token();

        clock.advance(Duration.ofHours(1));

        assertThat(accounts.authenticate(token)).isEmpty();
        assertThat(store.sessions).hasSize(1);
        accounts.purgeExpiredSessions();
        assertThat(store.sessions).isEmpty();
    }

    @Test
    void sessionsSurviveANewServiceOverTheSameStoreButExpiredOnesAreDropped() {
        AccountService first = service();
        String token = first.setup("long-enough-1", first.setupCode().orElseThrow()).token();
        assertThat(service().authenticate(token)).isPresent();

        clock.advance(Duration.ofHours(2));

        service();
        assertThat(store.sessions).isEmpty();
    }

    @Test
    void aNewAdminPasswordAtStartupEndsTheOwnersSessionsAndTheSameOneKeepsThem() {
        AccountService accounts = service();
        String token = accounts.setup("long-enough-1", accounts.setupCode().orElseThrow()).token();

        accounts.ensureOwnerPassword("long-enough-1");
        assertThat(accounts.authenticate(token)).isPresent();
        accounts.ensureOwnerPassword("long-enough-2");

        assertThat(accounts.authenticate(token)).isEmpty();
        assertThat(accounts.login(null, "long-enough-2", "198.51.100.7")).isInstanceOf(AccountService.LoginResult.SignedIn.class);
    }

    @Test
    void failuresLockTheAccountOnlyAtTheAddressTheyCameFromAndSlowItDownEverywhere() {
        AccountService accounts = service();
        accounts.setup("long-enough-1", accounts.setupCode().orElseThrow());
        assertThat(accounts.loginDelay("admin")).isZero();

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(accounts.login("admin", "wrong-password", "198.51.100.7")).isInstanceOf(AccountService.LoginResult.Rejected.class);
        }

        assertThat(accounts.login("admin", "long-enough-1", "198.51.100.7")).as("the account is locked at the attacker's address")
                .isInstanceOf(AccountService.LoginResult.LockedOut.class);
        assertThat(accounts.loginDelay("admin")).as("and slowed down everywhere").isEqualTo(LoginThrottle.SLOW_DOWN);
        assertThat(accounts.loginDelay("nobody")).isZero();
        assertThat(accounts.login("admin", "long-enough-1", "192.0.2.44")).as("the owner signs in from another address")
                .isInstanceOf(AccountService.LoginResult.SignedIn.class);
        assertThat(accounts.loginFailures()).isEqualTo(4);

        clock.advance(Duration.ofMinutes(5));
        assertThat(accounts.loginDelay("admin")).isZero();
        assertThat(accounts.login("admin", "long-enough-1", "198.51.100.7")).isInstanceOf(AccountService.LoginResult.SignedIn.class);
    }

    @Test
    void oneAddressTryingManyUsernamesIsLockedForEveryAccount() {
        AccountService accounts = service();
        accounts.setup("long-enough-1", accounts.setupCode().orElseThrow());

        for (int attempt = 0; attempt < 3 * LoginThrottle.ADDRESS_FACTOR; attempt++) {
            assertThat(accounts.login("user-" + attempt, "long-enough-1", "203.0.113.9")).isInstanceOf(AccountService.LoginResult.Rejected.class);
        }

        assertThat(accounts.login("admin", "long-enough-1", "203.0.113.9")).isInstanceOf(AccountService.LoginResult.LockedOut.class);
        assertThat(accounts.login("admin", "long-enough-1", "198.51.100.7")).isInstanceOf(AccountService.LoginResult.SignedIn.class);
    }

    @Test
    void manyFailuresAcrossTheInstanceSlowEveryLoginDown() {
        AccountService accounts = service();
        accounts.setup("long-enough-1", accounts.setupCode().orElseThrow());

        for (int attempt = 0; attempt < 3 * LoginThrottle.INSTANCE_FACTOR; attempt++) {
            accounts.login("user-" + attempt, "x".repeat(8), "10.0." + attempt / 200 + "." + attempt % 200);
        }

        assertThat(accounts.loginDelay("nobody")).isEqualTo(LoginThrottle.SLOW_DOWN);
        assertThat(accounts.loginDelay("admin")).isEqualTo(LoginThrottle.SLOW_DOWN);
    }
}
