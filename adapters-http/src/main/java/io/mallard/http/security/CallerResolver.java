package io.mallard.http.security;

import io.mallard.application.account.AccountService;
import io.mallard.application.account.ApiKeyService;
import io.mallard.application.account.Caller;
import io.mallard.application.share.ShareService;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Finds who is calling: a bearer or {@code X-API-Key} credential — the metrics token, or an API key
 * ({@code mm_…}) — wins over a shared link ({@value #SHARE_HEADER}, with {@value #SHARE_GRANT_HEADER}
 * when it has a password), which wins over a session cookie; otherwise the caller is anonymous.
 * Lookups are in memory (no blocking). Headers, not cookies, carry a shared link: a browser never
 * sends them on its own, and an embedded dashboard works where third-party cookies are blocked.
 */
@Singleton
public class CallerResolver {
    static final String CALLER_ATTRIBUTE = "mallard.caller";
    public static final String SHARE_HEADER = "X-Mallard-Share";
    public static final String SHARE_GRANT_HEADER = "X-Mallard-Share-Grant";
    private static final String BEARER = "Bearer ";

    private final AccountService accounts;
    private final ApiKeyService apiKeys;
    private final ShareService shares;

    private final Optional<byte[]> metricsTokenDigest;

    public CallerResolver(AccountService accounts, ApiKeyService apiKeys, ShareService shares, SecuritySettings settings) {
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.shares = shares;
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
        String share = request.getHeaders().get(SHARE_HEADER);
        if (share != null) {
            return shares.viewer(share.strip(), request.getHeaders().get(SHARE_GRANT_HEADER)).<Caller>map(viewer -> viewer)
                    .orElse(new Caller.Anonymous());
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
