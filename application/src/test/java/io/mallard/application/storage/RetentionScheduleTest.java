package io.mallard.application.storage;

import io.mallard.application.TestClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetentionScheduleTest {
    final List<LocalDate> cutoffs = new ArrayList<>();
    final TestClock clock = new TestClock(Instant.parse("2026-03-10T12:00:00Z"));

    RetentionSchedule schedule(int days) {
        return new RetentionSchedule(cutoff -> {
            cutoffs.add(cutoff);
            return 7;
        }, clock, days);
    }

    @Test
    void deletesBeforeTodayMinusTheRetentionOncePerUtcDay() {
        RetentionSchedule schedule = schedule(30);

        assertThat(schedule.tick()).isEqualTo(7);
        assertThat(schedule.tick()).isZero();
        clock.now = clock.now.plus(Duration.ofDays(1));
        schedule.tick();

        assertThat(cutoffs).containsExactly(LocalDate.parse("2026-02-08"), LocalDate.parse("2026-02-09"));
    }

    @Test
    void zeroDaysKeepsEverything() {
        RetentionSchedule schedule = schedule(0);

        schedule.tick();

        assertThat(cutoffs).isEmpty();
    }

    @Test
    void aFailedRunIsTriedAgainAtTheNextTick() {
        int[] calls = new int[1];
        RetentionSchedule schedule = new RetentionSchedule(cutoff -> {
            if (calls[0]++ == 0) {
                throw new StorageUnavailableException("disk gone", null);
            }
            return 1;
        }, clock, 10);

        assertThatThrownBy(schedule::tick).isInstanceOf(StorageUnavailableException.class);
        assertThat(schedule.tick()).isEqualTo(1);
    }

    @Test
    void negativeDaysAreRefused() {
        assertThatThrownBy(() -> schedule(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
