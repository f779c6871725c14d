package io.mallard.application.query;

import io.mallard.application.goal.GoalService;
import io.mallard.application.goal.GoalStore;
import io.mallard.application.site.InMemorySiteStore;
import io.mallard.application.site.SiteRegistry;
import io.mallard.application.stats.Breakdown;
import io.mallard.application.stats.BreakdownRow;
import io.mallard.application.stats.DailyRow;
import io.mallard.application.stats.GoalConversions;
import io.mallard.application.stats.Overview;
import io.mallard.application.stats.PageEngagement;
import io.mallard.application.stats.QueryGate;
import io.mallard.application.stats.Realtime;
import io.mallard.application.stats.SeriesPoint;
import io.mallard.application.stats.StatsCache;
import io.mallard.application.stats.StatsQueries;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.stats.StatsService;
import io.mallard.application.stats.Totals;
import io.mallard.application.storage.DataDamage;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filters;
import io.mallard.domain.stats.Goal;
import io.mallard.domain.stats.Interval;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The query model over an engine that answers with fixed figures: which of the engine's questions
 * each shape of query asks, the metrics' definitions, order, pagination and the refusals.
 */
class QueryServiceTest {
    static final SiteId SITE = new SiteId("query.test");
    static final StatsQuery SCOPE = new StatsQuery(SITE, ZoneOffset.UTC, new DateRange(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-03")),
            Filters.NONE);
    static final Instant DAY1 = Instant.parse("2026-03-01T00:00:00Z");

    /** Three pages; the engine's own order is visitors descending, then value. */
    static final List<BreakdownRow> PAGES = List.of(
            new BreakdownRow("/", 9, 10, 12, 15, 4, List.of(), new PageEngagement(30_000, 2, 150)),
            new BreakdownRow("/b", 5, 5, 5, 5, 5, List.of(new BreakdownRow.Amount("EUR", new BigDecimal("3.50"))), PageEngagement.NONE),
            new BreakdownRow("/a", 5, 6, 7, 8, 0, List.of(), PageEngagement.NONE));

    final List<String> asked = new ArrayList<>();
    final StatsQueries engine = new StatsQueries() {
        @Override
        public Totals totals(StatsQuery query) {
            asked.add("totals");
            return new Totals(10, 8, 20, 30, 2, 16, 1234.5, new PageEngagement(45_000, 3, 200));
        }

        @Override
        public List<SeriesPoint> series(StatsQuery query, List<Instant> bucketStarts) {
            asked.add("series");
            return List.of(new SeriesPoint(DAY1, 3, 4, 5), new SeriesPoint(DAY1.plus(Duration.ofDays(2)), 1, 1, 2));
        }

        @Override
        public Overview overview(StatsQuery query, List<Instant> bucketStarts) {
            asked.add("overview");
            return new Overview(4, 7, List.of(new Overview.Bucket(DAY1, 3, 5)));
        }

        @Override
        public List<BreakdownRow> breakdown(StatsQuery query, Breakdown breakdown, int limit, int offset) {
            asked.add("breakdown " + breakdown.dimension() + " " + limit + "/" + offset);
            return PAGES.stream().skip(offset).limit(limit).toList();
        }

        @Override
        public List<GoalConversions> goals(StatsQuery query, List<Goal> goals) {
            throw new AssertionError("not asked");
        }

        @Override
        public List<DailyRow> daily(StatsQuery query) {
            throw new AssertionError("not asked");
        }

        @Override
        public Realtime realtime(SiteId site, Instant currentSince, Instant minutesSince) {
            throw new AssertionError("not asked");
        }
    };
    final QueryService queries = new QueryService(statsService(engine));

    static StatsService statsService(StatsQueries engine) {
        Clock clock = Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC);
        SiteRegistry sites = new SiteRegistry(new InMemorySiteStore(), clock);
        GoalStore noGoals = new GoalStore() {
            @Override
            public List<Goal> goals(SiteId site) {
                return List.of();
            }

            @Override
            public Goal insert(SiteId site, Goal.Kind kind, String value) {
                throw new AssertionError("no goal is created by a query");
            }

            @Override
            public boolean delete(SiteId site, long id) {
                return false;
            }

            @Override
            public void deleteAll(SiteId site) {
            }
        };
        return new StatsService(engine, sites, new GoalService(noGoals, sites), new StatsCache(Duration.ZERO, 0, clock),
                new QueryGate(0, Duration.ZERO), clock, new DataDamage());
    }

    static Query byPage(List<Metric> metrics, List<Order> order, Pagination pagination) {
        return new Query(SCOPE, metrics, List.of(new QueryDimension.Property(Dimension.PAGE, null)), order, pagination);
    }

    @Test
    void withoutDimensionsTheTotalsGiveEveryMetricByItsDefinition() {
        QueryResult result = queries.answer(Query.totals(SCOPE, List.of(Metric.values())));

        // 2 bounces of 8 visits; 1234.5 s over 8 visits; 16 pageviews of visits over 8; 45 s over 3 reads; 200 % over 3.
        assertThat(result.only().values()).containsExactly(10L, 8L, 20L, 30L, 25.0, 154.31, 2.0, 15.0, 67, List.of());
        assertThat(asked).containsExactly("totals");
    }

