package io.mallard.bootstrap.wiring;

import io.mallard.application.account.AccessPolicy;
import io.mallard.application.account.AccountService;
import io.mallard.application.account.ApiKeyService;
import io.mallard.application.account.CredentialLookThrough;
import io.mallard.application.account.CredentialStore;
import io.mallard.application.account.LoginThrottle;
import io.mallard.application.account.PasswordHasher;
import io.mallard.application.segment.SegmentService;
import io.mallard.application.share.ShareService;
import io.mallard.application.site.SiteRegistry;
import io.mallard.auth.Argon2idPasswordHasher;
import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.domain.account.SecretToken;
import io.mallard.domain.network.TrustedProxies;
import io.mallard.http.security.SecuritySettings;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.function.Supplier;

/** Accounts, sessions, API keys, shared links, segments and the HTTP perimeter's settings. */
@Factory
public class AccountWiring {
    @Singleton
    CredentialStore credentialStore(StorageRuntime storage) {
        return storage.metadata().credentials();
    }

    @Singleton
    PasswordHasher passwordHasher() {
        return new Argon2idPasswordHasher();
    }

    @Singleton
    AccountService accountService(MallardConfig config, StorageRuntime storage, CredentialStore store, PasswordHasher hasher, Clock clock) {
        AccountService accounts = new AccountService(store, hasher, new LoginThrottle(config.maxLoginAttempts(), config.loginLockout(), clock),
                clock, tokenBytes(), config.sessionTtl(), lookThrough(storage, clock));
        config.adminPassword().ifPresent(accounts::ensureOwnerPassword);
        return accounts;
    }

    /** Keys' last use is kept in memory and written at shutdown, while storage is still open. */
    @Singleton
    ApiKeyService apiKeyService(CredentialStore store, StorageRuntime storage, Clock clock) {
        ApiKeyService keys = new ApiKeyService(store, clock, tokenBytes(), lookThrough(storage, clock));
        storage.beforeClose(keys::persistUsage);
        return keys;
    }

    /** Shared links' passwords are throttled like logins, with their own counts. */
    @Singleton
    ShareService shareService(MallardConfig config, StorageRuntime storage, SiteRegistry sites, PasswordHasher hasher, Clock clock) {
        return new ShareService(storage.metadata().shares(), sites, hasher,
                new LoginThrottle(config.maxLoginAttempts(), config.loginLockout(), clock), clock, tokenBytes());
    }

    @Singleton
    SegmentService segmentService(StorageRuntime storage, SiteRegistry sites, Clock clock) {
        return new SegmentService(storage.metadata().segments(), sites, clock);
    }

    @Singleton
    AccessPolicy accessPolicy(MallardConfig config) {
        return new AccessPolicy(config.openAccess());
    }

    @Singleton
    SecuritySettings securitySettings(MallardConfig config) {
        return new SecuritySettings(config.secureCookies(), config.dashboardOrigin(), config.sessionTtl(), config.metricsToken(),
                config.shareFrameAncestors());
    }

    @Singleton
    TrustedProxies trustedProxies(MallardConfig config) {
        return config.trustedProxies();
    }

    /** Several nodes share the metadata store: a credential made on another node is looked up on a miss. */
    private static CredentialLookThrough lookThrough(StorageRuntime storage, Clock clock) {
        return storage.metadata().shared() ? CredentialLookThrough.sharedStore(clock) : CredentialLookThrough.NEVER;
    }

    private static Supplier<byte[]> tokenBytes() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] bytes = new byte[SecretToken.RANDOM_BYTES];
            random.nextBytes(bytes);
            return bytes;
        };
    }
}
