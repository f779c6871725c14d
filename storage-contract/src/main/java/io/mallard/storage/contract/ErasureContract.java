package io.mallard.storage.contract;

import io.mallard.application.erasure.EventEraser.Erased;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.SiteId;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.mallard.storage.contract.ContractEvents.pageview;
import static io.mallard.storage.contract.ContractEvents.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both kinds of erasure, over settled and fresh events: by site and range (a half-open interval
 * that may cut a UTC day), and by site and visitor id; other sites and other
 * visitors untouched; and, on a durable engine, nothing comes back after a restart.
 */
public abstract class ErasureContract extends FreshEngineContract {
    /** Visitor ids as ingestion writes them (HMACs). */
    static final String SUBJECT = "5".repeat(64);
    static final String KEEP = "a".repeat(64);
    /** 2026-03-02 in Europe/Paris (UTC+1 in winter): cuts two UTC days. */
    static final Instant FROM = Instant.parse("2026-03-01T23:00:00Z");
    static final Instant UNTIL = Instant.parse("2026-03-02T23:00:00Z");


    /** Events 1-12 settled (three on each side of each bound), 13-16 fresh, 17-18 on another site. */
    private void storeAroundTheRange() {
        List<Event> settled = new ArrayList<>();
        settled.add(pageview(1, "erase.test", KEEP, Instant.parse("2026-03-01T22:59:59Z")));
        settled.add(pageview(2, "erase.test", SUBJECT, Instant.parse("2026-03-01T23:00:00Z")));
        settled.add(pageview(3, "erase.test", SUBJECT, Instant.parse("2026-03-02T12:00:00Z")));
        settled.add(pageview(4, "erase.test", KEEP, Instant.parse("2026-03-02T22:59:59Z")));
        settled.add(pageview(5, "erase.test", KEEP, Instant.parse("2026-03-02T23:00:00Z")));
        settled.add(pageview(6, "erase.test", KEEP, Instant.parse("2026-03-03T10:00:00Z")));
        engine.events().append(settled);
        underTest().settle(engine);
        engine.events().append(List.of(pageview(13, "erase.test", SUBJECT, Instant.parse("2026-03-02T13:00:00Z")),
                pageview(14, "erase.test", KEEP, Instant.parse("2026-03-03T11:00:00Z"))));
        engine.events().append(List.of(pageview(17, "other.test", SUBJECT, Instant.parse("2026-03-02T12:00:00Z"))));
    }

    @Test
    void aRangeErasureRemovesEveryEventOfTheSiteInTheHalfOpenRangeWhereverItIs() {
        storeAroundTheRange();

        Erased erased = engine.eraser().erase(new SiteId("erase.test"), FROM, UNTIL);

        assertThat(erased.events()).as("2, 3, 4 settled and 13 fresh").isEqualTo(4);
        assertThat(stored(engine, "erase.test")).isEqualTo(4);
        assertThat(stored(engine, "other.test")).as("another site").isEqualTo(1);
    }

    @Test
    void aVisitorErasureRemovesTheVisitorsEventsOnEveryDayOfTheSiteOnly() {
        storeAroundTheRange();

        Erased erased = engine.eraser().eraseVisitors(new SiteId("erase.test"), Set.of(SUBJECT));

        assertThat(erased.events()).isEqualTo(3);
        assertThat(stored(engine, "erase.test")).isEqualTo(5);
        assertThat(ContractEvents.visitors(engine, "erase.test")).isEqualTo(1);
        assertThat(stored(engine, "other.test")).as("the same id on another site").isEqualTo(1);
    }

    @Test
    void erasingWhatIsNotThereRemovesNothingAndCanBeRepeated() {
        storeAroundTheRange();
        engine.eraser().erase(new SiteId("erase.test"), FROM, UNTIL);

        assertThat(engine.eraser().erase(new SiteId("erase.test"), FROM, UNTIL).events()).isZero();
        assertThat(engine.eraser().eraseVisitors(new SiteId("erase.test"), Set.of("0".repeat(64))).events()).isZero();
        assertThat(stored(engine, "erase.test")).isEqualTo(4);
    }

    @Test
    void aVisitorErasureRefusesIdsThatAreNotVisitorIds() {
        assertThatThrownBy(() -> engine.eraser().eraseVisitors(new SiteId("erase.test"), Set.of("subject")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.eraser().eraseVisitors(new SiteId("erase.test"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void erasedEventsDoNotComeBackAfterARestart() {
        Assumptions.assumeTrue(underTest().provider().durable(), "only a durable engine keeps anything across a restart");
        storeAroundTheRange();
        engine.eraser().erase(new SiteId("erase.test"), FROM, UNTIL);
        engine.eraser().eraseVisitors(new SiteId("other.test"), Set.of(SUBJECT));

        restart();

        assertThat(stored(engine, "erase.test")).isEqualTo(4);
        assertThat(stored(engine, "other.test")).isZero();
    }
}
