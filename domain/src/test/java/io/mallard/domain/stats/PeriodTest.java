package io.mallard.domain.stats;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodTest {
    static final LocalDate TODAY = LocalDate.parse("2026-03-18");

    static DateRange resolve(String label) {
        return Period.fromLabel(label).resolve(TODAY, null, null, null);
    }

    @Test
    void rollingPeriodsEndTodayAndHaveExactlyTheirNumberOfDays() {
        assertThat(resolve("7d")).isEqualTo(new DateRange(LocalDate.parse("2026-03-12"), TODAY));
        assertThat(resolve("7d").days()).isEqualTo(7);
        assertThat(resolve("30d").days()).isEqualTo(30);
        assertThat(resolve("90d").days()).isEqualTo(90);
        assertThat(resolve("today")).isEqualTo(new DateRange(TODAY, TODAY));
        assertThat(resolve("day")).isEqualTo(new DateRange(TODAY, TODAY));
        assertThat(resolve("realtime")).as("the days the last 30 minutes can touch").isEqualTo(new DateRange(TODAY.minusDays(1), TODAY));
    }

    @Test
    void calendarPeriodsRunFromTheirStartToTodayOrCoverTheAnchorDatesWholeUnit() {
        assertThat(resolve("month")).isEqualTo(new DateRange(LocalDate.parse("2026-03-01"), TODAY));
        assertThat(resolve("6mo")).isEqualTo(new DateRange(LocalDate.parse("2025-10-01"), TODAY));
        assertThat(resolve("12mo")).isEqualTo(new DateRange(LocalDate.parse("2025-04-01"), TODAY));
        assertThat(resolve("year")).isEqualTo(new DateRange(LocalDate.parse("2026-01-01"), TODAY));
        LocalDate anchor = LocalDate.parse("2024-02-10");
        assertThat(Period.MONTH.resolve(TODAY, anchor, null, null))
                .isEqualTo(new DateRange(LocalDate.parse("2024-02-01"), LocalDate.parse("2024-02-29")));
        assertThat(Period.YEAR.resolve(TODAY, anchor, null, null))
                .isEqualTo(new DateRange(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31")));
        assertThat(Period.DAY.resolve(TODAY, anchor, null, null)).isEqualTo(new DateRange(anchor, anchor));
    }

    @Test
    void customRangesNeedBothEndsInOrderAndAtMostTenYears() {
        LocalDate from = LocalDate.parse("2026-01-05");
        assertThat(Period.CUSTOM.resolve(TODAY, null, from, TODAY)).isEqualTo(new DateRange(from, TODAY));
        assertThatThrownBy(() -> Period.CUSTOM.resolve(TODAY, null, from, null)).hasMessageContaining("from and to");
        assertThatThrownBy(() -> Period.CUSTOM.resolve(TODAY, null, TODAY, from)).hasMessageContaining("before it starts");
        assertThatThrownBy(() -> new DateRange(LocalDate.parse("2000-01-01"), TODAY)).hasMessageContaining("at most");
        assertThatThrownBy(() -> Period.fromLabel("week")).hasMessageContaining("day, today, 7d");
    }

    @Test
    void comparisonRangesAreThePreviousStretchOfEqualLengthOrTheSameDaysAYearEarlier() {
        DateRange week = resolve("7d");
        assertThat(week.previous()).isEqualTo(new DateRange(LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-11")));
        assertThat(new DateRange(LocalDate.parse("2024-02-29"), LocalDate.parse("2024-02-29")).yearBefore())
                .isEqualTo(new DateRange(LocalDate.parse("2023-02-28"), LocalDate.parse("2023-02-28")));
    }

    @Test
    void aDayIsItsMidnightsInTheSiteTimeZone() {
        DateRange day = new DateRange(TODAY, TODAY);
        ZoneId paris = ZoneId.of("Europe/Paris");
        assertThat(day.from(paris)).isEqualTo(Instant.parse("2026-03-17T23:00:00Z"));
        assertThat(day.until(paris)).isEqualTo(Instant.parse("2026-03-18T23:00:00Z"));
    }
}