    @Test
    void aTimeDimensionReadsTheSeriesWithEveryBucketAndTheOverviewWhenVisitsAreNotAsked() {
        Query withVisits = new Query(SCOPE, List.of(Metric.VISITS, Metric.VISITORS), List.of(new QueryDimension.Time(Interval.DAY)), List.of(),
                Pagination.DEFAULT);
        QueryResult series = queries.answer(withVisits);

        assertThat(series.rows()).extracting(QueryResult::bucket).containsExactly(DAY1, DAY1.plus(Duration.ofDays(1)), DAY1.plus(Duration.ofDays(2)));
        assertThat(series.rows()).extracting(QueryResult.Row::values).containsExactly(List.of(4L, 3L), List.of(0L, 0L), List.of(1L, 1L));

        QueryResult overview = queries.answer(new Query(SCOPE, List.of(Metric.PAGEVIEWS), List.of(new QueryDimension.Time(Interval.DAY)),
                List.of(), Pagination.DEFAULT));
        assertThat(overview.rows()).extracting(QueryResult.Row::values).containsExactly(List.of(5L), List.of(0L), List.of(0L));
        assertThat(asked).containsExactly("series", "overview");
    }

    @Test
    void aPropertyInTheBreakdownsOwnOrderIsPagedByTheEngine() {
        QueryResult page = queries.answer(byPage(List.of(Metric.VISITORS, Metric.BOUNCE_RATE, Metric.TIME_ON_PAGE, Metric.REVENUE),
                List.of(new Order(Metric.VISITORS, true)), new Pagination(2, 1)));

        assertThat(page.rows()).extracting(row -> row.dimensions().getFirst()).containsExactly("/b", "/a");
        assertThat(page.rows().getFirst().values()).containsExactly(5L, 100.0, null, List.of(new BreakdownRow.Amount("EUR", new BigDecimal("3.50"))));
        assertThat(asked).containsExactly("breakdown PAGE 2/1");
    }

    @Test
    void anotherOrderSortsTheRowsHereAndThenPages() {
        QueryResult byVisits = queries.answer(byPage(List.of(Metric.VISITS), List.of(new Order(Metric.VISITS, false)), Pagination.DEFAULT));
        assertThat(byVisits.rows()).extracting(row -> row.dimensions().getFirst()).containsExactly("/b", "/a", "/");

        QueryResult byName = queries.answer(byPage(List.of(Metric.VISITORS),
                List.of(new Order(new QueryDimension.Property(Dimension.PAGE, null), true)), new Pagination(1, 0)));
        assertThat(byName.rows()).extracting(row -> row.dimensions().getFirst()).containsExactly("/b");

        QueryResult nullsFirst = queries.answer(byPage(List.of(Metric.TIME_ON_PAGE), List.of(new Order(Metric.TIME_ON_PAGE, false)),
                Pagination.DEFAULT));
        assertThat(nullsFirst.rows()).extracting(row -> row.dimensions().getFirst()).containsExactly("/b", "/a", "/");
        assertThat(asked).allMatch(question -> question.equals("breakdown PAGE " + Pagination.MAX_LIMIT + "/0"));
    }

    @Test
    void metricsAQuestionsShapeCannotGiveAreRefusedNamingTheOnesItCan() {
        assertThatThrownBy(() -> queries.answer(byPage(List.of(Metric.VISIT_DURATION), List.of(), Pagination.DEFAULT)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("visit_duration cannot be grouped by event:page")
                .hasMessageContaining("bounce_rate");
        assertThatThrownBy(() -> queries.answer(new Query(SCOPE, List.of(Metric.BOUNCE_RATE), List.of(new QueryDimension.Time(Interval.HOUR)),
                List.of(), Pagination.DEFAULT))).isInstanceOf(InvalidInputException.class).hasMessageContaining("visitors, visits, pageviews");
        assertThat(asked).isEmpty();
    }

    @Test
    void aMalformedQuestionIsRefusedBeforeAnythingRuns() {
        QueryDimension page = new QueryDimension.Property(Dimension.PAGE, null);
        assertThatThrownBy(() -> Query.totals(SCOPE, List.of())).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Query.totals(SCOPE, List.of(Metric.VISITS, Metric.VISITS))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Query(SCOPE, List.of(Metric.VISITS), List.of(page, new QueryDimension.Time(Interval.DAY)), List.of(),
                Pagination.DEFAULT)).isInstanceOf(InvalidInputException.class).hasMessageContaining("one dimension");
        assertThatThrownBy(() -> new Query(SCOPE, List.of(Metric.VISITS), List.of(), List.of(new Order(Metric.VISITORS, true)), Pagination.DEFAULT))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("visitors is neither");
        assertThatThrownBy(() -> byPage(List.of(Metric.REVENUE), List.of(new Order(Metric.REVENUE, true)), Pagination.DEFAULT))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new Pagination(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pagination(Pagination.MAX_LIMIT + 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dimensionsAndMetricsGoByPlausiblesNames() {
        assertThat(QueryDimension.byLabel("event:page")).contains(new QueryDimension.Property(Dimension.PAGE, null));
        assertThat(QueryDimension.byLabel("visit:source")).contains(new QueryDimension.Property(Dimension.SOURCE, null));
        assertThat(QueryDimension.byLabel("event:name")).contains(new QueryDimension.Property(Dimension.EVENT_NAME, null));
        assertThat(QueryDimension.byLabel("event:props:plan")).contains(new QueryDimension.Property(Dimension.PROP, "plan"));
        assertThat(QueryDimension.byLabel("visit:entry_page").map(QueryDimension::label)).contains("visit:entry_page");
        assertThat(QueryDimension.byLabel("time:week")).contains(new QueryDimension.Time(Interval.WEEK));
        assertThat(QueryDimension.byLabel("event:source")).as("source is a visit property").isEmpty();
        assertThat(QueryDimension.byLabel("event:props:bad key")).isEmpty();
        assertThat(QueryDimension.byLabel("time:decade")).isEmpty();
        assertThat(Metric.byLabel("views_per_visit")).contains(Metric.VIEWS_PER_VISIT);
        assertThat(Metric.byLabel("visits ")).isEmpty();
    }
}
