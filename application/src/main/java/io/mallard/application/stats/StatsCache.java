package io.mallard.application.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Recent answers by their normalized question, for {@code ttl}, at most {@code maxEntries} of them
 * (least recently used go first; 0 = no bound). A live answer (over a range that reaches the
 * present, which new events still change) is kept at most {@link #LIVE_TTL}, so a visit tracked a
 * moment ago shows on the next look instead of a minute later. Cleared whenever stored data or a site's settings
 * change in a way the key does not capture (erasure, site deletion, time zone change). A zero ttl
 * turns caching off. Failures are never cached. Thread-safe; two callers missing the same key at
 * once may both compute it.
 */
public final class StatsCache {
    public static final Duration LIVE_TTL = Duration.ofSeconds(5);

    private final Duration ttl;
    private final int maxEntries;
    private final Clock clock;
    private final Map<Object, Cached> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    private record Cached(Object value, Instant expires) {
    }

    public StatsCache(Duration ttl, int maxEntries, Clock clock) {
        this.ttl = ttl;
        this.maxEntries = maxEntries;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Cached> eldest) {
                return maxEntries > 0 && size() > maxEntries;
            }
        };
    }

    /** An answer over finished data (kept for the ttl). */
    public <T> T get(Object key, Supplier<T> compute) {
        return get(key, false, compute);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Object key, boolean live, Supplier<T> compute) {
        if (ttl.isZero()) {
            misses.incrementAndGet();
            return compute.get();
        }
        Instant now = clock.instant();
        synchronized (entries) {
            Cached entry = entries.get(key);
            if (entry != null && now.isBefore(entry.expires())) {
                hits.incrementAndGet();
                return (T) entry.value();
            }
        }
        misses.incrementAndGet();
        T value = compute.get();
        synchronized (entries) {
            entries.put(key, new Cached(value, now.plus(live && LIVE_TTL.compareTo(ttl) < 0 ? LIVE_TTL : ttl)));
        }
        return value;
    }

    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    public long hits() {
        return hits.get();
    }

    public long misses() {
        return misses.get();
    }
}
