package io.mallard.storage.contract;

import io.mallard.application.storage.StorageEngine.RecentVisit;
import io.mallard.application.storage.StoredEvents;
import io.mallard.domain.event.Engagement;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.Props;
import io.mallard.domain.event.SiteId;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.mallard.storage.contract.ContractEvents.pageview;
import static io.mallard.storage.contract.ContractEvents.stored;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Appending: an acknowledged event is visible to the next question, appends and questions may run at once, and on a durable engine every acknowledged event
 * survives a restart. Also the start-up read of open visits and the figures for health.
 */
public abstract class EventStoreContract extends FreshEngineContract {
    static final Instant NOON = Instant.parse("2026-05-04T12:00:00Z");


    @Test
    void anAcknowledgedEventIsVisibleToTheNextQuestion() {
        engine.events().append(List.of(pageview(1, "store.test", "v1", NOON)));

        assertThat(stored(engine, "store.test")).isEqualTo(1);
        assertThat(stored(engine, "STORE.test")).as("site ids match case-insensitively").isEqualTo(1);
    }

    @Test
    void theAsynchronousAppendCompletesOnceTheEventsAreStored() throws Exception {
        CompletableFuture<Void> done = engine.events().appendAsync(List.of(pageview(1, "store.test", "v1", NOON),
                pageview(2, "store.test", "v2", NOON)));

        done.get(30, TimeUnit.SECONDS);

        assertThat(stored(engine, "store.test")).isEqualTo(2);
    }

    @Test
    void everyFieldOfAStoredEventReadsBackAsItWasAppended() {
        var reader = engine.capability(StoredEvents.class);
        Assumptions.assumeTrue(reader.isPresent(), "the engine does not read events back");
        Event full = Event.builder().eventId(42).siteId(new SiteId("fields.test")).visitorId("ab".repeat(32))
                .timestamp(Instant.parse("2026-05-04T12:00:00.123456Z")).eventName(new EventName("engagement")).pathname("/read")
                .hostname("fields.test").referrer("https://news.example/a").referrerSource("news.example").utmSource("s")
                .utmMedium("m").utmCampaign("c").utmContent("ct").utmTerm("t").browser("Firefox").browserVersion("128")
                .os("Linux").osVersion("6").deviceType("Desktop").screenSize("Desktop").countryCode("DE").region("DE-BE")
                .city("Berlin").props(new Props("{\"plan\":\"pro\",\"seats\":3}")).revenue(new BigDecimal("12.34"), "EUR")
                .engagement(new Engagement(4_200, 75)).visitId(41L).build();
        Event sparse = pageview(43, "fields.test", "v2", NOON.plusSeconds(1));
        engine.events().append(List.of(full));
        underTest().settle(engine);
        engine.events().append(List.of(sparse));

        assertThat(reader.get().read(new SiteId("fields.test"), NOON.minusSeconds(60), NOON.plusSeconds(60), 10))
                .containsExactly(full, sparse);
        assertThat(reader.get().read(new SiteId("fields.test"), NOON.minusSeconds(60), NOON.plusSeconds(60), 1)).containsExactly(full);
        assertThat(reader.get().read(new SiteId("fields.test"), NOON.plusSeconds(1), NOON.plusSeconds(60), 10)).containsExactly(sparse);
    }

    @Test
    void readinessChecksPassOnAnOpenEngine() {
        engine.events().checkReadable();
        engine.events().checkWritable();
    }

    @Test
    void theFiguresCountEveryStoredEvent() {
        engine.events().append(List.of(pageview(1, "store.test", "v1", NOON), pageview(2, "other.test", "v1", NOON)));
        underTest().settle(engine);
        engine.events().append(List.of(pageview(3, "store.test", "v1", NOON)));

        var figures = engine.figures();

        assertThat(figures.bufferedEvents() + figures.hotEvents() + figures.coldEvents()).isEqualTo(3);
    }

    @Test
    void recentVisitsGiveEachVisitorsLatestEventWithAVisitIdSinceTheInstant() {
        engine.events().append(List.of(
                pageview(1, "store.test", "settled", NOON.minusSeconds(600)).toBuilder().visitId(1L).build(),
                pageview(2, "store.test", "gone", NOON.minus(Duration.ofDays(2))).toBuilder().visitId(2L).build()));
        underTest().settle(engine);
        engine.events().append(List.of(
                pageview(3, "other.test", "fresh", NOON).toBuilder().visitId(3L).build(),
                pageview(4, "other.test", "fresh", NOON.plusSeconds(60)).toBuilder().visitId(3L).build(),
                pageview(5, "other.test", "legacy", NOON)));

        List<RecentVisit> recent = engine.recentVisits(NOON.minus(Duration.ofHours(1)));

        assertThat(recent).containsExactlyInAnyOrder(new RecentVisit("settled", 1, NOON.minusSeconds(600)),
                new RecentVisit("fresh", 3, NOON.plusSeconds(60)));
    }

    @Test
    void appendsAndQuestionsRunAtOnceAndEveryAppendIsCounted() throws Exception {
        int writers = 4;
        int batches = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                running.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        long id = 1 + (long) writer * batches * 2 + b * 2L;
                        engine.events().append(List.of(pageview(id, "busy.test", "w" + writer, NOON.plusSeconds(b)),
                                pageview(id + 1, "busy.test", "w" + writer, NOON.plusSeconds(b))));
                    }
                }));
            }
            Future<List<Long>> reader = pool.submit(() -> {
                List<Long> seen = new ArrayList<>();
                while (seen.isEmpty() || seen.getLast() < writers * batches * 2L) {
                    seen.add(stored(engine, "busy.test"));
                }
                return seen;
            });
            for (Future<?> writer : running) {
                writer.get(60, TimeUnit.SECONDS);
            }
            List<Long> seen = reader.get(60, TimeUnit.SECONDS);

            assertThat(seen).as("a question never sees part of an append, nor fewer events than before").isSorted()
                    .allMatch(count -> count % 2 == 0);
            assertThat(stored(engine, "busy.test")).isEqualTo(writers * batches * 2L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyAcknowledgedEventSurvivesARestart() {
        Assumptions.assumeTrue(underTest().provider().durable(), "the engine says it is not durable");
        engine.events().append(List.of(pageview(1, "store.test", "v1", NOON)));
        underTest().settle(engine);
        engine.events().append(List.of(pageview(2, "store.test", "v1", NOON.plusSeconds(5))));

        restart();

        assertThat(stored(engine, "store.test")).isEqualTo(2);
    }
}
