package io.mallard.bootstrap;

import io.mallard.application.stats.QueryGate;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.stats.Totals;
import io.mallard.application.storage.StorageContext;
import io.mallard.application.storage.StorageEngine;
import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.bootstrap.copy.CopyEventsCommand;
import io.mallard.bootstrap.generator.GenerateCommand;
import io.mallard.bootstrap.wiring.StorageRuntime;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Filters;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code copy-events}: a DuckDB data directory's events into ClickHouse, the same figures after, once however often it runs. */
class CopyEventsTest {
    private static final String SECRET = "copy-events-test-secret-123";
    private static final StatsQuery ALL = new StatsQuery(new SiteId("copy.test"), ZoneOffset.UTC,
            new DateRange(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31")), Filters.NONE);

    @TempDir
    Path work;

    @Test
    void aDuckDbDirectorysEventsReachClickHouseOnceHoweverOftenTheCopyRuns() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("mallard.clickhouse.available"), "ClickHouse runs with -Pclickhouse");
        Path source = work.resolve("duckdb");
        MallardConfig sourceConfig = Main.loadConfig(new String[0], Map.of("MALLARD_DATA_DIR", source.toString(), "MALLARD_SECRET", SECRET));
        GenerateCommand.generate(sourceConfig, new GenerateCommand.Options("copy.test", 3000, 3, 7, LocalDate.parse("2026-03-10")),
                Clock.systemUTC());
        Path target = work.resolve("clickhouse");
        Map<String, String> environment = new HashMap<>(Map.of("MALLARD_STORAGE", "clickhouse", "MALLARD_DATA_DIR", target.toString(),
                "MALLARD_SECRET", SECRET, "MALLARD_CLICKHOUSE_URL", SharedClickHouse.url().toString(),
                "MALLARD_CLICKHOUSE_DATABASE", SharedClickHouse.databaseOf(target)));

        assertThat(CopyEventsCommand.run(new String[] {"--from", source.toString()}, environment)).isZero();
        assertThat(CopyEventsCommand.run(new String[] {"--from", source.toString()}, environment)).as("run again").isZero();

        Totals copied = totals(Main.loadConfig(new String[0], environment));
        Totals original = totals(sourceConfig);
        assertThat(copied.events()).isGreaterThanOrEqualTo(3000);
        assertThat(copied).usingRecursiveComparison().ignoringFields("visitSeconds").isEqualTo(original);
        assertThat(copied.visitSeconds()).isCloseTo(original.visitSeconds(), within(1e-3));
    }

    @Test
    void badArgumentsAndAnEmbeddedTargetAreRefusedWithUsage() {
        Path source = work.resolve("old");
        Map<String, String> environment = Map.of("MALLARD_DATA_DIR", work.resolve("new").toString());

        assertThat(CopyEventsCommand.run(new String[] {"--from", work.resolve("missing").toString()}, environment)).isEqualTo(2);
        assertThat(CopyEventsCommand.run(new String[] {"--to", "x"}, environment)).isEqualTo(2);
        assertThat(CopyEventsCommand.run(new String[] {"--from", work.toString(), "--site", "bad site"}, environment)).isEqualTo(2);
        assertThat(source.toFile().mkdirs()).isTrue();
        assertThat(CopyEventsCommand.run(new String[] {"--from", source.toString()}, environment))
                .as("MALLARD_STORAGE is duckdb: nothing to copy into").isEqualTo(2);
    }

    private static Totals totals(MallardConfig config) {
        try (StorageEngine engine = StorageRuntime.provider(config.storage()).open(new StorageContext(config.dataDir(), Clock.systemUTC(),
                config.visitTimeout(), new QueryGate(0, Duration.ZERO), Map::of, StorageRuntime.engineOptions(config)))) {
            return engine.stats().totals(ALL);
        }
    }
}
