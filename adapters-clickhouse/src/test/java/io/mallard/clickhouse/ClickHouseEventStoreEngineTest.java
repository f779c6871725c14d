package io.mallard.clickhouse;

import io.mallard.application.stats.QueryGate;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.storage.StorageContext;
import io.mallard.application.storage.StorageEngine;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Filters;
import io.mallard.storage.contract.LocalClickHouse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
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

/** The journal in front of ClickHouse: what a 202 promises when ClickHouse is away, and when the server restarts. */
class ClickHouseEventStoreEngineTest {
    private static final SiteId SITE = new SiteId("journal.test");
    private static final Instant NOON = Instant.parse("2026-05-04T12:00:00Z");

    @TempDir
    Path work;

    @Test
    void eventsAcknowledgedWhileClickHouseIsAwayReachItOnceItIsBack() throws Exception {
        LocalClickHouse first = LocalClickHouse.start(work.resolve("clickhouse"));
        int port = first.url().getPort();
        try (StorageEngine engine = open(first.url(), "outage")) {
            engine.events().append(List.of(pageview(1)));
            first.close();

            engine.events().append(List.of(pageview(2), pageview(3)));

            assertThat(engine.activity().bufferedEvents()).as("acknowledged, on disk, waiting for ClickHouse").isEqualTo(2);
            try (LocalClickHouse second = LocalClickHouse.start(work.resolve("clickhouse"), port)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (engine.activity().bufferedEvents() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(engine.activity().bufferedEvents()).isZero();
                assertThat(events(engine)).isEqualTo(3);
            }
        }
    }

    @Test
    void aRestartInsertsTheJournalAgainAndClickHouseDropsWhatItHasUnderTheSameTokens() throws Exception {
        try (LocalClickHouse clickHouse = LocalClickHouse.start(work.resolve("clickhouse"))) {
            try (StorageEngine engine = open(clickHouse.url(), "replay")) {
                engine.events().append(List.of(pageview(1), pageview(2)));
                engine.events().append(List.of(pageview(3)));
                assertThat(events(engine)).isEqualTo(3);
            }
            assertThat(journalSegments()).as("the records stay in the journal: the restart replays them").isNotEmpty();

            for (int restart = 0; restart < 2; restart++) {
                try (StorageEngine engine = open(clickHouse.url(), "replay")) {
                    assertThat(events(engine)).isEqualTo(3);
                }
            }
        }
    }

    private StorageEngine open(URI url, String database) {
        return new ClickHouseStorageProvider().open(new StorageContext(work.resolve("data"), Clock.systemUTC(), Duration.ofMinutes(30),
                new QueryGate(0, Duration.ZERO), Map::of, Map.of(ClickHouseSettings.URL, url.toString(), ClickHouseSettings.DATABASE, database)));
    }

    private List<Path> journalSegments() throws Exception {
        try (Stream<Path> files = Files.list(work.resolve("data").resolve(ClickHouseStorageEngine.JOURNAL_DIRECTORY))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".journal") && file.toFile().length() > 8).toList();
        }
    }

    private static long events(StorageEngine engine) {
        return engine.stats().totals(new StatsQuery(SITE, ZoneOffset.UTC, new DateRange(LocalDate.parse("2026-05-01"),
                LocalDate.parse("2026-05-31")), Filters.NONE)).events();
    }

    private static Event pageview(long id) {
        return Event.builder().eventId(id).siteId(SITE).visitorId("v" + id).timestamp(NOON.plusSeconds(id)).eventName(EventName.PAGEVIEW)
                .pathname("/").visitId(id).build();
    }
}
