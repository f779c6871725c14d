package io.mallard.application.ingest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (site id or client address): {@code ratePerSecond} tokens refill each
 * second, up to a burst of {@code ratePerSecond}. A rate of 0 turns limiting off.
 *
 * <p>Memory is bounded: at most {@code maxKeys} buckets are kept, least recently used first out (an
 * evicted key starts again with a full bucket). Thread-safe.
 */
public final class TokenBuckets {
    private final double ratePerNano;
    private final double capacity;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long refilledAt;
    }

    public TokenBuckets(int ratePerSecond, int maxKeys, LongSupplier nanoTime) {
        if (ratePerSecond < 0 || maxKeys < 1) {
            throw new IllegalArgumentException("rate must be >= 0 and maxKeys >= 1");
        }
        this.ratePerNano = ratePerSecond / 1e9;
        this.capacity = ratePerSecond;
        this.nanoTime = nanoTime;
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    public static TokenBuckets unlimited() {
        return new TokenBuckets(0, 1, System::nanoTime);
    }

    public boolean isUnlimited() {
        return capacity == 0;
    }

    public boolean tryTake(String key) {
        if (isUnlimited()) {
            return true;
        }
        long now = nanoTime.getAsLong();
        synchronized (buckets) {
            Bucket bucket = buckets.computeIfAbsent(key, k -> {
                Bucket fresh = new Bucket();
                fresh.tokens = capacity;
                fresh.refilledAt = now;
                return fresh;
            });
            bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.refilledAt) * ratePerNano);
            bucket.refilledAt = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    int trackedKeys() {
        synchronized (buckets) {
            return buckets.size();
        }
    }
}
