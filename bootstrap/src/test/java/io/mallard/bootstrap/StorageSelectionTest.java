package io.mallard.bootstrap;

import io.mallard.bootstrap.config.ConfigException;
import io.mallard.bootstrap.wiring.StorageRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MALLARD_STORAGE picks the engine among the installed ones; the server answers the same on each. */
class StorageSelectionTest {
    @TempDir
    Path dataDir;

    @Test
    void theDefaultEngineIsDuckDb() {
        assertThat(ConfigTest.load(Map.of()).storage()).isEqualTo("duckdb");
    }

    @Test
    void anUnknownEngineStopsStartupNamingTheInstalledOnes() {
        assertThatThrownBy(() -> StorageRuntime.provider("cassandra")).isInstanceOf(ConfigException.class)
                .hasMessage("unknown storage engine 'cassandra' in MALLARD_STORAGE: installed are [clickhouse, duckdb, memory]");
        assertThatThrownBy(() -> ConfigTest.load(Map.of("MALLARD_STORAGE", "Duck DB"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("MALLARD_STORAGE");
    }

    @Test
    void sharedMetadataIsRefusedBesideAnEngineThatKeepsItsOwn() {
        var config = ConfigTest.load(Map.of("MALLARD_DATA_DIR", dataDir.toString(), "MALLARD_SECRET", "a-secret-of-16-chars",
                "MALLARD_METADATA_URL", "jdbc:postgresql://127.0.0.1:1/mallard"));

        assertThatThrownBy(() -> Main.start(config)).rootCause().isInstanceOf(ConfigException.class)
                .hasMessageContaining("MALLARD_METADATA_URL needs an events engine that keeps no metadata of its own");
    }

    @Test
    void theMemoryEngineServesEventsAndStatsAndKeepsAccountsInTheEmbeddedStore() throws Exception {
        try (TestServer server = new TestServer(dataDir, Map.of("MALLARD_STORAGE", "memory", "MALLARD_OPEN_ACCESS", "true"))) {
            assertThat(server.post("{\"d\":\"mem.test\",\"n\":\"pageview\",\"u\":\"https://mem.test/a\"}").statusCode()).isEqualTo(202);
            assertThat(server.post("{\"d\":\"mem.test\",\"n\":\"pageview\",\"u\":\"https://mem.test/b\"}").statusCode()).isEqualTo(202);

            HttpResponse<String> main = server.get("/api/stats/main?site_id=mem.test&period=day");
            assertThat(main.statusCode()).isEqualTo(200);
            assertThat(main.body()).contains("\"unique_visitors\":1").contains("\"total_pageviews\":2");
            HttpResponse<String> health = server.get("/health/detailed");
            assertThat(health.body()).contains("\"cold_events\":2");
            assertThat(server.storedEvents()).isEqualTo(2);
        }
        assertThat(dataDir.resolve("mallard.duckdb")).as("the embedded metadata store").exists();
        try (Stream<Path> files = Files.walk(dataDir)) {
            assertThat(files.map(dataDir::relativize).map(Path::toString))
                    .as("no journal, Parquet or trail file: the memory engine writes no events")
                    .noneMatch(name -> name.endsWith(".parquet") || name.startsWith("journal/") || name.startsWith("events/"));
        }
    }
}
