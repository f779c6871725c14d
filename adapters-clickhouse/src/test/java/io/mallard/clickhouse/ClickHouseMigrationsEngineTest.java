package io.mallard.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.data.ClickHouseFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The schema's migrations on a real ClickHouse engine (scripts/clickhouse/start.sh). */
class ClickHouseMigrationsEngineTest {
    @TempDir
    static Path dataDir;
    static ClickHouseTestEngine engine;
    static Client client;
    static ClickHouseSettings settings;

    @BeforeAll
    static void start() throws Exception {
        engine = ClickHouseTestEngine.start(dataDir, "mallard_test");
        settings = engine.settings();
        client = engine.client();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aFreshDatabaseGetsEveryMigrationOnceAndTheEventsTableAsDesigned() {
        assertThat(ClickHouseMigrations.migrate(client, settings)).containsExactly(1);
        assertThat(ClickHouseMigrations.migrate(client, settings)).as("applied again: nothing to do").containsExactly(1);

        assertThat(client.queryAll("SELECT count() AS n FROM mallard_test.mallard_migrations").getFirst().getLong("n")).isEqualTo(1);
        Map<String, String> types = new java.util.HashMap<>();
        client.queryAll("SELECT name, type FROM system.columns WHERE database = 'mallard_test' AND table = 'events'")
                .forEach(row -> types.put(row.getString("name"), row.getString("type")));
        assertThat(types).containsEntry("timestamp", "DateTime64(6, 'UTC')").containsEntry("second", "DateTime('UTC')")
                .containsEntry("visitor_key", "UInt64").containsEntry("browser", "LowCardinality(String)")
                .containsEntry("props", "Map(String, String)").containsEntry("props_json", "String").containsEntry("visitor_id", "String").containsEntry("revenue_amount", "Nullable(Decimal(18, 2))");
        assertThat(client.queryAll("SELECT sorting_key, partition_key FROM system.tables WHERE database = 'mallard_test' AND name = 'events'")
                .getFirst().getString("sorting_key")).isEqualTo("site_id, toDate(timestamp), visitor_key, timestamp, event_id");
    }

    @Test
    void aBatchInsertedTwiceWithOneDeduplicationTokenIsStoredOnce() throws Exception {
        ClickHouseMigrations.migrate(client, settings);
        String rows = "{\"site_id\":\"dedup.test\",\"timestamp\":\"2026-05-10 10:00:00.000\",\"event_id\":1,\"visitor_key\":7,\"visit_id\":1,"
                + "\"event_name\":\"pageview\",\"pathname\":\"/\"}\n";
        for (int attempt = 0; attempt < 2; attempt++) {
            InsertSettings insert = new InsertSettings().serverSetting("insert_deduplication_token", "batch-1");
            client.insert("mallard_test.events", new ByteArrayInputStream(rows.getBytes(StandardCharsets.UTF_8)), ClickHouseFormat.JSONEachRow, insert)
                    .get().close();
        }
        assertThat(client.queryAll("SELECT count() AS n FROM mallard_test.events WHERE site_id = 'dedup.test'").getFirst().getLong("n"))
                .as("a replay after a crash never double-counts").isEqualTo(1);
    }
}
