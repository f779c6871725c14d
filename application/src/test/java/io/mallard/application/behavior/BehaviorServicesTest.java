package io.mallard.application.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mallard.application.site.InMemorySiteStore;
import io.mallard.application.site.SiteRegistry;
import io.mallard.application.stats.QueryGate;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.behavior.FunnelMode;
import io.mallard.domain.behavior.NextNode;
import io.mallard.domain.behavior.SequencePattern;
import io.mallard.domain.behavior.StepCondition;
import io.mallard.domain.behavior.TimeSpan;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Filters;
import io.mallard.domain.stats.Interval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The behavioral use cases on a hand-counted fixture of a Paris site, around the switch to summer
 * time (2026-03-29 01:00 UTC). Visitors 1–4 browse on 03-30 (UTC 09:00 = 11:00 in Paris):
 * <pre>
 * 1: /  09:00, /pricing 09:10, signup 09:20
 * 2: /  09:00, /pricing 09:30, signup 10:30:01   (signup 1 h 0 min 1 s after the entry)
 * 3: /pricing 09:00, / 09:05                     (the steps in the wrong order)
 * 4: /docs 09:00
 * 5: /  03-28 12:00, /  03-30 08:00              (days 03-28 and 03-30 in Paris)
 * 6: /  03-28 23:30, /  03-29 22:30              (UTC days 03-28 and 03-29, Paris days 03-29 and 03-30)
 * </pre>
 * "Today" (03-30 in Paris) therefore holds all six visitors, and five of them view {@code /}.
 */
class BehaviorServicesTest {
    static final SiteId SITE = new SiteId("shop.test");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-30T12:00:00Z"), ZoneOffset.UTC);
    static final StatsQuery TODAY = new StatsQuery(SITE, PARIS, new DateRange(LocalDate.of(2026, 3, 30), LocalDate.of(2026, 3, 30)),
            Filters.NONE);

    final InMemoryBehaviorQueries events = new InMemoryBehaviorQueries()
            .pageview(1, "2026-03-30T09:00:00Z", "/").pageview(1, "2026-03-30T09:10:00Z", "/pricing").event(1, "2026-03-30T09:20:00Z", "signup")
            .pageview(2, "2026-03-30T09:00:00Z", "/").pageview(2, "2026-03-30T09:30:00Z", "/pricing").event(2, "2026-03-30T10:30:01Z", "signup")
            .pageview(3, "2026-03-30T09:00:00Z", "/pricing").pageview(3, "2026-03-30T09:05:00Z", "/")
            .pageview(4, "2026-03-30T09:00:00Z", "/docs")
            .pageview(5, "2026-03-28T12:00:00Z", "/").pageview(5, "2026-03-30T08:00:00Z", "/")
            .pageview(6, "2026-03-28T23:30:00Z", "/").pageview(6, "2026-03-29T22:30:00Z", "/");
    final QueryGate gate = new QueryGate(2, Duration.ZERO);
    final List<StepCondition> checkout = StepCondition.parseList("page:/,page:/pricing,event:signup", 1, 32);

