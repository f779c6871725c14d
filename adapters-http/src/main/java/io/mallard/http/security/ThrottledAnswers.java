package io.mallard.http.security;

import io.mallard.domain.network.TrustedProxies;
import io.micronaut.http.HttpRequest;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** What the password-checking routes (login, a shared link's unlock) share with their throttle. */
public final class ThrottledAnswers {
    private ThrottledAnswers() {
    }

    /** The address failures are counted by: the client's, through trusted proxies only. */
    public static String clientAddress(HttpRequest<?> request, TrustedProxies proxies) {
        return proxies.clientAddress(request.getRemoteAddress().getAddress(),
                request.getHeaders().get("X-Forwarded-For"), request.getHeaders().get("X-Real-IP")).getHostAddress();
    }

    /** The answer, computed after {@code delay} (the throttle's slow-down) is scheduled rather than slept: waiting holds no thread. */
    public static <T> CompletableFuture<T> after(Duration delay, ExecutorService blocking, Supplier<T> answer) {
        Executor executor = delay.isZero() ? Runnable::run : CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, blocking);
        return CompletableFuture.supplyAsync(answer, executor);
    }
}
