package io.mallard.duckdb.stats;

import io.mallard.application.stats.Overview;
import io.mallard.application.stats.SeriesPoint;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Filters;
import io.mallard.domain.stats.Interval;
import io.mallard.duckdb.JournaledStorage;
import io.mallard.duckdb.TestEvents;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * DuckDB's two ways of putting events into buckets give the same figures: the equality join on
 * quarter hours, and the ASOF join on bucket starts for buckets off the quarter hour (the contract
 * kit's figures run through the first).
 */
class BucketJoinTest {
    static final SiteId SITE = new SiteId("buckets.test");
    static final DateRange DAYS = new DateRange(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-04"));

    @TempDir
    Path dataDir;
    @AutoClose
    JournaledStorage storage;

    @Test
    void bucketsOffTheQuarterHourAreJoinedByTheirStartsWithTheSameFigures() throws Exception {
        storage = JournaledStorage.open(dataDir);
        storage.storeHot(List.<Event>of(
                TestEvents.visit(1, SITE.value(), "a", Instant.parse("2026-03-02T10:00:00Z")),
                TestEvents.visit(2, SITE.value(), "b", Instant.parse("2026-03-02T12:00:00Z")),
                TestEvents.visit(3, SITE.value(), "c", Instant.parse("2026-03-04T08:00:00Z"))));
        DuckDbStatsQueries stats = new DuckDbStatsQueries(storage.tiers().surface(), Duration.ofMinutes(30));
        StatsQuery query = new StatsQuery(SITE, ZoneOffset.UTC, DAYS, Filters.NONE);
        List<Instant> days = Interval.DAY.buckets(DAYS, ZoneOffset.UTC);
        List<Instant> shifted = days.stream().map(day -> day.plusSeconds(7 * 60)).toList();

        assertThat(new BucketJoin(days, query.from(), query.until()).slotted()).isTrue();
        assertThat(new BucketJoin(shifted, query.from(), query.until()).slotted()).isFalse();
        assertThat(new BucketJoin(Interval.HOUR.buckets(DAYS, ZoneId.of("Asia/Kathmandu")), query.from(), query.until()).slotted())
                .as("UTC+5:45 is on the quarter hour").isTrue();
        // No event falls in the first 7 minutes of a UTC day.
        assertThat(stats.series(query, shifted)).extracting(SeriesPoint::visitors, SeriesPoint::visits, SeriesPoint::pageviews)
                .containsExactlyElementsOf(stats.series(query, days).stream().map(p -> tuple(p.visitors(), p.visits(), p.pageviews())).toList());
        assertThat(stats.overview(query, shifted).buckets()).extracting(Overview.Bucket::visitors, Overview.Bucket::pageviews)
                .containsExactly(tuple(2L, 2L), tuple(1L, 1L));
    }
}
