package io.mallard.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the store refuses an event, the tracker gets 503 with Retry-After and a JSON error, on both
 * of the ingestion's paths: the event loop (a User-Agent parsed before) and the blocking executor
 * (a new one). The answer waits for the journal on neither, so a refusal arrives as a failed future.
 */
class IngestStorageRefusalTest {
    static final String EVENT = "{\"d\":\"refusal.test\",\"n\":\"pageview\",\"u\":\"https://refusal.test/\"}";
    static final String SEEN_AGENT = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    static final String NEW_AGENT = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";

    @TempDir
    Path dataDir;

    @Test
    void aClosedStoreAnswers503OnTheEventLoopAndOnTheBlockingExecutor() throws Exception {
        try (TestServer server = new TestServer(dataDir, Map.of())) {
            assertThat(server.post(EVENT, "User-Agent", SEEN_AGENT).statusCode()).isEqualTo(202);

            server.closeEventStore();

            for (String agent : new String[] {SEEN_AGENT, NEW_AGENT}) {
                HttpResponse<String> refused = server.post(EVENT, "User-Agent", agent);
                assertThat(refused.statusCode()).as(agent).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).as(agent).hasValue("5");
                assertThat(refused.body()).as(agent).contains("\"error\":\"storage is unavailable, retry later\"");
            }
            HttpResponse<String> pixel = server.get("/api/event?d=refusal.test&n=pageview&u=https%3A%2F%2Frefusal.test%2F",
                    "User-Agent", SEEN_AGENT);
            assertThat(pixel.statusCode()).as("the pixel is always an image").isEqualTo(200);
            assertThat(pixel.headers().firstValue("X-Mallard-Refused")).hasValue("storage-unavailable");
        }
    }
}
