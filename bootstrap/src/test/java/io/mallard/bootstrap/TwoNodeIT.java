package io.mallard.bootstrap;

import io.mallard.storage.contract.LocalClickHouse;
import io.mallard.storage.contract.LocalPostgres;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two packaged servers on loopback ports sharing one ClickHouse and one PostgreSQL, as behind a
 * load balancer (run with {@code -Pclickhouse}): a session, site, goal or key made on one is good on
 * the other, a logout or revocation on one reaches the other within seconds, and both answer the
 * same figures for events sent half to each.
 */
class TwoNodeIT {
    private static final String PASSWORD = "two-node-password";
    /** How long a change on one node may take to reach the other: one second of polling, with room for a slow machine. */
    private static final Duration PROPAGATION = Duration.ofSeconds(10);
    private static final Pattern KEY = Pattern.compile("\"key\":\"(mm_[^\"]+)\"");
    private static final Pattern KEY_HASH = Pattern.compile("\"key_hash\":\"([^\"]+)\"");

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void twoNodesShareAccountsAndMetadataAndAnswerTheSameFigures() throws Exception {
        Assumptions.assumeTrue(JarProcess.jarExists(), "the packaged jar is built by `mvn verify`");
        Assumptions.assumeTrue(Boolean.getBoolean("mallard.multinode"), "ClickHouse runs with -Pclickhouse");
        try (LocalClickHouse clickHouse = LocalClickHouse.start(work.resolve("clickhouse"));
             LocalPostgres postgres = LocalPostgres.start(work.resolve("postgres"))) {
            Map<String, String> settings = Map.of("MALLARD_STORAGE", "clickhouse", "MALLARD_CLICKHOUSE_URL", clickHouse.url().toString(),
                    "MALLARD_CLICKHOUSE_DATABASE", "twonode", "MALLARD_METADATA_URL", postgres.url(),
                    "MALLARD_SECRET", "two-node-secret-0123456789", "MALLARD_ADMIN_PASSWORD", PASSWORD);
            ExecutorService starting = Executors.newFixedThreadPool(2);
            try {
                // Both at once: both migrate the metadata database and set the owner's password.
                Future<JarProcess> startingA = starting.submit(node(settings, "node-a"));
                Future<JarProcess> startingB = starting.submit(node(settings, "node-b"));
                try (JarProcess a = startingA.get(); JarProcess b = startingB.get()) {
                    shareEverything(a, b);
                }
            } finally {
                starting.shutdownNow();
            }
        }
    }

    private Callable<JarProcess> node(Map<String, String> settings, String name) {
        return () -> JarProcess.start(work.resolve(name), work.resolve(name + ".log"), settings);
    }

