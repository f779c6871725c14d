package io.mallard.storage.contract;

import io.mallard.application.query.Metric;
import io.mallard.application.query.Metric.Figures;
import io.mallard.application.stats.Breakdown;
import io.mallard.application.stats.BreakdownRow;
import io.mallard.application.stats.DailyRow;
import io.mallard.application.stats.GoalConversions;
import io.mallard.application.stats.Overview;
import io.mallard.application.stats.PageEngagement;
import io.mallard.application.stats.Realtime;
import io.mallard.application.stats.SeriesPoint;
import io.mallard.application.stats.StatsQueries;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.stats.Totals;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;
import io.mallard.domain.stats.Filter.Operator;
import io.mallard.domain.stats.Filters;
import io.mallard.domain.stats.Goal;
import io.mallard.domain.stats.Interval;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static io.mallard.storage.contract.Fixture.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every stats figure against the {@link Fixture}, counted by hand (METRICS.md): visits, bounces,
 * durations, event-level and visit-level filters, time zones, series, breakdowns with revenue and
 * engagement, goals, daily rows and realtime.
 *
 * <p>Visits (30-minute timeout): A1 = A's /, /pricing, signup (10:00-10:06, from Google); A2 = A's
 * /blog (direct, bounce); B = /blog + a report 50 min later (3000 s, bounce); C = /, purchase,
 * /checkout (09:00-09:20, half settled, half fresh); D = /, /pricing, purchase (23:30-23:45, Twitter);
 * E = / + two reports (30 s, bounce). Reports: B on /blog 40 s at 100 %; E on / 25 + 5 s at 60 and 40 %.
 */
