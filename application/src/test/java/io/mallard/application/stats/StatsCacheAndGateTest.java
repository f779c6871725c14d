package io.mallard.application.stats;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsCacheAndGateTest {
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-03-02T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void answersAreReusedUntilTheyExpireOrTheCacheIsCleared() {
        MutableClock clock = new MutableClock();
        StatsCache cache = new StatsCache(Duration.ofSeconds(60), 100, clock);
        AtomicInteger computed = new AtomicInteger();
        assertThat(cache.get("q", computed::incrementAndGet)).isEqualTo(1);
        assertThat(cache.get("q", computed::incrementAndGet)).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
        clock.now = clock.now.plusSeconds(60);
        assertThat(cache.get("q", computed::incrementAndGet)).as("expired").isEqualTo(2);
        cache.clear();
        assertThat(cache.get("q", computed::incrementAndGet)).as("cleared").isEqualTo(3);
    }

    @Test
    void theLeastRecentlyUsedAnswerGoesFirstAndFailuresAreNotKept() {
        StatsCache cache = new StatsCache(Duration.ofSeconds(60), 2, new MutableClock());
        cache.get("a", () -> 1);
        cache.get("b", () -> 2);
        cache.get("a", () -> 0);
        cache.get("c", () -> 3);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.get("a", () -> -1)).as("a was used after b").isEqualTo(1);
        assertThat(cache.get("b", () -> -2)).as("b was evicted").isEqualTo(-2);
        assertThatThrownBy(() -> cache.get("d", () -> {
            throw new IllegalStateException("store down");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(cache.get("d", () -> 4)).isEqualTo(4);
    }

    @Test
    void aZeroTtlTurnsCachingOff() {
        StatsCache cache = new StatsCache(Duration.ZERO, 10, new MutableClock());
        cache.get("q", () -> 1);
        assertThat(cache.get("q", () -> 2)).isEqualTo(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void theGateRefusesAQueryOverTheLimitWithARetryHintAndFreesItsPermit() throws Exception {
        QueryGate gate = new QueryGate(1);
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread slow = Thread.ofVirtual().start(() -> gate.run(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 1;
        }));
        running.await();
        assertThat(gate.running()).isEqualTo(1);
        assertThatThrownBy(() -> gate.run(() -> 2)).isInstanceOf(TooBusyException.class)
                .satisfies(e -> assertThat(((TooBusyException) e).retryAfterSeconds()).isEqualTo(QueryGate.RETRY_AFTER_SECONDS));
        release.countDown();
        slow.join();
        assertThat(gate.run(() -> 3)).isEqualTo(3);
        assertThat(new QueryGate(0).run(() -> 4)).as("0 = no bound").isEqualTo(4);
    }
}
