package io.mallard.application.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Brute-force protection that an attacker cannot turn against an account's owner (OWASP's
 * authentication guidance: lock per source, slow down rather than lock an account everywhere).
 * <ul>
 *   <li>An account is locked <em>for one address</em> after {@code maxAttempts} consecutive failed
 *   logins from it, for {@code lockout}: the owner signing in from elsewhere is not affected.</li>
 *   <li>An address is locked for every account after {@value #ADDRESS_FACTOR} × {@code maxAttempts}
 *   consecutive failures (one address trying many usernames).</li>
 *   <li>Slow-down: once an account has failed {@code maxAttempts} times from anywhere within a
 *   {@code lockout} window, or the instance {@value #INSTANCE_FACTOR} × {@code maxAttempts} times,
 *   every attempt on it waits {@link #SLOW_DOWN} before it is checked. Guessing from many addresses
 *   gets slow; nobody gets locked out.</li>
 * </ul>
 * A success clears its address's and its account-at-address counts. {@code maxAttempts} 0 turns it
 * all off. Memory is bounded (least recently used counts are forgotten first). Thread-safe.
 */
public final class LoginThrottle {
    public static final Duration SLOW_DOWN = Duration.ofSeconds(1);
    static final int ADDRESS_FACTOR = 4;
    static final int INSTANCE_FACTOR = 20;
    private static final int MAX_KEYS = 100_000;
    private static final String INSTANCE = "instance";

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
        Instant since;
        Instant lockedUntil = Instant.MIN;
    }

    public LoginThrottle(int maxAttempts, Duration lockout, Clock clock) {
        this.maxAttempts = maxAttempts;
        this.lockout = lockout;
        this.clock = clock;
    }

    /**
     * How long the attempt is refused for: the longer of the address's lock and the account's lock
     * at this address; empty when neither is locked. {@code account} is null for an unknown username.
     */
    public Optional<Duration> lockedFor(String account, String address) {
        if (maxAttempts == 0) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (failures) {
            return lockKeys(account, address).stream().map(failures::get)
                    .filter(f -> f != null && f.lockedUntil.isAfter(now))
                    .map(f -> Duration.between(now, f.lockedUntil))
                    .max(Duration::compareTo);
        }
    }

    /** How long an attempt on {@code account} (null: unknown) waits before it is checked: zero, or {@link #SLOW_DOWN}. */
    public Duration slowDown(String account) {
        if (maxAttempts == 0) {
            return Duration.ZERO;
        }
        synchronized (failures) {
            boolean accountUnderAttack = account != null && windowCount("account:" + account) >= maxAttempts;
            boolean instanceUnderAttack = windowCount(INSTANCE) >= INSTANCE_FACTOR * maxAttempts;
            return accountUnderAttack || instanceUnderAttack ? SLOW_DOWN : Duration.ZERO;
        }
    }

    public void recordFailure(String account, String address) {
        if (maxAttempts == 0) {
            return;
        }
        Instant now = clock.instant();
        synchronized (failures) {
            countTowardsLock("address:" + address, ADDRESS_FACTOR * maxAttempts, now);
            if (account != null) {
                countTowardsLock(pairKey(account, address), maxAttempts, now);
                countInWindow("account:" + account, now);
            }
            countInWindow(INSTANCE, now);
        }
    }

    public void recordSuccess(String account, String address) {
        synchronized (failures) {
            lockKeys(account, address).forEach(failures::remove);
        }
    }

    private static java.util.List<String> lockKeys(String account, String address) {
        return account == null ? java.util.List.of("address:" + address)
                : java.util.List.of("address:" + address, pairKey(account, address));
    }

    private static String pairKey(String account, String address) {
        return "account:" + account + "@" + address;
    }

    private void countTowardsLock(String key, int threshold, Instant now) {
        Failures f = failures.computeIfAbsent(key, k -> new Failures());
        if (++f.count >= threshold) {
            f.lockedUntil = now.plus(lockout);
            f.count = 0;
        }
    }

    private void countInWindow(String key, Instant now) {
        Failures f = failures.computeIfAbsent(key, k -> new Failures());
        if (f.since == null || !now.isBefore(f.since.plus(lockout))) {
            f.since = now;
            f.count = 0;
        }
        f.count++;
    }

    private int windowCount(String key) {
        Failures f = failures.get(key);
        return f == null || f.since == null || !clock.instant().isBefore(f.since.plus(lockout)) ? 0 : f.count;
    }
}
