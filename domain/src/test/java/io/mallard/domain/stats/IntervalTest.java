package io.mallard.domain.stats;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntervalTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    static DateRange days(String first, String last) {
        return new DateRange(LocalDate.parse(first), LocalDate.parse(last));
    }

    @Test
    void hourlyBucketsFollowTheClockThroughDaylightSavingChanges() {
        assertThat(Interval.HOUR.buckets(days("2026-03-29", "2026-03-29"), PARIS)).hasSize(23);
        assertThat(Interval.HOUR.buckets(days("2026-10-25", "2026-10-25"), PARIS)).hasSize(25);
        assertThat(Interval.HOUR.buckets(days("2026-03-18", "2026-03-18"), PARIS)).hasSize(24)
                .startsWith(Instant.parse("2026-03-17T23:00:00Z"));
    }

    @Test
    void dailyBucketsStartAtEachLocalMidnight() {
        assertThat(Interval.DAY.buckets(days("2026-03-28", "2026-03-30"), PARIS)).containsExactly(
                Instant.parse("2026-03-27T23:00:00Z"), Instant.parse("2026-03-28T23:00:00Z"), Instant.parse("2026-03-29T22:00:00Z"));
    }

    @Test
    void weeksStartOnMondayAndMonthsOnTheFirstExceptWhereTheRangeCutsThem() {
        assertThat(Interval.WEEK.buckets(days("2026-03-18", "2026-03-31"), ZoneOffset.UTC)).containsExactly(
                Instant.parse("2026-03-18T00:00:00Z"), Instant.parse("2026-03-23T00:00:00Z"), Instant.parse("2026-03-30T00:00:00Z"));
        assertThat(Interval.MONTH.buckets(days("2026-01-15", "2026-03-02"), ZoneOffset.UTC)).containsExactly(
                Instant.parse("2026-01-15T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"));
    }

    @Test
    void theDefaultIntervalFitsTheRangeAndHugeSeriesAreRefused() {
        assertThat(Interval.defaultFor(days("2026-03-18", "2026-03-18"))).isEqualTo(Interval.HOUR);
        assertThat(Interval.defaultFor(days("2026-01-01", "2026-03-31"))).isEqualTo(Interval.DAY);
        assertThat(Interval.defaultFor(days("2025-01-01", "2026-03-31"))).isEqualTo(Interval.MONTH);
        assertThatThrownBy(() -> Interval.HOUR.buckets(days("2020-01-01", "2026-01-01"), ZoneOffset.UTC)).hasMessageContaining("at most");
        assertThatThrownBy(() -> Interval.fromLabel("minute")).hasMessageContaining("hour, day, week, month");
    }
}