    private void shareEverything(JarProcess a, JarProcess b) throws Exception {
        String cookie = login(a);
        assertThat(get(b, "/api/auth/status", cookie).body()).as("a session made on A, on B").contains("\"authenticated\":true");

        assertThat(post(b, "/api/sites", cookie, "{\"site_id\":\"two.test\"}").statusCode()).isEqualTo(201);
        eventually(a, "/api/sites", cookie, body -> body.contains("\"two.test\""), "a site registered on B, on A");

        assertThat(post(a, "/api/sites/two.test/goals", cookie, "{\"kind\":\"event\",\"value\":\"Signup\"}").statusCode()).isEqualTo(201);
        assertThat(get(b, "/api/sites/two.test/goals", cookie).body()).as("a goal made on A, on B").contains("\"Signup\"");

        String created = post(a, "/api/keys", cookie, "{\"name\":\"exports\",\"scope\":\"ReadOnly\"}").body();
        String key = group(KEY, created);
        assertThat(get(b, "/api/stats/main?site_id=two.test&period=day", "Bearer " + key).statusCode())
                .as("a key issued on A, on B").isEqualTo(200);

        for (int i = 0; i < 42; i++) {
            JarProcess node = i % 2 == 0 ? a : b;
            String name = i % 6 == 0 ? "Signup" : "pageview";
            assertThat(track(node, i % 7, "{\"d\":\"two.test\",\"n\":\"" + name + "\",\"u\":\"https://two.test/p" + (i % 3) + "\"}"))
                    .isEqualTo(202);
        }
        String main = "/api/stats/main?site_id=two.test&period=day";
        eventually(a, main, "Bearer " + key, body -> body.contains("\"unique_visitors\":7") && body.contains("\"total_pageviews\":35"),
                "the events sent to both nodes, counted on A");
        for (String question : new String[]{main, "/api/stats/breakdown/pages?site_id=two.test&period=day",
                "/api/stats/breakdown/goals?site_id=two.test&period=day", "/api/stats/timeseries?site_id=two.test&period=day"}) {
            sameAnswer(a, b, question, "Bearer " + key);
        }

        assertThat(delete(b, "/api/keys/" + group(KEY_HASH, created), cookie).statusCode()).isEqualTo(204);
        eventually(a, main, "Bearer " + key, response -> true, 401, "a key revoked on B, refused on A");
        assertThat(post(b, "/api/auth/logout", cookie, "").statusCode()).isEqualTo(204);
        eventually(a, "/api/auth/status", cookie, body -> body.contains("\"authenticated\":false"), "a logout on B, on A");
    }

    /**
     * Both nodes give one answer, once each node's query cache has let go of what it answered before
     * the events (per node, at most 5 s for a range reaching today: README "Scaling out").
     */
    private void sameAnswer(JarProcess a, JarProcess b, String question, String credential) throws Exception {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        String fromA = get(a, question, credential).body();
        String fromB = get(b, question, credential).body();
        while (!fromA.equals(fromB) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            fromA = get(a, question, credential).body();
            fromB = get(b, question, credential).body();
        }
        assertThat(fromB).as(question).isEqualTo(fromA);
    }

    private String login(JarProcess node) throws IOException, InterruptedException {
        HttpResponse<String> response = post(node, "/api/auth/login", null, "{\"password\":\"" + PASSWORD + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private void eventually(JarProcess node, String path, String credential, Predicate<String> body, String what) throws Exception {
        eventually(node, path, credential, body, 200, what);
    }

    private void eventually(JarProcess node, String path, String credential, Predicate<String> body, int status, String what)
            throws Exception {
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        HttpResponse<String> last = get(node, path, credential);
        while (!(last.statusCode() == status && body.test(last.body())) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            last = get(node, path, credential);
        }
        assertThat(last.statusCode()).as(what + ": " + last.body()).isEqualTo(status);
        assertThat(body.test(last.body())).as(what + ": " + last.body()).isTrue();
    }

    private int track(JarProcess node, int visitor, String event) throws IOException, InterruptedException {
        String agent = "Mozilla/5.0 (X11; Linux x86_64; rv:12" + visitor + ".0) Gecko/20100101 Firefox/12" + visitor + ".0";
        return http.send(HttpRequest.newBuilder(node.base.resolve("/api/event")).header("User-Agent", agent)
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpResponse<String> get(JarProcess node, String path, String credential) throws IOException, InterruptedException {
        return http.send(authorized(node, path, credential).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(JarProcess node, String path, String credential, String body) throws IOException, InterruptedException {
        return http.send(authorized(node, path, credential).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(JarProcess node, String path, String credential) throws IOException, InterruptedException {
        return http.send(authorized(node, path, credential).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A cookie ({@code mm_session=…}) or an {@code Authorization} value ({@code Bearer …}); cookie requests come from the node's own origin. */
    private static HttpRequest.Builder authorized(JarProcess node, String path, String credential) {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Origin", node.base.toString());
        if (credential == null) {
            return request;
        }
        return credential.startsWith("Bearer ") ? request.header("Authorization", credential) : request.header("Cookie", credential);
    }

    private static String group(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertThat(matcher.find()).as(pattern + " in " + text).isTrue();
        return matcher.group(1);
    }
}
