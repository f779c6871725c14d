package io.mallard.bootstrap.wiring;

import io.mallard.application.account.AccountService;
import io.mallard.application.account.ApiKeyService;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/**
 * Periodic credential housekeeping off the request path: API-key last-use times are written every
 * 30 s (and at shutdown, by the key service's pre-destroy), expired sessions are deleted every minute.
 */
@Singleton
public class CredentialMaintenance {
    private final AccountService accounts;
    private final ApiKeyService keys;

    public CredentialMaintenance(AccountService accounts, ApiKeyService keys) {
        this.accounts = accounts;
        this.keys = keys;
    }

    @Scheduled(fixedDelay = "30s")
    void persistKeyUsage() {
        keys.persistUsage();
    }

    @Scheduled(fixedDelay = "60s")
    void purgeExpiredSessions() {
        accounts.purgeExpiredSessions();
    }
}
