package io.mallard.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A damaged Parquet file costs only its own events: it is set aside, reported in
 * {@code /health/detailed} and {@code /metrics}, answers touching its day say data is missing,
 * and everything else keeps answering. Real files, a real server.
 */
class DamagedColdFileTest {
    static final String TOKEN = "damage-scrape-token-0123";
    static final Map<String, String> SETTINGS = Map.of("MALLARD_OPEN_ACCESS", "true", "MALLARD_METRICS_TOKEN", TOKEN);

    @TempDir
    Path dataDir;

    private static void post(TestServer server, String site, int events) throws Exception {
        for (int i = 0; i < events; i++) {
            assertThat(server.post("{\"d\":\"" + site + "\",\"n\":\"pageview\",\"u\":\"/p" + i + "\"}").statusCode()).isEqualTo(202);
        }
        server.tiers().flushToCold();
    }

    /** Cold files of the site as listed in the manifest, by path, with their event counts. */
    private static Map<String, Long> coldFiles(TestServer server, String site) throws Exception {
        Map<String, Long> files = new LinkedHashMap<>();
        try (Connection connection = server.duckdb().database().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT path, events FROM cold_files WHERE site_id = '" + site + "' ORDER BY created_at")) {
            while (rows.next()) {
                files.put(rows.getString(1), rows.getLong(2));
            }
        }
        return files;
    }

    private static void truncate(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }

    @Test
    void aTruncatedFileIsSetAsideAndCostsOnlyItsOwnEvents() throws Exception {
        String damaged;
        try (TestServer server = new TestServer(dataDir, SETTINGS)) {
            post(server, "damage.test", 3);
            post(server, "damage.test", 2);
            post(server, "other.test", 2);
            damaged = coldFiles(server, "damage.test").keySet().iterator().next();
            assertThat(coldFiles(server, "damage.test")).containsEntry(damaged, 3L).hasSize(2);
            truncate(dataDir.resolve(damaged));

            HttpResponse<String> main = server.get("/api/stats/main?site_id=damage.test&period=day");
            HttpResponse<String> filtered = server.get("/api/stats/breakdown/pages?site_id=damage.test&period=7d&filters="
                    + java.net.URLEncoder.encode("[[\"is\",\"event:page\",[\"/p0\"]]]", java.nio.charset.StandardCharsets.UTF_8));
            HttpResponse<String> other = server.get("/api/stats/main?site_id=other.test&period=day");

            assertThat(main.statusCode()).isEqualTo(200);
            assertThat(main.body()).contains("\"total_pageviews\":2").contains("\"warnings\":[\"data missing: 3 event(s) of ");
            assertThat(main.headers().allValues("X-Mallard-Warning")).singleElement().asString().contains("3 event(s)");
            assertThat(filtered.statusCode()).as(filtered.body()).isEqualTo(200);
            assertThat(filtered.headers().allValues("X-Mallard-Warning")).hasSize(1);
            assertThat(other.body()).contains("\"total_pageviews\":2", "\"warnings\":[]");
            assertThat(other.headers().firstValue("X-Mallard-Warning")).isEmpty();
            assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
            assertThat(server.get("/health/detailed").body()).contains("\"status\":\"degraded\"", "\"kind\":\"cold_file\"",
                    "\"location\":\"" + damaged + "\"", "\"site_id\":\"damage.test\"", "\"events_lost\":3");
            assertThat(server.get("/metrics", "Authorization", "Bearer " + TOKEN).body())
                    .contains("mallard_cold_files_quarantined_total 1.0");
            assertThat(dataDir.resolve("quarantine").resolve(damaged)).as("kept aside, not deleted").exists();
            assertThat(dataDir.resolve(damaged)).doesNotExist();
        }

        try (TestServer restarted = new TestServer(dataDir, SETTINGS)) {
            assertThat(restarted.get("/health/detailed").body()).as("reported again after a restart")
                    .contains("\"status\":\"degraded\"", "\"location\":\"" + damaged + "\"", "set aside by an earlier run");
            assertThat(restarted.get("/api/stats/main?site_id=damage.test&period=day").body()).contains("\"total_pageviews\":2");
        }
    }

    @Test
    void aFileDamagedWhileTheServerWasStoppedIsSetAsideAtStartup() throws Exception {
        String damaged;
        try (TestServer server = new TestServer(dataDir, SETTINGS)) {
            post(server, "startup.test", 4);
            damaged = coldFiles(server, "startup.test").keySet().iterator().next();
        }
        byte[] bytes = Files.readAllBytes(dataDir.resolve(damaged));
        bytes[bytes.length - 1] = 'X'; // the footer's magic number
        Files.write(dataDir.resolve(damaged), bytes);

        try (TestServer server = new TestServer(dataDir, SETTINGS)) {
            assertThat(server.get("/health/detailed").body()).contains("\"location\":\"" + damaged + "\"", "no Parquet footer");
            assertThat(server.get("/api/stats/main?site_id=startup.test&period=day").body())
                    .contains("\"total_pageviews\":0", "data missing: 4 event(s)");
            assertThat(dataDir.resolve("quarantine").resolve(damaged)).exists();
        }
    }
}
