package io.mallard.duckdb.stats;

import io.mallard.application.stats.QueryGate;
import io.mallard.application.stats.RollupBuilder;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Filters;
import io.mallard.duckdb.DuckDbEventEraser;
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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An erasure takes the erased days' trails with it: through the real erasure (journal, hot table,
 * Parquet) and the rollups' upkeep that follows it, the trail files of erased days leave the disk
 * and the behavioral counts no longer see the erased visitors.
 */
class TrailErasureTest {
    static final SiteId SITE = new SiteId("example.com");
    static final LocalDate FIRST = LocalDate.parse("2026-03-01");
    static final Duration TIMEOUT = Duration.ofMinutes(30);

    @TempDir
    Path dataDir;
    @AutoClose
    JournaledStorage storage;

    @BeforeEach
    void open() {
        storage = JournaledStorage.open(dataDir);
    }

    @Test
    void erasingADayDeletesItsTrailFileAndStoredVisitsAndItsVisitorsLeaveTheAnswers() throws Exception {
        storage.store().append(List.of(visit(1, "subject", 0), visit(2, "subject", 0), visit(3, "keep", 1), visit(4, "other", 1)));
        storage.tiers().flushToCold();
        DuckDbRollupStore rollups = new DuckDbRollupStore(storage.database(), storage.tiers().surface(), TIMEOUT);
        Clock later = Clock.fixed(FIRST.plusDays(5).atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
        new RollupBuilder(new DuckDbStatsQueries(storage.tiers().surface(), TIMEOUT), rollups, new QueryGate(0, Duration.ZERO), later, Map::of)
                .buildStale(10);
        TrailBehaviorQueries trails = new TrailBehaviorQueries(new DuckDbBehaviorQueries(storage.tiers().surface(), TIMEOUT), rollups);
        StatsQuery bothDays = new StatsQuery(SITE, ZoneOffset.UTC, new DateRange(FIRST, FIRST.plusDays(1)), Filters.NONE);
        assertThat(trailFiles()).hasSize(2);
        assertThat(trails.visitors(bothDays)).isEqualTo(3);
        assertThat(storedVisits()).as("both days' visits stored").isEqualTo(4);

        Instant dayStart = FIRST.atStartOfDay(ZoneOffset.UTC).toInstant();
        new DuckDbEventEraser(storage.store(), storage.tiers(), rollups::dropOutdated).erase(SITE, dayStart, dayStart.plus(Duration.ofDays(1)));

        assertThat(trailFiles()).as("only the untouched day's trail is left").hasSize(1);
        assertThat(rollups.trailDays(SITE, FIRST, FIRST.plusDays(1))).as("the erased day has no events: nothing to read")
                .containsExactlyInAnyOrder(FIRST, FIRST.plusDays(1));
        assertThat(trails.visitors(bothDays)).isEqualTo(2);
        assertThat(storedVisits()).as("the erased day's stored visits are gone with it").isEqualTo(2);
    }

    private long storedVisits() throws Exception {
        return storage.tiers().surface().transaction(connection -> {
            try (var statement = connection.createStatement(); var rows = statement.executeQuery("SELECT count(*) FROM rollup_visits")) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    private static Event visit(long id, String visitor, int day) {
        // Each its own visit, its id assigned as ingestion assigns them (days of events without one keep no visits).
        return TestEvents.visit(id, SITE.value(), visitor + "-" + day, FIRST.plusDays(day).atTime(10, (int) id).toInstant(ZoneOffset.UTC))
                .withVisitId(id);
    }

    private List<Path> trailFiles() throws Exception {
        Path directory = dataDir.resolve("trails");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
