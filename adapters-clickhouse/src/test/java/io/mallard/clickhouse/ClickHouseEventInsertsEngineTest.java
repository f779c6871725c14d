package io.mallard.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.GenericRecord;
import io.mallard.domain.event.Engagement;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.Props;
import io.mallard.domain.event.SiteId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Events written to the real engine read back as they were, and a batch sent twice is stored once. */
class ClickHouseEventInsertsEngineTest {
    static final SiteId SITE = new SiteId("inserts.test");
    @TempDir
    static Path dataDir;
    static ClickHouseTestEngine engine;
    static Client client;
    static ClickHouseSettings settings;

    @BeforeAll
    static void start() throws Exception {
        engine = ClickHouseTestEngine.start(dataDir, "mallard_inserts");
        settings = engine.settings();
        client = engine.client();
        ClickHouseMigrations.migrate(client, settings);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void everyFieldReadsBackAsWritten() {
        Event purchase = Event.builder().eventId(41).siteId(SITE).visitorId("visitor-a").timestamp(Instant.parse("2026-05-10T10:15:30.123Z"))
                .eventName(new EventName("purchase")).pathname("/caf\u00e9 \"quoted\"\nline").hostname("example.com")
                .referrerSource("Google").browser("Firefox").browserVersion("128").os("Linux").deviceType("Desktop").countryCode("DE")
                .props(new Props("{\"plan\":\"pro\",\"seats\":3,\"trial\":false}")).revenue(new BigDecimal("19.99"), "EUR").visitId(7L).build();
        Event leave = Event.builder().eventId(42).siteId(SITE).visitorId("visitor-a").timestamp(Instant.parse("2026-05-10T10:16:00Z"))
                .eventName(EventName.ENGAGEMENT).pathname("/").engagement(new Engagement(5_000, 80)).visitId(7L).build();

        ClickHouseEventInserts.insert(client, settings.database(), List.of(purchase, leave), "batch-fields");

        List<GenericRecord> rows = client.queryAll("SELECT event_id, toString(timestamp) AS at, toString(second) AS second, visitor_key, visit_id, "
                + "event_name, pathname, hostname, referrer_source, referrer, browser, country_code, props, toString(revenue_amount) AS amount, "
                + "revenue_currency, engaged_ms, scroll_depth FROM mallard_inserts.events WHERE site_id = 'inserts.test' ORDER BY event_id");
        assertThat(rows).hasSize(2);
        GenericRecord first = rows.getFirst();
        assertThat(first.getString("at")).isEqualTo("2026-05-10 10:15:30.123000");
        assertThat(first.getString("second")).isEqualTo("2026-05-10 10:15:30");
        assertThat(first.getBigInteger("visitor_key").longValue()).isEqualTo(ClickHouseEventRows.visitorKey("visitor-a"));
        assertThat(first.getLong("visit_id")).isEqualTo(7);
        assertThat(first.getString("event_name")).isEqualTo("purchase");
        assertThat(first.getString("pathname")).isEqualTo("/caf\u00e9 \"quoted\"\nline");
        assertThat(first.getString("referrer")).as("not known: empty").isEmpty();
        assertThat(first.getString("country_code")).isEqualTo("DE");
        assertThat(first.<Object>getObject("props")).isEqualTo(Map.of("plan", "pro", "seats", "3", "trial", "false"));
        assertThat(first.getString("amount")).isEqualTo("19.99");
        assertThat(first.getString("revenue_currency")).isEqualTo("EUR");
        assertThat(first.getObject("engaged_ms")).isNull();
        GenericRecord second = rows.get(1);
        assertThat(second.getLong("engaged_ms")).isEqualTo(5_000);
        assertThat(second.getLong("scroll_depth")).isEqualTo(80);
        assertThat(second.getString("amount")).isNull();
    }

    @Test
    void aBatchSentAgainUnderItsTokenIsStoredOnceAndAnotherBatchIsStored() {
        Event view = Event.builder().eventId(1).siteId(new SiteId("replay.test")).visitorId("v").timestamp(Instant.parse("2026-05-10T10:00:00Z"))
                .eventName(EventName.PAGEVIEW).pathname("/").visitId(1L).build();

        ClickHouseEventInserts.insert(client, settings.database(), List.of(view), "journal-0-1");
        ClickHouseEventInserts.insert(client, settings.database(), List.of(view), "journal-0-1");
        assertThat(count()).as("a replay never double-counts").isEqualTo(1);

        ClickHouseEventInserts.insert(client, settings.database(), List.of(view.toBuilder().eventId(2).build()), "journal-0-2");
        assertThat(count()).isEqualTo(2);
    }

    private static long count() {
        return client.queryAll("SELECT count() AS n FROM mallard_inserts.events WHERE site_id = 'replay.test'").getFirst().getLong("n");
    }
}
