package io.mallard.duckdb.stats;

import io.mallard.application.stats.QueryGate;
import io.mallard.application.stats.RollupBuilder;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Filters;
import io.mallard.duckdb.JournaledStorage;
import io.mallard.duckdb.TestEvents;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether parts of a question share visitors with each other or with stored days
 * ({@link DuckDbRollupStore#disjoint}): parts inside different usable (additive) days are disjoint
 * without reading their events, and every other part is checked against its events.
 */
class RollupPartsDisjointTest {
    static final SiteId SITE = new SiteId("example.com");
    static final LocalDate FIRST = LocalDate.parse("2026-03-01");
    static final Duration TIMEOUT = Duration.ofMinutes(30);
    static final StatsQuery QUERY = new StatsQuery(SITE, ZoneOffset.UTC, new DateRange(FIRST, FIRST.plusDays(3)), Filters.NONE);

    @TempDir
    Path dataDir;
    @AutoClose
    JournaledStorage storage;
    DuckDbRollupStore rollups;

    @BeforeEach
    void open() {
        storage = JournaledStorage.open(dataDir);
        rollups = new DuckDbRollupStore(storage.database(), storage.tiers().surface(), TIMEOUT);
    }

    @Test
    void partsInsideDifferentAdditiveDaysAreDisjointWithoutReadingTheirEvents() throws Exception {
        store(visit(1, "a-0", 0, 2), visit(2, "b-0", 0, 20), visit(3, "c-1", 1, 12), visit(4, "d-2", 2, 3));
        deleteColdFiles(); // the manifest, and so the rollups, still name them: a read of their events would fail

        assertThat(rollups.disjoint(QUERY, List.of(clip(0, 4, 24), clip(2, 0, 5)), Set.of(FIRST.plusDays(1)))).isTrue();
    }

    @Test
    void partsOfDaysSharingAVisitorAreCheckedAgainstTheirEvents() throws Exception {
        // "u" on days 0 and 1: neither day is additive, so neither is usable.
        store(visit(1, "u", 0, 20), visit(2, "u", 1, 2), visit(3, "x-2", 2, 3));

        assertThat(rollups.disjoint(QUERY, List.of(clip(0, 12, 24), clip(1, 0, 5)), Set.of()))
                .as("the two parts share u").isFalse();
        assertThat(rollups.disjoint(QUERY, List.of(clip(0, 12, 24)), Set.of(FIRST.plusDays(2))))
                .as("u is not on day 2").isTrue();
    }

    @Test
    void aPartAcrossMidnightIsCheckedAgainstItsEvents() throws Exception {
        store(visit(1, "a-0", 0, 20), visit(2, "b-1", 1, 2), visit(3, "a-0", 2, 3));

        StatsQuery.Clip acrossMidnight = new StatsQuery.Clip(at(0, 12), at(1, 12));
        assertThat(rollups.disjoint(QUERY, List.of(acrossMidnight), Set.of(FIRST.plusDays(2))))
                .as("a-0 of the part is on day 2 too").isFalse();
    }

    private void store(Event... events) {
        storage.store().append(List.of(events));
        storage.tiers().flushToCold();
        Clock later = Clock.fixed(FIRST.plusDays(5).atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
        new RollupBuilder(new DuckDbStatsQueries(storage.tiers().surface(), TIMEOUT), rollups, new QueryGate(0, Duration.ZERO), later, Map::of)
                .buildStale(10);
    }

    private void deleteColdFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dataDir.resolve("events"))) {
            for (Path file : files.sorted(Comparator.reverseOrder()).filter(Files::isRegularFile).toList()) {
                Files.delete(file);
            }
        }
    }

    private static Event visit(long id, String visitor, int day, int hour) {
        return TestEvents.visit(id, SITE.value(), visitor, at(day, hour)).withVisitId(id);
    }

    private static StatsQuery.Clip clip(int day, int fromHour, int untilHour) {
        return new StatsQuery.Clip(at(day, fromHour), untilHour == 24 ? at(day + 1, 0) : at(day, untilHour));
    }

    private static Instant at(int day, int hour) {
        return FIRST.plusDays(day).atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }
}
