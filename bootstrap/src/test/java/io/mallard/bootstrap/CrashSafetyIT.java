package io.mallard.bootstrap;

import io.mallard.duckdb.DuckDbDatabase;
import io.mallard.duckdb.DuckDbTieredStorage;
import io.mallard.storage.contract.LocalClickHouse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills the packaged server with SIGKILL at random moments under load — with a flush threshold so
 * low that moves to Parquet run all the time — restarts it, and checks that every event that got a
 * 202 is stored exactly once. Rounds: system property {@code crash.rounds} (default 5;
 * {@code scripts/crash-soak.sh} runs more).
 */
class CrashSafetyIT {
    private static final int ROUNDS = Integer.getInteger("crash.rounds", 5);
    private static final int SENDERS = 8;

    @TempDir
    Path work;

    @Test
    void everyAcknowledgedEventSurvivesSigkillExactlyOnce() throws Exception {
        Assumptions.assumeTrue(JarProcess.jarExists(), "the packaged jar is built by `mvn verify`");
        Path dataDir = work.resolve("data");
        killUnderLoad(dataDir, Map.of("MALLARD_FLUSH_COUNT", "40", "MALLARD_FLUSH_INTERVAL", "1",
                "MALLARD_SECRET", "crash-test-secret-0123456789"), () -> storedPathCounts(dataDir));
    }

    /**
     * The same on ClickHouse (the test engine of scripts/clickhouse/start.sh; run with
     * {@code -Pclickhouse}): the journal in front of the inserts and their deduplication tokens
     * must keep every acknowledged event, once, however often the server dies between them.
     */
    @Test
    void onClickHouseEveryAcknowledgedEventSurvivesSigkillExactlyOnce() throws Exception {
        Assumptions.assumeTrue(JarProcess.jarExists(), "the packaged jar is built by `mvn verify`");
        Assumptions.assumeTrue(Boolean.getBoolean("mallard.crash.clickhouse"), "ClickHouse runs with -Pclickhouse");
        try (LocalClickHouse clickHouse = LocalClickHouse.start(work.resolve("clickhouse"))) {
            killUnderLoad(work.resolve("data"), Map.of("MALLARD_STORAGE", "clickhouse", "MALLARD_CLICKHOUSE_URL", clickHouse.url().toString(),
                    "MALLARD_CLICKHOUSE_DATABASE", "crash", "MALLARD_SECRET", "crash-test-secret-0123456789"),
                    () -> clickHousePathCounts(clickHouse));
        }
    }

    private void killUnderLoad(Path dataDir, Map<String, String> settings, Callable<Map<String, Long>> storedCounts) throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Random random = new Random(42);
        for (int round = 0; round < ROUNDS; round++) {
            JarProcess server = JarProcess.start(dataDir, work.resolve("server.log"), settings);
            AtomicBoolean sending = new AtomicBoolean(true);
            AtomicInteger sequence = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            int thisRound = round;
            for (int s = 0; s < SENDERS; s++) {
                senders.submit(() -> {
                    while (sending.get()) {
                        String path = "/r" + thisRound + "/e" + sequence.incrementAndGet();
                        if (send(client, server, path)) {
                            acknowledged.add(path);
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(300 + random.nextInt(1500));
            server.kill();
            sending.set(false);
            senders.shutdown();
            senders.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        JarProcess.start(dataDir, work.resolve("server.log"), settings).stop();

        Map<String, Long> stored = storedCounts.call();
        assertThat(acknowledged).as("events acknowledged over %d rounds", ROUNDS).hasSizeGreaterThan(ROUNDS * 50);
        List<String> missing = acknowledged.stream().filter(path -> !stored.containsKey(path)).toList();
        List<String> duplicated = stored.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
        String problems = java.nio.file.Files.readAllLines(work.resolve("server.log")).stream()
                .filter(line -> line.contains(" ERROR ") || line.contains(" WARN ")).limit(40)
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(missing).as("acknowledged but lost; server errors:\n%s", problems).isEmpty();
        assertThat(duplicated).as("stored more than once; server errors:\n%s", problems).isEmpty();
    }

    private static boolean send(HttpClient client, JarProcess server, String path) {
        String body = "{\"d\":\"crash.test\",\"n\":\"pageview\",\"u\":\"https://crash.test" + path + "\"}";
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(server.base.resolve("/api/event"))
                    .timeout(Duration.ofSeconds(5))
                    .header("User-Agent", TestServer.FIREFOX)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 202;
        } catch (IOException | InterruptedException killed) {
            return false;
        } catch (RuntimeException unexpected) {
            unexpected.printStackTrace();
            return false;
        }
    }

    /** Each stored path's count, asked over ClickHouse's HTTP interface. */
    private static Map<String, Long> clickHousePathCounts(LocalClickHouse clickHouse) throws Exception {
        String query = "SELECT pathname, count() FROM crash.events GROUP BY pathname FORMAT TabSeparated";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(clickHouse.url())
                .POST(HttpRequest.BodyPublishers.ofString(query)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Map<String, Long> counts = new HashMap<>();
        answer.body().lines().map(line -> line.split("\t")).forEach(row -> counts.put(row[0], Long.parseLong(row[1])));
        return counts;
    }

    private static Map<String, Long> storedPathCounts(Path dataDir) throws Exception {
        try (DuckDbDatabase database = DuckDbDatabase.open(dataDir, null)) {
            DuckDbTieredStorage tiers = new DuckDbTieredStorage(database, 1);
            Map<String, Long> counts = new HashMap<>();
            tiers.surface().query("SELECT pathname, count(*) FROM {events} GROUP BY pathname", s -> { },
                    row -> counts.put(row.getString(1), row.getLong(2)));
            return counts;
        }
    }
}
