package io.mallard.application.ingest;

import io.mallard.domain.event.Engagement;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.SiteId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VisitAssignerTest {
    static final Instant T0 = Instant.parse("2026-05-10T10:00:00Z");
    final VisitAssigner visits = new VisitAssigner(Duration.ofMinutes(30), 1000);
    long ids = 100;

    Event event(String visitor, long minutesAfter, EventName name) {
        Engagement report = name.equals(EventName.ENGAGEMENT) ? new Engagement(5_000, 40) : null;
        return new Event(ids++, new SiteId("a.test"), visitor, T0.plus(minutesAfter, ChronoUnit.MINUTES), name, "/", null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, report, null);
    }

    long visitOf(String visitor, long minutesAfter, EventName name) {
        return visits.assign(event(visitor, minutesAfter, name)).visitId();
    }

    @Test
    void eventsWithinTheTimeoutShareTheVisitOpenedByTheFirstEventsId() {
        long first = visitOf("v1", 0, EventName.PAGEVIEW);
        assertThat(first).isEqualTo(100);
        assertThat(visitOf("v1", 30, EventName.PAGEVIEW)).as("exactly the timeout later").isEqualTo(first);
        assertThat(visitOf("v1", 59, EventName.PAGEVIEW)).as("the gap is measured from the last event").isEqualTo(first);
        assertThat(visitOf("v1", 90, EventName.PAGEVIEW)).as("31 minutes of silence").isEqualTo(103);
        assertThat(visitOf("v2", 90, EventName.PAGEVIEW)).as("another visitor").isEqualTo(104);
    }

    @Test
    void aPageLeaveReportContinuesTheVisitForUpToADay() {
        long visit = visitOf("v1", 0, EventName.PAGEVIEW);
        assertThat(visitOf("v1", 50, EventName.ENGAGEMENT)).as("a tab read for 50 minutes").isEqualTo(visit);
        assertThat(visitOf("v1", 50 + 24 * 60, EventName.ENGAGEMENT)).as("a day after the last event").isEqualTo(102);
        assertThat(visitOf("v1", 50 + 24 * 60 + 45, EventName.PAGEVIEW)).as("a pageview still needs the timeout").isEqualTo(103);
    }

    @Test
    void aRestoredVisitContinuesAfterARestart() {
        visits.restore(VisitAssigner.key("v1"), new VisitAssigner.OpenVisit(42, ChronoUnit.MICROS.between(Instant.EPOCH, T0)));
        assertThat(visitOf("v1", 10, EventName.PAGEVIEW)).isEqualTo(42);
        assertThat(visits.size()).isEqualTo(1);
    }

    @Test
    void outOfOrderArrivalsNeverMoveTheVisitBackInTime() {
        long visit = visitOf("v1", 40, EventName.PAGEVIEW);
        assertThat(visitOf("v1", 0, EventName.PAGEVIEW)).as("a late beacon from earlier").isEqualTo(visit);
        assertThat(visitOf("v1", 65, EventName.PAGEVIEW)).as("25 minutes after the latest, not 65 after the earliest").isEqualTo(visit);
    }

    @Test
    void memoryIsBoundedVisitorsADayOldAreForgottenAndPastCapacityNewVisitorsAreNotRemembered() {
        VisitAssigner small = new VisitAssigner(Duration.ofMinutes(30), 2);
        small.assign(event("v1", 0, EventName.PAGEVIEW));
        small.assign(event("v2", 0, EventName.PAGEVIEW));
        Event third = small.assign(event("v3", 1, EventName.PAGEVIEW));
        assertThat(third.visitId()).isEqualTo(third.eventId());
        assertThat(small.size()).isEqualTo(2);
        assertThat(small.assign(event("v1", 5, EventName.PAGEVIEW)).visitId()).as("a remembered visitor continues").isEqualTo(100);

        small.assign(event("v1", 2 * 24 * 60, EventName.PAGEVIEW));
        small.sweep();
        assertThat(small.size()).as("v2 is two days idle").isEqualTo(1);
    }

    @Test
    void everyCharacterOfAVisitorIdCountsInItsKey() {
        assertThat(VisitAssigner.key("%064x".formatted(1))).as("ids sharing their first 16 digits")
                .isNotEqualTo(VisitAssigner.key("%064x".formatted(2)));
        assertThat(VisitAssigner.key("random-id-1")).isNotEqualTo(VisitAssigner.key("random-id-2"));
        assertThat(VisitAssigner.key("random-id-1")).isEqualTo(VisitAssigner.key("random-id-1"));
        assertThatThrownBy(() -> new VisitAssigner(Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
