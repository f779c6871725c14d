package io.mallard.bootstrap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bit rot in the journal costs only the damaged record: the packaged server is killed with
 * acknowledged events still in the journal, four bytes in the middle of the segment are flipped,
 * and the next start recovers every intact record after them, reports the loss (ERROR in the log,
 * {@code /health/detailed}, {@code /metrics}) and keeps the damaged segment aside, also after the
 * clean stop that would delete a loaded segment.
 */
class JournalDamageIT {
    static final String TOKEN = "journal-damage-token-01";
    static final Map<String, String> SETTINGS = Map.of("MALLARD_OPEN_ACCESS", "true", "MALLARD_METRICS_TOKEN", TOKEN,
            "MALLARD_FLUSH_INTERVAL", "3600", "MALLARD_FLUSH_COUNT", "100000");

    @TempDir
    Path work;

    @Test
    void flippedBytesMidSegmentLoseOneRecordAndEveryLaterOneIsRecovered() throws Exception {
        Assumptions.assumeTrue(JarProcess.jarExists(), "the packaged jar is built by `mvn verify`");
        Path dataDir = work.resolve("data");
        HttpClient client = HttpClient.newHttpClient();
        JarProcess server = JarProcess.start(dataDir, work.resolve("first.log"), SETTINGS);
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.base.resolve("/api/event"))
                    .header("User-Agent", TestServer.FIREFOX)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"d\":\"journal.test\",\"n\":\"pageview\",\"u\":\"/e" + i + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(202);
        }
        server.kill();

        Path segment = segments(dataDir).getLast();
        byte[] bytes = Files.readAllBytes(segment);
        int middle = bytes.length / 2;
        for (int i = 0; i < 4; i++) {
            bytes[middle + i] ^= (byte) 0x5A;
        }
        Files.write(segment, bytes);

        Path log = work.resolve("second.log");
        server = JarProcess.start(dataDir, log, SETTINGS);
        String main = get(client, server.base, "/api/stats/main?site_id=journal.test&period=day");
        long stored = Long.parseLong(main.replaceAll(".*\"total_pageviews\":(\\d+).*", "$1"));
        assertThat(stored).as("one record (one event per request) lost, every later one recovered").isEqualTo(199);
        assertThat(get(client, server.base, "/health/detailed")).contains("\"status\":\"degraded\"", "\"kind\":\"journal_region\"");
        assertThat(get(client, server.base, "/metrics")).contains("mallard_journal_damaged_regions_total 1.0");
        assertThat(Files.readString(log)).contains("ERROR").contains("are damaged").doesNotContain("never acknowledged");
        server.stop();

        assertThat(dataDir.resolve("journal").resolve("damaged").resolve(segment.getFileName()))
                .as("the damaged segment is kept aside after the clean stop").hasBinaryContent(bytes);
    }

    private static List<Path> segments(Path dataDir) throws Exception {
        try (Stream<Path> files = Files.list(dataDir.resolve("journal"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".journal")).sorted().toList();
        }
    }

    private static String get(HttpClient client, URI base, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (path.equals("/metrics")) {
            request.header("Authorization", "Bearer " + TOKEN);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