    @Test
    void a_funnel_counts_visitors_reaching_each_step_in_order_within_the_window() {
        FunnelReport report = new FunnelService(events, gate, IdentityWindow.DAILY)
                .funnel(new FunnelQuery(TODAY, checkout, TimeSpan.ofSeconds(3_600), Set.of()));

        assertThat(report.visitors()).isEqualTo(6);
        assertThat(report.furthest()).as("4 | 3, 5, 6 | 2 | 1").containsExactly(1, 3, 1, 1);
        assertThat(report.steps()).extracting(FunnelReport.Step::visitors).containsExactly(5L, 2L, 1L);
        assertThat(report.steps()).extracting(FunnelReport.Step::dropOff).containsExactly(0L, 3L, 1L);
        assertThat(report.steps().get(1).conversionFromPrevious()).isCloseTo(2 / 5d, within(1e-9));
        assertThat(report.steps().get(2).conversionFromFirst()).isCloseTo(1 / 5d, within(1e-9));
        assertThat(report.steps().get(0).medianSecondsFromPrevious()).isNull();
        assertThat(report.steps().get(1).medianSecondsFromPrevious()).isEqualTo(1_200.0);
        assertThat(report.steps().get(2).medianSecondsFromPrevious()).isEqualTo(600.0);
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void a_funnel_window_longer_than_the_identity_says_later_steps_are_undercounted() {
        FunnelReport report = new FunnelService(events, gate, IdentityWindow.DAILY)
                .funnel(new FunnelQuery(TODAY, checkout, TimeSpan.ofSeconds(2 * 86_400), Set.of(FunnelMode.STRICT_ORDER)));

        assertThat(report.steps()).extracting(FunnelReport.Step::visitors).containsExactly(5L, 2L, 2L);
        assertThat(report.warnings()).singleElement().asString().contains("visitor ids last one day");
    }

    @Test
    void sequences_count_converting_visitors_and_time_gated_patterns() {
        List<StepCondition> steps = StepCondition.parseList("page:/,event:signup", 2, 32);
        SequenceService service = new SequenceService(events, gate);

        SequenceReport ordered = service.sequences(new SequenceQuery(TODAY, steps, SequencePattern.parse(SequenceQuery.orderedPattern(2), 2)));
        SequenceReport quick = service.sequences(new SequenceQuery(TODAY, steps, SequencePattern.parse("(?1).*(?t<=1800)(?2)", 2)));

        assertThat(ordered.converting()).isEqualTo(2);
        assertThat(ordered.visitors()).isEqualTo(6);
        assertThat(ordered.conversionRate()).isCloseTo(1 / 3d, within(1e-9));
        assertThat(ordered.matches()).isEqualTo(2);
        assertThat(quick.converting()).as("visitor 2 signs up 5401 s after /").isEqualTo(1);
    }

    @Test
    void a_flow_follows_pageviews_from_the_first_view_of_the_page() {
        FlowService service = new FlowService(events, gate);
        StepCondition.Page home = new StepCondition.Page("/");

        FlowReport next = service.flow(new FlowQuery(TODAY, home, NextNode.Direction.FORWARD, 2, 10));
        FlowReport previous = service.flow(new FlowQuery(TODAY, home, NextNode.Direction.BACKWARD, 1, 10));

        assertThat(next.visitors()).as("visitors 1, 2, 3, 5 and 6 saw / today").isEqualTo(5);
        assertThat(next.paths()).containsExactly(new FlowReport.Path(List.of("/pricing"), 2));
        assertThat(previous.paths()).containsExactly(new FlowReport.Path(List.of("/pricing"), 1));
    }

    @Test
    void retention_cohorts_follow_the_sites_calendar_across_a_daylight_saving_change() {
        SiteRegistry sites = new SiteRegistry(new InMemorySiteStore(), CLOCK);
        sites.create(SITE, PARIS, List.of());
        RetentionService service = new RetentionService(events, sites, gate, IdentityWindow.DAILY, CLOCK);

        RetentionReport report = service.retention(new RetentionQuery(SITE, Filters.NONE, Interval.DAY, 3,
                new StepCondition.AnyEvent(), new StepCondition.Page("/")));

        assertThat(report.cohorts()).extracting(RetentionReport.Cohort::start)
                .containsExactly(LocalDate.of(2026, 3, 28), LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 30));
        assertThat(report.cohorts().get(0).retained()).containsExactly(1, 0, 1);
        assertThat(report.cohorts().get(1).retained()).as("visitor 6, 03-29 then 03-30 in Paris").containsExactly(1, 1);
        assertThat(report.cohorts().get(2).retained()).containsExactly(4);
        assertThat(report.cohorts().get(0).rates()).containsExactly(1.0, 0.0, 1.0);
        assertThat(report.warnings()).singleElement().asString().contains("counts as a new visitor");
    }
}
