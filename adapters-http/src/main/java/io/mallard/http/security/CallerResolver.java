package io.mallard.http.security;

import io.mallard.application.account.AccountService;
import io.mallard.application.account.ApiKeyService;
import io.mallard.application.account.Caller;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Finds who is calling: an API key ({@code Authorization: Bearer mm_…} or {@code X-API-Key}) wins
 * over a session cookie; otherwise the caller is anonymous. Lookups are in memory (no blocking).
 */
@Singleton
public class CallerResolver {
    static final String CALLER_ATTRIBUTE = "mallard.caller";
    private static final String BEARER = "Bearer ";

    private final AccountService accounts;
    private final ApiKeyService apiKeys;

    public CallerResolver(AccountService accounts, ApiKeyService apiKeys) {
        this.accounts = accounts;
        this.apiKeys = apiKeys;
    }

    public Caller resolve(HttpRequest<?> request) {
        Optional<String> presentedKey = presentedKey(request);
        if (presentedKey.isPresent()) {
            return apiKeys.authenticate(presentedKey.get()).<Caller>map(holder -> holder).orElse(new Caller.Anonymous());
        }
        return SessionCookie.token(request).flatMap(accounts::authenticate).<Caller>map(signedIn -> signedIn)
                .orElse(new Caller.Anonymous());
    }

    /** The caller the access filter resolved for this request (anonymous if it resolved none). */
    public static Caller callerOf(HttpRequest<?> request) {
        return request.getAttribute(CALLER_ATTRIBUTE, Caller.class).orElse(new Caller.Anonymous());
    }

    private static Optional<String> presentedKey(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).strip());
        }
        return Optional.ofNullable(request.getHeaders().get("X-API-Key")).map(String::strip);
    }
}