public abstract class StatsContract extends FixtureContract {
    static final ZoneId UTC = ZoneOffset.UTC;
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final DateRange FIXTURE_DAYS = new DateRange(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-04"));



    private StatsQueries stats() {
        return engine.stats();
    }

    static StatsQuery query(Filter... filters) {
        return new StatsQuery(SITE, UTC, FIXTURE_DAYS, new Filters(List.of(filters)));
    }

    static Filter filter(Dimension dimension, Operator operator, String... values) {
        return new Filter(dimension, null, operator, List.of(values));
    }

    @Test
    void totalsCountVisitsByThirtyMinuteGapsAcrossSettledAndFreshEvents() {
        Totals totals = stats().totals(query());
        // 5 visitors, 6 visits (B's late report opens none), 9 pageviews of 15 events; bounces A2, B, E;
        // durations 360+0+3000+1200+900+30 s. Reports: (B, /blog) 40 s at 100 %, (E, /) 30 s at 60 %.
        assertThat(totals).isEqualTo(new Totals(5, 6, 9, 15, 3, 9, 5490, new PageEngagement(70_000, 2, 160)));
        Figures figures = Figures.of(totals);
        assertThat(Metric.BOUNCE_RATE.of(figures)).isEqualTo(50.0);
        assertThat(Metric.VISIT_DURATION.of(figures)).isEqualTo(915.0);
        assertThat(Metric.TIME_ON_PAGE.of(figures)).isEqualTo(35.0);
        assertThat(Metric.SCROLL_DEPTH.of(figures)).isEqualTo(80);
        assertThat(Metric.VIEWS_PER_VISIT.of(figures)).isEqualTo(1.5);
    }

    @Test
    void anEventFilterCountsMatchingEventsAndTheWholeVisitsContainingThem() {
        Totals pricing = stats().totals(query(filter(Dimension.PAGE, Operator.IS, "/pricing")));
        // Pageviews A 10:05 and D 23:40, plus the custom events sent from /pricing (A's signup, D's
        // purchase); visits A1 (2 pageviews, 360 s) and D (2 pageviews, 900 s).
        assertThat(pricing).isEqualTo(new Totals(2, 2, 2, 4, 0, 4, 1260, PageEngagement.NONE));
        assertThat(Metric.TIME_ON_PAGE.of(Figures.of(pricing))).isNull();
        assertThat(Metric.VIEWS_PER_VISIT.of(Figures.of(pricing))).isEqualTo(2.0);
    }

    @Test
    void aVisitFilterKeepsWholeVisitsAndItsComplementAddsUpToTheTotal() {
        Totals direct = stats().totals(query(filter(Dimension.SOURCE, Operator.IS, Dimension.DIRECT)));
        // A2, B, C, E: events 1 + 2 + 3 + 3, pageviews 1 + 1 + 2 + 1.
        assertThat(direct).isEqualTo(new Totals(4, 4, 5, 9, 3, 5, 4230, new PageEngagement(70_000, 2, 160)));
        Totals referred = stats().totals(query(filter(Dimension.SOURCE, Operator.IS_NOT, Dimension.DIRECT)));
        assertThat(referred.pageviews() + direct.pageviews()).isEqualTo(9);
        assertThat(referred.visits() + direct.visits()).isEqualTo(6);
    }

    @Test
    void filtersAreAndedAcrossDimensionsAndOredWithinOne() {
        assertThat(stats().totals(query(filter(Dimension.COUNTRY, Operator.IS, "DE"), filter(Dimension.PAGE, Operator.CONTAINS, "pri"))).visitors())
                .isEqualTo(1);
        assertThat(stats().totals(query(filter(Dimension.COUNTRY, Operator.IS, "FR", "US"))).visitors()).isEqualTo(3);
        assertThat(stats().totals(query(filter(Dimension.PAGE, Operator.MATCHES_WILDCARD, "/b*"))).visitors()).isEqualTo(2);
        assertThat(stats().totals(query(filter(Dimension.PAGE, Operator.MATCHES_WILDCARD_NOT, "/*c*"))).pageviews())
                .as("pageviews of /, /blog: not /pricing, /checkout").isEqualTo(6);
        assertThat(stats().totals(query(filter(Dimension.ENTRY_PAGE, Operator.IS, "/blog"))).visits()).isEqualTo(2);
        assertThat(stats().totals(query(filter(Dimension.UTM_SOURCE, Operator.CONTAINS_NOT, "news"))).visitors()).isEqualTo(4);
        Totals pro = stats().totals(query(new Filter(Dimension.PROP, "plan", Operator.IS, List.of("pro"))));
        assertThat(pro.visitors()).isEqualTo(2);
        assertThat(pro.events()).isEqualTo(2);
        assertThat(pro.pageviews()).isZero();
    }

    @Test
    void wildcardsTreatLikeMetacharactersAsText() {
        assertThat(stats().totals(query(filter(Dimension.PAGE, Operator.MATCHES_WILDCARD, "/%"))).events()).isZero();
        assertThat(stats().totals(query(filter(Dimension.PAGE, Operator.MATCHES_WILDCARD, "/_log"))).events()).isZero();
    }

    @Test
    void rangesAreReadInTheSiteTimeZone() {
        // 2026-03-05 in Paris is 03-04T23:00Z..03-05T23:00Z: only D.
        Totals parisFifth = stats().totals(new StatsQuery(SITE, PARIS, new DateRange(LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-05")), Filters.NONE));
        assertThat(parisFifth.visitors()).isEqualTo(1);
        assertThat(parisFifth.pageviews()).isEqualTo(2);
        Totals parisFourth = stats().totals(new StatsQuery(SITE, PARIS, new DateRange(LocalDate.parse("2026-03-04"), LocalDate.parse("2026-03-04")), Filters.NONE));
        assertThat(parisFourth.visitors()).as("E only").isEqualTo(1);
    }

    @Test
    void seriesCountVisitorsPageviewsAndVisitsPerBucketAndOmitEmptyBuckets() {
        List<Instant> days = Interval.DAY.buckets(new DateRange(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-05")), UTC);
        List<SeriesPoint> series = stats().series(new StatsQuery(SITE, UTC, new DateRange(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-05")), Filters.NONE), days);
        assertThat(series).containsExactly(
                new SeriesPoint(Instant.parse("2026-03-02T00:00:00Z"), 2, 3, 4),
                new SeriesPoint(Instant.parse("2026-03-03T00:00:00Z"), 1, 1, 2),
                new SeriesPoint(Instant.parse("2026-03-04T00:00:00Z"), 2, 2, 3));
    }

    @Test
    void theOverviewCountsVisitorsAndPageviewsInTotalAndPerBucketWithEveryFilter() {
        List<Instant> days = Interval.DAY.buckets(FIXTURE_DAYS, UTC);
        assertThat(stats().overview(query(), days)).isEqualTo(new Overview(5, 9, List.of(
                new Overview.Bucket(Instant.parse("2026-03-02T00:00:00Z"), 2, 4),
                new Overview.Bucket(Instant.parse("2026-03-03T00:00:00Z"), 1, 2),
                new Overview.Bucket(Instant.parse("2026-03-04T00:00:00Z"), 2, 3))));
        // A (/, /pricing, /blog on 03-02) and E (/ on 03-04).
        assertThat(stats().overview(query(filter(Dimension.COUNTRY, Operator.IS, "DE")), days)).isEqualTo(new Overview(2, 4, List.of(
                new Overview.Bucket(Instant.parse("2026-03-02T00:00:00Z"), 1, 3),
                new Overview.Bucket(Instant.parse("2026-03-04T00:00:00Z"), 1, 1))));
        // A visit filter: only A's first visit came from Google (/, /pricing); its /blog visit was direct.
        assertThat(stats().overview(query(filter(Dimension.SOURCE, Operator.IS, "Google")), days)).isEqualTo(new Overview(1, 2, List.of(
                new Overview.Bucket(Instant.parse("2026-03-02T00:00:00Z"), 1, 2))));
        assertThat(stats().overview(new StatsQuery(SITE, UTC, new DateRange(LocalDate.parse("2026-04-01"), LocalDate.parse("2026-04-02")),
                Filters.NONE), Interval.DAY.buckets(new DateRange(LocalDate.parse("2026-04-01"), LocalDate.parse("2026-04-02")), UTC)))
                .isEqualTo(new Overview(0, 0, List.of()));
    }

    @Test
    void sourcesAreVisitLevelWithRevenuePerCurrencyAndTiesBrokenByValue() {
        List<BreakdownRow> sources = stats().breakdown(query(), Breakdown.of(Dimension.SOURCE), 10, 0);
        assertThat(sources).extracting(BreakdownRow::value, BreakdownRow::visitors, BreakdownRow::visits, BreakdownRow::pageviews,
                BreakdownRow::events, BreakdownRow::bounces).containsExactly(
                tuple(Dimension.DIRECT, 4L, 4L, 5L, 9L, 3L),
                tuple("Google", 1L, 1L, 2L, 3L, 0L),
                tuple("Twitter", 1L, 1L, 2L, 3L, 0L));
        assertThat(Metric.BOUNCE_RATE.of(Figures.of(sources.getFirst()))).isEqualTo(75.0);
        assertThat(sources.getFirst().revenue()).containsExactly(new BreakdownRow.Amount("USD", new BigDecimal("20.00")));
        assertThat(sources.get(2).revenue()).containsExactly(new BreakdownRow.Amount("EUR", new BigDecimal("10.00")));
    }

    @Test
    void pagesCountPageviewsAndTheVisitsViewingThem() {
        assertThat(stats().breakdown(query(), Breakdown.of(Dimension.PAGE), 10, 0)).extracting(BreakdownRow::value, BreakdownRow::visitors,
                BreakdownRow::pageviews, BreakdownRow::visits, BreakdownRow::bounces).containsExactly(
                tuple("/", 4L, 4L, 4L, 1L),
                tuple("/blog", 2L, 2L, 2L, 2L),
                tuple("/pricing", 2L, 2L, 2L, 0L),
                tuple("/checkout", 1L, 1L, 1L, 0L));
    }

    @Test
    void pagesAverageEachVisitorsSummedVisibleTimeAndDeepestScroll() {
        // (E, /): 25 + 5 s, deepest 60 %; (B, /blog): 40 s at 100 %; no reports on the other pages.
        assertThat(stats().breakdown(query(), Breakdown.of(Dimension.PAGE), 10, 0)).extracting(BreakdownRow::value,
                row -> Metric.TIME_ON_PAGE.of(Figures.of(row)), row -> Metric.SCROLL_DEPTH.of(Figures.of(row))).containsExactly(
                tuple("/", 30.0, 60),
                tuple("/blog", 40.0, 100),
                tuple("/pricing", null, null),
                tuple("/checkout", null, null));
        assertThat(stats().breakdown(query(), Breakdown.of(Dimension.SOURCE), 10, 0)).extracting(BreakdownRow::engagement)
                .as("only page breakdowns carry engagement").containsOnly(PageEngagement.NONE);
        assertThat(stats().totals(query(filter(Dimension.COUNTRY, Operator.IS, "DE"))).engagement())
                .as("a visit filter keeps its visits' reports").isEqualTo(new PageEngagement(30_000, 1, 60));
    }

    @Test
    void limitAndPageWalkTheSameOrder() {
        assertThat(stats().breakdown(query(), Breakdown.of(Dimension.PAGE), 2, 2)).extracting(BreakdownRow::value)
                .containsExactly("/pricing", "/checkout");
    }

    @Test
    void entryAndExitPagesAreTheFirstAndLastPageviewOfEachVisit() {
        assertThat(stats().breakdown(query(), Breakdown.of(Dimension.ENTRY_PAGE), 10, 0)).extracting(BreakdownRow::value, BreakdownRow::visits)
                .containsExactly(tuple("/", 4L), tuple("/blog", 2L));
        assertThat(stats().breakdown(query(), Breakdown.of(Dimension.EXIT_PAGE), 10, 0)).extracting(BreakdownRow::value, BreakdownRow::visits)
                .containsExactly(tuple("/blog", 2L), tuple("/pricing", 2L), tuple("/", 1L), tuple("/checkout", 1L));
    }

    @Test
    void customEventsPropertiesAndEveryOtherDimension() {
        List<BreakdownRow> events = stats().breakdown(query(), Breakdown.of(Dimension.EVENT_NAME), 10, 0);
        assertThat(events).extracting(BreakdownRow::value, BreakdownRow::visitors, BreakdownRow::events)
                .as("page-leave reports are not custom events")
                .containsExactly(tuple("purchase", 2L, 2L), tuple("signup", 1L, 1L));
        assertThat(events.getFirst().revenue()).containsExactly(new BreakdownRow.Amount("EUR", new BigDecimal("10.00")),
                new BreakdownRow.Amount("USD", new BigDecimal("20.00")));
        assertThat(stats().breakdown(query(), new Breakdown(Dimension.PROP, "plan"), 10, 0)).extracting(BreakdownRow::value, BreakdownRow::visitors)
                .containsExactly(tuple("pro", 2L), tuple("starter", 1L));
        assertThat(stats().breakdown(query(), Breakdown.of(Dimension.COUNTRY), 10, 0)).extracting(BreakdownRow::value, BreakdownRow::visitors)
                .containsExactly(tuple("DE", 2L), tuple("US", 2L), tuple("FR", 1L));
        assertThat(stats().breakdown(query(), Breakdown.of(Dimension.BROWSER_VERSION), 10, 0)).extracting(BreakdownRow::value)
                .containsExactly("Chrome 120", "Firefox 120", "Safari 120");
        assertThat(stats().breakdown(query(), Breakdown.of(Dimension.UTM_SOURCE), 10, 0)).extracting(BreakdownRow::value, BreakdownRow::visits)
                .containsExactly(tuple(Dimension.NONE, 5L), tuple("newsletter", 1L));
        assertThat(stats().breakdown(query(), Breakdown.of(Dimension.HOSTNAME), 10, 0)).extracting(BreakdownRow::value, BreakdownRow::events)
                .containsExactly(tuple("fx.test", 15L));
        assertThat(stats().breakdown(query(), Breakdown.of(Dimension.REGION), 10, 0)).extracting(BreakdownRow::value)
                .containsExactly(Dimension.NONE);
    }

    @Test
    void aBreakdownUnderAFilterCountsOnlyMatchingTraffic() {
        assertThat(stats().breakdown(query(filter(Dimension.COUNTRY, Operator.IS, "US")), Breakdown.of(Dimension.PAGE), 10, 0))
                .extracting(BreakdownRow::value, BreakdownRow::visitors).containsExactly(tuple("/", 1L), tuple("/blog", 1L), tuple("/checkout", 1L));
    }

    @Test
    void goalsCountUniqueConvertersAndConversions() {
        Goal pricing = new Goal(1, SITE, Goal.Kind.PAGEVIEW, "/pri*");
        Goal purchase = new Goal(2, SITE, Goal.Kind.EVENT, "purchase");
        Goal never = new Goal(3, SITE, Goal.Kind.EVENT, "refund");
        assertThat(stats().goals(query(), List.of(pricing, purchase, never))).containsExactly(
                new GoalConversions(pricing, 2, 2), new GoalConversions(purchase, 2, 2), new GoalConversions(never, 0, 0));
    }

    @Test
    void dailyRowsNameEachDaysTopPageAndSource() {
        List<DailyRow> days = stats().daily(query());
        assertThat(days).containsExactly(
                new DailyRow(LocalDate.parse("2026-03-02"), 2, 4, "/blog", Dimension.DIRECT),
                new DailyRow(LocalDate.parse("2026-03-03"), 1, 2, "/", Dimension.DIRECT),
                new DailyRow(LocalDate.parse("2026-03-04"), 2, 3, "/", Dimension.DIRECT));
    }

    @Test
    void realtimeCountsRecentVisitorsAndPageviewsPerMinute() {
        Realtime realtime = stats().realtime(SITE, Instant.parse("2026-03-04T23:41:00Z"), Instant.parse("2026-03-04T23:30:00Z"));
        assertThat(realtime.currentVisitors()).isEqualTo(1);
        assertThat(realtime.pageviewsPerMinute()).containsExactly(
                new Realtime.Minute(Instant.parse("2026-03-04T23:30:00Z"), 1), new Realtime.Minute(Instant.parse("2026-03-04T23:40:00Z"), 1));
    }

    @Test
    void anotherSiteSeesNothing() {
        Totals none = stats().totals(new StatsQuery(new io.mallard.domain.event.SiteId("other.test"), UTC, FIXTURE_DAYS, Filters.NONE));
        assertThat(none).isEqualTo(Totals.EMPTY);
        assertThat(stats().breakdown(new StatsQuery(new io.mallard.domain.event.SiteId("other.test"), UTC, FIXTURE_DAYS, Filters.NONE),
                Breakdown.of(Dimension.PAGE), 10, 0)).isEmpty();
    }

    @Test
    void hourlyBucketsFollowTheSitesZoneAcrossADaylightSavingChange() {
        // 2026-03-29 in Paris has 23 hours: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
        engine.events().append(List.of(ContractEvents.pageview(9001, "dst.test", "early", Instant.parse("2026-03-29T00:30:00Z")),
                ContractEvents.pageview(9002, "dst.test", "late", Instant.parse("2026-03-29T01:30:00Z")),
                ContractEvents.pageview(9003, "dst.test", "late", Instant.parse("2026-03-29T21:59:59Z")),
                ContractEvents.pageview(9004, "dst.test", "next-day", Instant.parse("2026-03-29T22:00:00Z"))));
        DateRange sunday = new DateRange(LocalDate.parse("2026-03-29"), LocalDate.parse("2026-03-29"));
        StatsQuery query = new StatsQuery(new io.mallard.domain.event.SiteId("dst.test"), PARIS, sunday, Filters.NONE);
        List<Instant> hours = Interval.HOUR.buckets(sunday, PARIS);

        assertThat(hours).hasSize(23);
        // 01:30 CET is in the 01:00 bucket; 03:30 CEST in the 03:00 bucket, one real hour later; 23:59:59 CEST in the last.
        assertThat(stats().series(query, hours)).containsExactly(
                new SeriesPoint(Instant.parse("2026-03-29T00:00:00Z"), 1, 1, 1),
                new SeriesPoint(Instant.parse("2026-03-29T01:00:00Z"), 1, 1, 1),
                new SeriesPoint(Instant.parse("2026-03-29T21:00:00Z"), 1, 1, 1));
        assertThat(stats().totals(query).pageviews()).as("00:00 on Monday in Paris is the next day").isEqualTo(3);
    }

    @Test
    void aComparisonIsTheSameQuestionOverAnotherRangeAndRangesAddUp() {
        StatsQuery second = query().over(new DateRange(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02")));
        StatsQuery third = query().over(new DateRange(LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-03")));
        StatsQuery both = query().over(new DateRange(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-03")));

        // A and B on the 2nd, C on the 3rd: no visitor on both days, so every count adds up.
        Totals sum = stats().totals(second).plus(stats().totals(third));
        assertThat(stats().totals(both)).isEqualTo(sum);
        assertThat(stats().totals(second).visitors()).isEqualTo(2);
        assertThat(stats().totals(third).visitors()).isEqualTo(1);
    }
}
