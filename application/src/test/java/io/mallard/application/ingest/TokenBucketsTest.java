package io.mallard.application.ingest;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTest {
    final AtomicLong nanos = new AtomicLong();

    @Test
    void allowsABurstOfTheRateThenRefillsOverTime() {
        TokenBuckets buckets = new TokenBuckets(3, 100, nanos::get);

        assertThat(buckets.tryTake("k")).isTrue();
        assertThat(buckets.tryTake("k")).isTrue();
        assertThat(buckets.tryTake("k")).isTrue();
        assertThat(buckets.tryTake("k")).isFalse();
        nanos.addAndGet(400_000_000L);
        assertThat(buckets.tryTake("k")).isTrue();
        assertThat(buckets.tryTake("k")).isFalse();
    }

    @Test
    void keysHaveSeparateBuckets() {
        TokenBuckets buckets = new TokenBuckets(1, 100, nanos::get);

        assertThat(buckets.tryTake("a")).isTrue();
        assertThat(buckets.tryTake("a")).isFalse();
        assertThat(buckets.tryTake("b")).isTrue();
    }

    @Test
    void memoryIsBoundedByEvictingTheLeastRecentlyUsedKey() {
        TokenBuckets buckets = new TokenBuckets(1, 3, nanos::get);
        for (int i = 0; i < 1000; i++) {
            buckets.tryTake("client-" + i);
        }
        assertThat(buckets.trackedKeys()).isEqualTo(3);
    }

    @Test
    void rateZeroMeansUnlimited() {
        TokenBuckets buckets = new TokenBuckets(0, 1, nanos::get);
        for (int i = 0; i < 10_000; i++) {
            assertThat(buckets.tryTake("k")).isTrue();
        }
    }
}
