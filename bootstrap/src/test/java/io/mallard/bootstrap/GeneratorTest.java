package io.mallard.bootstrap;

import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.bootstrap.generator.GenerateCommand;
import io.mallard.duckdb.DuckDbDatabase;
import io.mallard.duckdb.DuckDbTieredStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorTest {
    @TempDir
    Path work;

    static final GenerateCommand.Options OPTIONS =
            new GenerateCommand.Options("gen.test", 3000, 3, 7, LocalDate.parse("2026-03-10"));

    List<String> generate(String name) throws Exception {
        MallardConfig config = Main.loadConfig(new String[0], Map.of("MALLARD_DATA_DIR", work.resolve(name).toString(),
                "MALLARD_SECRET", "generator-test-secret-123"));
        GenerateCommand.Summary summary = GenerateCommand.generate(config, OPTIONS, Clock.systemUTC());
        assertThat(summary.stored()).isGreaterThanOrEqualTo(3000);
        assertThat(summary.distinctUserAgents()).isGreaterThanOrEqualTo(200);
        try (DuckDbDatabase database = DuckDbDatabase.open(work.resolve(name), null)) {
            return new DuckDbTieredStorage(database, 1).surface().query(
                    "SELECT concat_ws('|', event_id, visitor_id, \"timestamp\", event_name, pathname, referrer_source, utm_source, "
                            + "browser, os, device_type, props, revenue_amount) FROM {events} ORDER BY event_id",
                    s -> { }, row -> row.getString(1));
        }
    }

    @Test
    void theSameSeedProducesTheSameEventsThroughTheRealPipeline() throws Exception {
        List<String> first = generate("a");
        List<String> second = generate("b");

        assertThat(first).hasSizeGreaterThanOrEqualTo(3000).isEqualTo(second);
    }

    @Test
    void nothingIsDatedAfterNowAndTheSiteIsRegistered() throws Exception {
        Instant now = Instant.parse("2026-03-10T12:34:00Z");
        Path dataDir = work.resolve("today");
        MallardConfig config = Main.loadConfig(new String[0], Map.of("MALLARD_DATA_DIR", dataDir.toString(),
                "MALLARD_SECRET", "generator-test-secret-123"));

        GenerateCommand.Summary summary = GenerateCommand.generate(config, OPTIONS, Clock.fixed(now, ZoneOffset.UTC));

        assertThat(summary.siteRegistered()).isTrue();
        try (DuckDbDatabase database = DuckDbDatabase.open(dataDir, null)) {
            Instant latest = new DuckDbTieredStorage(database, 1).surface().query("SELECT max(\"timestamp\") FROM {events}",
                    s -> { }, row -> row.getObject(1, java.time.LocalDateTime.class).toInstant(ZoneOffset.UTC)).getFirst();
            assertThat(latest).isBefore(now).isAfter(now.minusSeconds(6 * 3600));
            assertThat(new io.mallard.application.site.SiteRegistry(new io.mallard.metadata.jdbc.JdbcSiteStore(database::connect), Clock.systemUTC())
                    .find(new io.mallard.domain.event.SiteId("gen.test"))).isPresent();
        }
        assertThat(GenerateCommand.generate(config, OPTIONS, Clock.fixed(now, ZoneOffset.UTC)).siteRegistered())
                .as("registered once").isFalse();
    }

    @Test
    void anEndDateInTheFutureIsRefused() {
        assertThat(GenerateCommand.run(new String[] {"--end-date", "2999-01-01"}, Map.of())).isEqualTo(2);
        assertThat(GenerateCommand.run(new String[] {"--help"}, Map.of())).isZero();
    }

    @Test
    void theTrafficLooksLikePeople() throws Exception {
        List<String> rows = generate("c");

        assertThat(rows).anyMatch(r -> r.contains("|signup|")).anyMatch(r -> r.contains("|purchase|"))
                .anyMatch(r -> r.contains("|Google|")).anyMatch(r -> r.contains("|newsletter|"))
                .anyMatch(r -> r.contains("|Mobile|")).anyMatch(r -> r.contains("|Desktop|"));
        long visitors = rows.stream().map(r -> r.split("\\|")[1]).distinct().count();
        assertThat(visitors).isBetween(100L, rows.size() / 2L);
    }
}
