package io.mallard.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behavioral routes through the real server, on events sent as the tracker sends them:
 * Firefox views /, /pricing and signs up; Chrome views / and /docs. (Multi-day figures against a
 * hand-counted fixture: {@code BehaviorServicesTest}; the SQL stream: {@code DuckDbBehaviorQueriesTest}.)
 */
class BehaviorApiTest {
    static final String SITE = "flow.test";
    static final String CHROME = StatsApiTest.CHROME;

    @TempDir
    Path dataDir;
    TestServer server;
    String admin;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(dataDir, Map.of("MALLARD_ADMIN_PASSWORD", StatsApiTest.PASSWORD));
        admin = server.login("admin", StatsApiTest.PASSWORD);
        assertThat(server.asSession(admin, "POST", "/api/sites", "{\"site_id\":\"" + SITE + "\",\"time_zone\":\"America/New_York\"}")
                .statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    void send(String name, String path, String userAgent) throws Exception {
        String body = "{\"n\":\"" + name + "\",\"u\":\"https://" + SITE + path + "\",\"d\":\"" + SITE + "\"}";
        assertThat(server.post(body, "User-Agent", userAgent).statusCode()).isEqualTo(202);
    }

    void twoVisitors() throws Exception {
        send("pageview", "/", TestServer.FIREFOX);
        send("pageview", "/pricing", TestServer.FIREFOX);
        send("signup", "/pricing", TestServer.FIREFOX);
        send("pageview", "/", CHROME);
        send("pageview", "/docs", CHROME);
        for (int i = 0; i < 200 && server.storedEvents() < 5; i++) {
            Thread.sleep(25);
        }
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> response = server.asSession(admin, "GET", path, null);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return StatsApiTest.JSON.readTree(response.body());
    }

    static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void funnelSequencesFlowAndRetentionAnswerFromTheTrackedEvents() throws Exception {
        twoVisitors();
        String site = "?site_id=" + SITE + "&period=today";

        JsonNode funnel = get("/api/stats/funnel" + site + "&steps=" + encoded("page:/,page:/pricing,event:signup") + "&window=30m");
        assertThat(funnel.get("total_visitors").asLong()).isEqualTo(2);
        assertThat(funnel.get("window_seconds").asLong()).isEqualTo(1_800);
        assertThat(funnel.get("steps").findValuesAsText("label")).containsExactly("page:/", "page:/pricing", "event:signup");
        assertThat(funnel.get("steps").findValues("visitors")).extracting(JsonNode::asLong).containsExactly(2L, 1L, 1L);
        assertThat(funnel.get("steps").get(1).get("drop_off").asLong()).isEqualTo(1);
        assertThat(funnel.get("steps").get(2).get("conversion_rate").asDouble()).isEqualTo(0.5);
        assertThat(funnel.get("warnings")).isEmpty();
        JsonNode histogram = get("/api/stats/funnel" + site + "&steps=" + encoded("page:/,page:/pricing,event:signup") + "&format=histogram");
        assertThat(histogram.findValues("visitors")).extracting(JsonNode::asLong).containsExactly(0L, 1L, 0L, 1L);

        JsonNode sequences = get("/api/stats/sequences" + site + "&steps=" + encoded("page:/,event:signup"));
        assertThat(sequences.get("converting_visitors").asLong()).isEqualTo(1);
        assertThat(sequences.get("total_visitors").asLong()).isEqualTo(2);
        assertThat(sequences.get("conversion_rate").asDouble()).isEqualTo(0.5);
        assertThat(sequences.get("pattern").asText()).isEqualTo("(?1).*(?2)");
        JsonNode gated = get("/api/stats/sequences" + site + "&steps=" + encoded("page:/,event:signup") + "&pattern="
                + encoded("(?1).*(?t<=600)(?2)"));
        assertThat(gated.get("converting_visitors").asLong()).isEqualTo(1);

        JsonNode flow = get("/api/stats/flow" + site + "&page=/&depth=2");
        assertThat(flow.findValuesAsText("next_page")).containsExactly("/docs", "/pricing");
        assertThat(flow.findValues("visitors")).extracting(JsonNode::asLong).containsExactly(1L, 1L);
        assertThat(flow.get(0).get("path")).hasSize(1);

        JsonNode retention = get("/api/stats/retention?site_id=" + SITE + "&period=day&periods=3");
        assertThat(retention.get("period").asText()).isEqualTo("day");
        assertThat(retention.get("cohorts")).hasSize(3);
        JsonNode today = retention.get("cohorts").get(2);
        assertThat(today.get("cohort_start").asText()).isEqualTo(LocalDate.now(ZoneId.of("America/New_York")).toString());
        assertThat(today.get("size").asLong()).isEqualTo(2);
        assertThat(today.get("retained")).hasSize(1);
        assertThat(retention.get("warnings").get(0).asText()).contains("new visitor");
        assertThat(get("/api/stats/retention?site_id=" + SITE + "&weeks=4").get("cohorts")).hasSize(4);
    }

    @Test
    void everyBadBehavioralParameterIsA400NamingIt() throws Exception {
        String site = "?site_id=" + SITE;
        Map<String, String> cases = Map.ofEntries(
                Map.entry("/api/stats/funnel" + site, "steps"),
                Map.entry("/api/stats/funnel" + site + "&steps=" + encoded("page:/a,click:b"), "steps"),
                Map.entry("/api/stats/funnel" + site + "&steps=" + encoded("page:/a,".repeat(32) + "page:/b"), "steps"),
                Map.entry("/api/stats/funnel" + site + "&steps=page:/&window=" + encoded("1 month"), "window"),
                Map.entry("/api/stats/funnel" + site + "&steps=page:/&window=soon", "window"),
                Map.entry("/api/stats/funnel" + site + "&steps=page:/&window=400d", "window"),
                Map.entry("/api/stats/funnel" + site + "&steps=page:/&mode=strict_typo", "mode"),
                Map.entry("/api/stats/funnel" + site + "&steps=page:/&mode=allow_reentry", "mode"),
                Map.entry("/api/stats/funnel" + site + "&steps=page:/&format=pie", "format"),
                Map.entry("/api/stats/sequences" + site + "&steps=page:/", "steps"),
                Map.entry("/api/stats/sequences" + site + "&steps=" + encoded("page:/,page:/b") + "&pattern=" + encoded("(?1)(?3)"), "pattern"),
                Map.entry("/api/stats/sequences" + site + "&steps=" + encoded("page:/,page:/b") + "&pattern=" + encoded("(?t<1)(?1)"), "pattern"),
                Map.entry("/api/stats/flow" + site, "page"),
                Map.entry("/api/stats/flow" + site + "&page=pricing", "page"),
                Map.entry("/api/stats/flow" + site + "&page=/&depth=6", "depth"),
                Map.entry("/api/stats/flow" + site + "&page=/&direction=sideways", "direction"),
                Map.entry("/api/stats/retention" + site + "&period=hour", "period"),
                Map.entry("/api/stats/retention" + site + "&period=week&periods=53", "periods"),
                Map.entry("/api/stats/retention" + site + "&weeks=0", "weeks"),
                Map.entry("/api/stats/retention" + site + "&return_event=" + encoded("event:"), "return_event"),
                Map.entry("/api/stats/retention", "site_id"));
        for (Map.Entry<String, String> entry : cases.entrySet()) {
            HttpResponse<String> response = server.asSession(admin, "GET", entry.getKey(), null);
            assertThat(response.statusCode()).as(entry.getKey() + " -> " + response.body()).isEqualTo(400);
            assertThat(StatsApiTest.JSON.readTree(response.body()).get("field").asText()).as(entry.getKey()).isEqualTo(entry.getValue());
        }
    }
}
