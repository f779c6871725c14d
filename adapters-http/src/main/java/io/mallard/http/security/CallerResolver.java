package io.mallard.http.security;

import io.mallard.application.account.AccountService;
import io.mallard.application.account.ApiKeyService;
import io.mallard.application.account.Caller;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Finds who is calling: a bearer or {@code X-API-Key} credential — the metrics token, or an API key
 * ({@code mm_…}) — wins over a session cookie; otherwise the caller is anonymous. Lookups are in memory (no blocking).
 */
@Singleton
public class CallerResolver {
    static final String CALLER_ATTRIBUTE = "mallard.caller";
    private static final String BEARER = "Bearer ";

    private final AccountService accounts;
    private final ApiKeyService apiKeys;

    private final Optional<byte[]> metricsTokenDigest;

    public CallerResolver(AccountService accounts, ApiKeyService apiKeys, SecuritySettings settings) {
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.metricsTokenDigest = settings.metricsToken().map(CallerResolver::sha256);
    }

    public Caller resolve(HttpRequest<?> request) {
        Optional<String> presentedKey = presentedKey(request);
        if (presentedKey.isPresent()) {
            Optional<Caller.KeyHolder> holder = apiKeys.authenticate(presentedKey.get());
            if (holder.isPresent()) {
                return holder.get();
            }
            return isMetricsToken(presentedKey.get()) ? new Caller.MetricsScraper() : new Caller.Anonymous();
        }
        return SessionCookie.token(request).flatMap(accounts::authenticate).<Caller>map(signedIn -> signedIn)
                .orElse(new Caller.Anonymous());
    }

    /** The caller the access filter resolved for this request (anonymous if it resolved none). */
    public static Caller callerOf(HttpRequest<?> request) {
        return request.getAttribute(CALLER_ATTRIBUTE, Caller.class).orElse(new Caller.Anonymous());
    }

    /** Compares digests in constant time, so neither the token's content nor its length leaks through timing. */
    private boolean isMetricsToken(String presented) {
        return metricsTokenDigest.map(expected -> MessageDigest.isEqual(expected, sha256(presented))).orElse(false);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static Optional<String> presentedKey(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).strip());
        }
        return Optional.ofNullable(request.getHeaders().get("X-API-Key")).map(String::strip);
    }
}
