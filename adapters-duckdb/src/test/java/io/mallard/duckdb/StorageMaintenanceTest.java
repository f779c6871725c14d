package io.mallard.duckdb;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StorageMaintenanceTest {
    /** Fake tiers recording what was asked. */
    static final class RecordingTiers implements TieredStorage {
        long hot;
        final List<String> calls = new ArrayList<>();

        @Override
        public long hotEventCount() {
            return hot;
        }

        @Override
        public MoveReport flushToCold() {
            calls.add("flush");
            long moved = hot;
            hot = 0;
            return new MoveReport(moved, 1, 0);
        }

        @Override
        public MoveReport compactBefore(LocalDate firstOpenDay) {
            calls.add("compact<" + firstOpenDay);
            return MoveReport.NOTHING;
        }

        @Override
        public MoveReport deleteBefore(LocalDate cutoff) {
            calls.add("delete<" + cutoff);
            return MoveReport.NOTHING;
        }
    }

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-03-10T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final RecordingTiers tiers = new RecordingTiers();
    final MovableClock clock = new MovableClock();
    final StorageMaintenance maintenance = new StorageMaintenance(tiers, clock, 100, Duration.ofSeconds(60));

    @Test
    void theFirstTickCompactsFinishedDays() {
        maintenance.tick();

        assertThat(tiers.calls).containsExactly("compact<2026-03-09");
    }

    @Test
    void flushesWhenTheCountThresholdIsReached() {
        maintenance.tick();
        tiers.calls.clear();
        tiers.hot = 100;

        maintenance.tick();

        assertThat(tiers.calls).containsExactly("flush");
    }

    @Test
    void aQuietSiteIsStillFlushedWhenTheIntervalPasses() {
        maintenance.tick();
        tiers.calls.clear();
        tiers.hot = 1;
        clock.now = clock.now.plusSeconds(59);
        maintenance.tick();
        assertThat(tiers.calls).isEmpty();

        clock.now = clock.now.plusSeconds(1);
        maintenance.tick();

        assertThat(tiers.calls).containsExactly("flush");
    }

    @Test
    void dailyWorkRunsOncePerUtcDay() {
        maintenance.tick();
        maintenance.tick();
        clock.now = clock.now.plus(Duration.ofDays(1));
        maintenance.tick();

        assertThat(tiers.calls).containsExactly("compact<2026-03-09", "compact<2026-03-10");
    }
}
