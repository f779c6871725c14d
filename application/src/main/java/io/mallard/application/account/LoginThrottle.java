package io.mallard.application.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Brute-force protection: after {@code maxAttempts} consecutive failed logins for a key (a client
 * address, or an account), that key is locked for {@code lockout}; while locked, even the right
 * password is refused. A success clears the keys it used. {@code maxAttempts} 0 turns it off.
 * Memory is bounded (least recently used keys are forgotten first). Thread-safe.
 */
public final class LoginThrottle {
    private static final int MAX_KEYS = 100_000;

    private final int maxAttempts;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_KEYS;
        }
    };

    private static final class Failures {
        int count;
        Instant lockedUntil = Instant.MIN;
    }

    public LoginThrottle(int maxAttempts, Duration lockout, Clock clock) {
        this.maxAttempts = maxAttempts;
        this.lockout = lockout;
        this.clock = clock;
    }

    /** How long the longest-locked of {@code keys} stays locked; empty when none is. */
    public Optional<Duration> lockedFor(List<String> keys) {
        if (maxAttempts == 0) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (failures) {
            return keys.stream().map(failures::get)
                    .filter(f -> f != null && f.lockedUntil.isAfter(now))
                    .map(f -> Duration.between(now, f.lockedUntil))
                    .max(Duration::compareTo);
        }
    }

    public void recordFailure(List<String> keys) {
        if (maxAttempts == 0) {
            return;
        }
        Instant now = clock.instant();
        synchronized (failures) {
            for (String key : keys) {
                Failures f = failures.computeIfAbsent(key, k -> new Failures());
                if (++f.count >= maxAttempts) {
                    f.lockedUntil = now.plus(lockout);
                    f.count = 0;
                }
            }
        }
    }

    public void recordSuccess(List<String> keys) {
        synchronized (failures) {
            keys.forEach(failures::remove);
        }
    }
}
