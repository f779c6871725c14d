package io.mallard.bootstrap;

import io.mallard.duckdb.DuckDbDatabase;
import io.mallard.duckdb.DuckDbTieredStorage;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privacy proof: events from known client addresses and User-Agents (sent through a trusted
 * proxy header, as behind a reverse proxy), some naming a signed-in user ({@code uid}), accepted,
 * refused and malformed, then a graceful stop (flush to Parquet). No byte of any file under the data
 * directory, no decoded value of any stored column, and no line of the server's log holds one of
 * those addresses, User-Agents or user keys.
 */
class PrivacyIT {
    private static final List<String> ADDRESSES = List.of("203.0.113.77", "198.51.100.23", "2001:db8:0:0:0:0:0:beef", "2001:db8::beef");
    private static final List<String> USER_AGENTS = List.of(
            "Mozilla/5.0 (X11; Fedora; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
            // A parser names browsers after unknown product tokens: an e-mail address, a random string, a marker.
            "Mozilla/5.0 (X11; Linux x86_64) jane.doe@example.org/1.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Xk3j9QvL2mZ8pR4tY7wB1nC6dE0fG/5.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) MarkerQ7Z3Token/9.9");
    /** Fragments of those User-Agents that must not survive in any case. */
    private static final List<String> TOKENS = List.of("jane.doe", "example.org", "xk3j9qvl2mz8pr4ty7wb1nc6de0fg", "markerq7z3token");
    private static final String USER_KEY = "customer-4711@shop.example";

    @TempDir
    Path work;

    @Test
    void noAddressOrUserAgentReachesDiskOrLogs() throws Exception {
        Assumptions.assumeTrue(JarProcess.jarExists(), "the packaged jar is built by `mvn verify`");
        Path dataDir = work.resolve("data");
        Path log = work.resolve("server.log");
        JarProcess server = JarProcess.start(dataDir, log, Map.of("MALLARD_TRUSTED_PROXIES", "127.0.0.1,::1",
                "MALLARD_LOG_FORMAT", "json"));
        HttpClient client = HttpClient.newHttpClient();
        int accepted = 0;
        for (String address : List.of("203.0.113.77", "198.51.100.23", "2001:db8::beef")) {
            for (String userAgent : USER_AGENTS) {
                for (String body : List.of(
                        "{\"d\":\"privacy.test\",\"n\":\"pageview\",\"u\":\"https://privacy.test/a\",\"r\":\"https://news.ycombinator.com/\"}",
                        "{\"d\":\"privacy.test\",\"n\":\"signup\",\"u\":\"/b\",\"p\":\"{\\\"plan\\\":\\\"pro\\\"}\",\"ra\":5,\"rc\":\"EUR\"}",
                        "{\"d\":\"privacy.test\",\"n\":\"login\",\"u\":\"/account\",\"uid\":\"" + USER_KEY + "\"}",
                        "{\"d\":\"privacy.test\",\"n\":\"pageview\"}",
                        "{not json")) {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.base.resolve("/api/event"))
                            .header("User-Agent", userAgent).header("X-Forwarded-For", address)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    accepted += response.statusCode() == 202 ? 1 : 0;
                }
            }
        }
        assertThat(accepted).as("three valid bodies per address and User-Agent").isEqualTo(3 * USER_AGENTS.size() * 3);

        List<String> forbidden = new ArrayList<>(ADDRESSES);
        forbidden.addAll(USER_AGENTS);
        forbidden.addAll(List.of("X11; Fedora", "iPhone OS 17_4_1", USER_KEY, "customer-4711"));
        assertThat(Files.list(dataDir.resolve("journal")).toList()).as("before a flush, the journal holds the events, uncompressed")
                .isNotEmpty();
        assertNoFileContains(dataDir, forbidden);
        assertThat(server.stop()).as("exit status after SIGTERM (143 = 128 + SIGTERM, after shutdown hooks ran)").isIn(0, 143);
        assertThat(Files.list(dataDir.resolve("events")).toList()).as("events were flushed to Parquet").isNotEmpty();
        assertNoFileContains(dataDir, forbidden);
        List<String> values = storedText(dataDir);
        assertThat(values).as("accepted events are stored and readable").hasSizeGreaterThanOrEqualTo(3 * 2 * 3)
                .allMatch(value -> value.contains("privacy.test"))
                .anyMatch(value -> value.contains("\u0001Other\u0001"));
        for (String value : values) {
            for (String secret : forbidden) {
                assertThat(value).as("a stored column value").doesNotContain(secret);
            }
            assertThat(value.toLowerCase(java.util.Locale.ROOT)).as("a stored column value").doesNotContain(TOKENS);
        }
        String logText = Files.readString(log);
        assertThat(logText).contains("Mallard Metrics is running");
        for (String secret : forbidden) {
            assertThat(logText).as("server log").doesNotContain(secret);
        }
        assertThat(logText.toLowerCase(java.util.Locale.ROOT)).as("server log").doesNotContain(TOKENS);
    }

    /** Scans the raw bytes of every file under the data directory (a running server may delete one meanwhile). */
    private static void assertNoFileContains(Path dataDir, List<String> forbidden) throws Exception {
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes;
                try {
                    bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                } catch (java.nio.file.NoSuchFileException deleted) {
                    continue;
                }
                for (String secret : forbidden) {
                    assertThat(bytes).as("raw bytes of %s", file).doesNotContain(secret);
                }
                assertThat(bytes.toLowerCase(java.util.Locale.ROOT)).as("raw bytes of %s", file).doesNotContain(TOKENS);
            }
        }
    }

    /** Every stored value of every column, as text, decoded from DuckDB and Parquet. */
    private static List<String> storedText(Path dataDir) throws Exception {
        try (DuckDbDatabase database = DuckDbDatabase.open(dataDir, null)) {
            DuckDbTieredStorage tiers = new DuckDbTieredStorage(database, 1);
            return tiers.surface().query("SELECT CAST(COLUMNS(*) AS VARCHAR) FROM {events}", s -> { }, row -> {
                StringBuilder all = new StringBuilder();
                for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                    all.append(row.getString(i)).append('\u0001');
                }
                return all.toString();
            });
        }
    }
}
