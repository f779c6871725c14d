package io.mallard.http.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;

import java.util.Optional;

/** The {@code mm_session} cookie: HttpOnly, SameSite=Strict, Path=/, Secure when configured. */
public final class SessionCookie {
    public static final String NAME = "mm_session";

    private SessionCookie() {
    }

    public static Optional<String> token(HttpRequest<?> request) {
        return request.getCookies().findCookie(NAME).map(Cookie::getValue);
    }

    /** The Set-Cookie value that stores {@code token} for the session's lifetime. */
    public static String issue(String token, SecuritySettings settings) {
        return NAME + "=" + token + "; Max-Age=" + settings.sessionTtl().toSeconds() + attributes(settings);
    }

    /** The Set-Cookie value that makes the browser forget the session. */
    public static String clear(SecuritySettings settings) {
        return NAME + "=; Max-Age=0" + attributes(settings);
    }

    private static String attributes(SecuritySettings settings) {
        return "; Path=/; HttpOnly; SameSite=Strict" + (settings.cookiesSecure() ? "; Secure" : "");
    }
}
