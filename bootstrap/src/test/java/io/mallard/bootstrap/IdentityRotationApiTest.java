package io.mallard.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.mallard.bootstrap.generator.SimulatedClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A multi-day funnel through the real server under each identity rotation, on a hand-made
 * fixture of four people (one address, told apart by browser), each viewing /pricing and signing
 * up a few days later, 10:00 UTC:
 *
 * <pre>
 *   A  Firefox            Wed 2026-06-03 → Fri 2026-06-05   same ISO week, same month
 *   B  Chrome             Tue 2026-06-30 → Wed 2026-07-01   same ISO week, next month
 *   C  Firefox, uid=u-42  Fri 2026-06-26 → Thu 2026-07-02   next week and next month, signed in
 *   D  Edge               Fri 2026-06-12 → Mon 2026-06-15   next week, same month
 * </pre>
 *
 * A person whose two events fall in one rotation period is one visitor who converts; otherwise two
 * visitor ids, one reaching only step 1 and one reaching nothing (a signup without the pricing
 * view). C's own key joins C's events under every rotation. Counted by hand:
 *
 * <pre>
 *   rotation  visitors  step 1  step 2 (who)
 *   daily     7         4       1 (C)
 *   weekly    5         4       3 (A, B, C)
 *   monthly   5         4       3 (A, C, D)
 * </pre>
 */
class IdentityRotationApiTest {
    static final String SITE = "identity.test";
    static final String EDGE = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0";

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "identity_rotation={0}")
    @CsvSource({"daily, 7, 1, true", "weekly, 5, 3, false", "monthly, 5, 3, false"})
    void aMultiDayFunnelFollowsPeopleForAsLongAsTheirIdLasts(String rotation, long visitors, long converted,
                                                             boolean windowWarning) throws Exception {
        SimulatedClock clock = new SimulatedClock();
        clock.set(Instant.parse("2026-06-01T00:00:00Z"));
        try (TestServer server = new TestServer(dataDir, Map.of("MALLARD_ADMIN_PASSWORD", StatsApiTest.PASSWORD,
                "MALLARD_IDENTITY_ROTATION", rotation), clock)) {
            String admin = server.login("admin", StatsApiTest.PASSWORD);
            assertThat(server.asSession(admin, "POST", "/api/sites", "{\"site_id\":\"" + SITE + "\",\"time_zone\":\"UTC\"}")
                    .statusCode()).isEqualTo(201);
            person(server, clock, TestServer.FIREFOX, null, "2026-06-03", "2026-06-05");
            person(server, clock, StatsApiTest.CHROME, null, "2026-06-30", "2026-07-01");
            person(server, clock, TestServer.FIREFOX, "u-42", "2026-06-26", "2026-07-02");
            person(server, clock, EDGE, null, "2026-06-12", "2026-06-15");
            assertThat(server.storedEvents()).isEqualTo(8);
            clock.set(Instant.parse("2026-07-31T12:00:00Z"));
            admin = server.login("admin", StatsApiTest.PASSWORD);

            JsonNode funnel = get(server, admin, "/api/stats/funnel?site_id=" + SITE
                    + "&start_date=2026-06-01&end_date=2026-07-31&window=7d&steps=" + BehaviorApiTest.encoded("page:/pricing,event:signup"));

            assertThat(funnel.get("total_visitors").asLong()).isEqualTo(visitors);
            assertThat(funnel.get("steps").findValues("visitors")).extracting(JsonNode::asLong).containsExactly(4L, converted);
            assertThat(funnel.get("warnings").size() == 1).isEqualTo(windowWarning);
            JsonNode retention = get(server, admin, "/api/stats/retention?site_id=" + SITE + "&period=day&periods=7");
            assertThat(retention.get("warnings").size() == 1).as("retention warning").isEqualTo(windowWarning);
        }
    }

    /** Views /pricing on {@code viewDay} and signs up on {@code signupDay}, both at 10:00 UTC. */
    static void person(TestServer server, SimulatedClock clock, String userAgent, String uid, String viewDay, String signupDay)
            throws Exception {
        send(server, clock, "pageview", viewDay, userAgent, uid);
        send(server, clock, "signup", signupDay, userAgent, uid);
    }

    static void send(TestServer server, SimulatedClock clock, String name, String day, String userAgent, String uid)
            throws Exception {
        clock.set(Instant.parse(day + "T10:00:00Z"));
        String body = "{\"n\":\"" + name + "\",\"u\":\"https://" + SITE + "/pricing\",\"d\":\"" + SITE + "\""
                + (uid == null ? "" : ",\"uid\":\"" + uid + "\"") + "}";
        assertThat(server.post(body, "User-Agent", userAgent).statusCode()).isEqualTo(202);
        server.storedEvents();
    }

    static JsonNode get(TestServer server, String admin, String path) throws Exception {
        HttpResponse<String> response = server.asSession(admin, "GET", path, null);
        assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
        return StatsApiTest.JSON.readTree(response.body());
    }
}
