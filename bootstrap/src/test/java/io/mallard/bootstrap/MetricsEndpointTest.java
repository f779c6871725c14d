package io.mallard.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /metrics}: who may scrape it, its format, and that the counters count what happened. */
class MetricsEndpointTest {
    static final String PASSWORD = "owner-password-1";
    static final String TOKEN = "scrape-token-0123456789";

    @TempDir
    Path dataDir;
    TestServer server;

    TestServer start(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("MALLARD_ADMIN_PASSWORD", PASSWORD);
        server = new TestServer(dataDir, settings);
        return server;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> scrape() throws Exception {
        return server.get("/metrics", "Authorization", "Bearer " + TOKEN);
    }

    @Test
    void withATokenConfiguredTheScraperPresentsItAndAWrongOneIsRefused() throws Exception {
        start(Map.of("MALLARD_METRICS_TOKEN", TOKEN, "MALLARD_CLIENT_RATE_LIMIT", "2"));

        HttpResponse<String> response = scrape();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        assertThat(response.body()).contains("# TYPE mallard_events_ingested_total counter", "jvm_memory_used_bytes");
        assertThat(server.get("/metrics", "Authorization", "Bearer " + TOKEN + "x").statusCode()).isEqualTo(401);
        assertThat(server.get("/metrics", "Authorization", "Bearer " + TOKEN.substring(1)).statusCode()).isEqualTo(401);
        assertThat(server.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(server.asSession(server.login("admin", PASSWORD), "GET", "/metrics", null).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutATokenOnlyAdminsMayScrape() throws Exception {
        start(Map.of());
        assertThat(server.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(server.get("/metrics", "Authorization", "Bearer anything").statusCode()).isEqualTo(401);
        assertThat(server.asSession(server.login("admin", PASSWORD), "GET", "/metrics", null).statusCode()).isEqualTo(200);
    }

    @Test
    void countersFollowIngestionDropsRateLimitsAndLoginFailures() throws Exception {
        start(Map.of("MALLARD_METRICS_TOKEN", TOKEN, "MALLARD_CLIENT_RATE_LIMIT", "2"));
        String event = "{\"n\":\"pageview\",\"u\":\"https://m.test/\",\"d\":\"m.test\"}";
        assertThat(server.post(event).statusCode()).isEqualTo(202);
        assertThat(server.post(event, "User-Agent", "Googlebot/2.1 (+http://www.google.com/bot.html)").statusCode()).isEqualTo(202);
        int limited = 0;
        for (int i = 0; i < 6; i++) {
            limited += server.post(event).statusCode() == 429 ? 1 : 0;
        }
        server.send("POST", "/api/auth/login", "{\"password\":\"wrong-password\"}");

        long stored = server.storedEvents();
        System.gc(); // the meters must outlive a collection: Micrometer holds their sources weakly
        String body = scrape().body();

        assertThat(limited).isPositive();
        assertThat(body).contains("mallard_events_ingested_total " + (double) stored,
                "mallard_events_dropped_total{reason=\"bot_pattern\"} 1.0",
                "mallard_rate_limit_rejections_total " + (double) limited,
                "mallard_events_refused_total{reason=\"rate_limited\"} " + (double) limited,
                "mallard_login_failures_total 1.0", "mallard_flush_failures_total 0.0", "mallard_buffered_events 0.0");
    }
}
