package io.mallard.application.stats;

import io.mallard.application.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatsCacheAndGateTest {
    static final Instant START = Instant.parse("2026-03-02T10:00:00Z");

    @Test
    void answersAreReusedUntilTheyExpireOrTheCacheIsCleared() {
        TestClock clock = new TestClock(START);
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
    void anAnswerReachingThePresentIsKeptOnlyAFewSeconds() {
        TestClock clock = new TestClock(START);
        StatsCache cache = new StatsCache(Duration.ofSeconds(60), 100, clock);
        AtomicInteger live = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        cache.get("today", true, live::incrementAndGet);
        cache.get("last month", false, finished::incrementAndGet);
        clock.now = START.plus(StatsCache.LIVE_TTL).minusMillis(1);
        assertThat(cache.get("today", true, live::incrementAndGet)).as("still fresh").isEqualTo(1);
        clock.now = START.plus(StatsCache.LIVE_TTL);
        assertThat(cache.get("today", true, live::incrementAndGet)).as("asked again after a few seconds").isEqualTo(2);
        assertThat(cache.get("last month", false, finished::incrementAndGet)).as("kept for the whole ttl").isEqualTo(1);
        StatsCache shortCache = new StatsCache(Duration.ofSeconds(2), 100, clock);
        shortCache.get("today", true, live::incrementAndGet);
        clock.now = clock.now.plusSeconds(2);
        assertThat(shortCache.get("today", true, () -> -1)).as("a shorter ttl still bounds live answers").isEqualTo(-1);
    }

    @Test
    void theLeastRecentlyUsedAnswerGoesFirstAndFailuresAreNotKept() {
        StatsCache cache = new StatsCache(Duration.ofSeconds(60), 2, new TestClock(START));
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
        StatsCache cache = new StatsCache(Duration.ZERO, 10, new TestClock(START));
        cache.get("q", () -> 1);
        assertThat(cache.get("q", () -> 2)).isEqualTo(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void aQueryOverTheLimitWaitsForItsTurnAndThenRuns() throws Exception {
        QueryGate gate = new QueryGate(1, Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        Thread slow = holdThePermit(gate, release);
        AtomicInteger answer = new AtomicInteger();
        Thread queued = Thread.ofVirtual().start(() -> answer.set(gate.run(() -> 2)));
        awaitWaiting(gate, 1);
        assertThat(answer).as("still waiting while the first query runs").hasValue(0);
        release.countDown();
        queued.join();
        slow.join();
        assertThat(answer).hasValue(2);
        assertThat(gate.running()).isZero();
        assertThat(gate.waiting()).isZero();
    }

    @Test
    void aQueryThatWaitsTooLongIsRefusedWithARetryHint() throws Exception {
        QueryGate gate = new QueryGate(1, Duration.ofMillis(50));
        CountDownLatch release = new CountDownLatch(1);
        Thread slow = holdThePermit(gate, release);
        assertThatThrownBy(() -> gate.run(() -> 2)).isInstanceOf(TooBusyException.class)
                .hasMessageContaining("within 50 ms")
                .satisfies(e -> assertThat(((TooBusyException) e).retryAfterSeconds()).isEqualTo(QueryGate.RETRY_AFTER_SECONDS));
        assertThat(gate.waiting()).as("a refused query leaves the queue").isZero();
        release.countDown();
        slow.join();
        assertThat(gate.run(() -> 3)).as("the permit was freed").isEqualTo(3);
    }

    @Test
    void aFullQueueRefusesAtOnce() throws Exception {
        QueryGate gate = new QueryGate(1, Duration.ofMinutes(5));
        CountDownLatch release = new CountDownLatch(1);
        Thread slow = holdThePermit(gate, release);
        List<Thread> queued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            queued.add(Thread.ofVirtual().start(() -> gate.run(() -> 0)));
        }
        awaitWaiting(gate, 4);
        long started = System.nanoTime();
        assertThatThrownBy(() -> gate.run(() -> 5)).isInstanceOf(TooBusyException.class).hasMessageContaining("4 more waiting");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused without waiting").isLessThan(Duration.ofMinutes(1));
        release.countDown();
        for (Thread thread : queued) {
            thread.join();
        }
        slow.join();
        assertThat(gate.waiting()).isZero();
    }

    @Test
    void zeroMeansNoBound() {
        assertThat(new QueryGate(0, Duration.ZERO).run(() -> 4)).isEqualTo(4);
        assertThat(new QueryGate(0, Duration.ZERO).running()).isZero();
    }

    /** A query that holds the gate's only permit until {@code release}; returns once it runs. */
    private static Thread holdThePermit(QueryGate gate, CountDownLatch release) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
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
        return slow;
    }

    private static void awaitWaiting(QueryGate gate, int expected) throws InterruptedException {
        for (int i = 0; i < 500 && gate.waiting() < expected; i++) {
            Thread.sleep(10);
        }
        assertThat(gate.waiting()).isEqualTo(expected);
    }
}
