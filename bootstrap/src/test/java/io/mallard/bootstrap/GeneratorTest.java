package io.mallard.bootstrap;

import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.bootstrap.generator.GenerateCommand;
import io.mallard.duckdb.DuckDbDatabase;
import io.mallard.duckdb.DuckDbTieredStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
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
        GenerateCommand.Summary summary = GenerateCommand.generate(config, OPTIONS);
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
    void theTrafficLooksLikePeople() throws Exception {
        List<String> rows = generate("c");

        assertThat(rows).anyMatch(r -> r.contains("|signup|")).anyMatch(r -> r.contains("|purchase|"))
                .anyMatch(r -> r.contains("|Google|")).anyMatch(r -> r.contains("|newsletter|"))
                .anyMatch(r -> r.contains("|Mobile|")).anyMatch(r -> r.contains("|Desktop|"));
        long visitors = rows.stream().map(r -> r.split("\\|")[1]).distinct().count();
        assertThat(visitors).isBetween(100L, rows.size() / 2L);
    }
}
