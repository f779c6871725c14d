package io.mallard.duckdb.stats;

import io.mallard.application.stats.Breakdown;
import io.mallard.application.stats.QueryGate;
import io.mallard.application.stats.RolledUpStatsQueries;
import io.mallard.application.stats.RollupBuilder;
import io.mallard.application.stats.StatsQueries;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.event.Engagement;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;
import io.mallard.domain.stats.Filters;
import io.mallard.domain.stats.Goal;
import io.mallard.domain.stats.Interval;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers through daily rollups must be the answers from events: each try stores random traffic
 * over six UTC days (the last one partly still in the hot table), builds the rollups, and asks the
 * same questions both ways — totals, breakdowns with paging, daily series and overviews, in UTC and
 * in zones whose days cut UTC days in two. Some tries have a visitor id that lasts several days (as
 * an identified user's does), which makes those days overlap: the answers must still agree.
 * Filtered questions read the visits of rolled-up days from the stored visits ({@link StoredVisits}):
 * with every kind of filter, alone and combined, they must equal the answers grouping visits from events,
 * and so must the answers read from a view's shared tables ({@link SharedViews}).
 */
class RollupDifferentialTest {
    static final Duration TIMEOUT = Duration.ofMinutes(30);
    static final List<String> PAGES = List.of("/", "/a", "/b", "/c");
    static final List<String> SOURCES = List.of("Google", "Twitter", "Bing");
    static final List<String> BROWSERS = List.of("Firefox", "Chrome");
    static final LocalDate FIRST = LocalDate.parse("2026-05-10");
    static final int DAYS = 6;
    static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, KOLKATA);
    static final Dimension[] DIMENSIONS = {Dimension.PAGE, Dimension.ENTRY_PAGE, Dimension.SOURCE, Dimension.EVENT_NAME};
    static final AtomicLong IDS = new AtomicLong(1);
    static final AtomicLong SITES = new AtomicLong();

    static ScratchStorage storage;
    static DuckDbStatsQueries events;
    static DuckDbStatsQueries storedVisits;
    static DuckDbStatsQueries sharedViews;
    static DuckDbRollupStore rollups;
    static StatsQueries rolledUp;
    static RollupBuilder builder;

    @BeforeContainer
    static void open() throws Exception {
        storage = new ScratchStorage("rollups");
        events = new DuckDbStatsQueries(storage.tiers.surface(), TIMEOUT);
        rollups = new DuckDbRollupStore(storage.database, storage.tiers.surface(), TIMEOUT);
        storedVisits = new DuckDbStatsQueries(storage.tiers.surface(), TIMEOUT, rollups);
        sharedViews = new DuckDbStatsQueries(storage.tiers.surface(), TIMEOUT, rollups, storage.database, 1_000_000);
        rolledUp = new RolledUpStatsQueries(events, rollups);
        Clock afterTheData = Clock.fixed(FIRST.plusDays(DAYS - 1).atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        // Every test site's own days are Kolkata's, so the builder splits each UTC day at 18:30.
        builder = new RollupBuilder(events, rollups, new QueryGate(0, Duration.ZERO), afterTheData,
                () -> java.util.Map.of(new SiteId("changed.test"), KOLKATA, new SiteId("shared.test"), KOLKATA,
                        new SiteId("disjoint.test"), KOLKATA, new SiteId("rollup" + SITES.get() + ".test"), KOLKATA));
    }

    @AfterContainer
    static void close() throws Exception {
        storage.close();
    }

    enum Kind { PAGEVIEW, PURCHASE, ENGAGEMENT }

    record Hit(int visitor, int day, int minute, Kind kind, int page, int source, int browser) {
    }

    @Provide
    Arbitrary<List<Hit>> traffic() {
        Arbitrary<Integer> minute = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0, 90)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 24 * 60 - 1)));
        Arbitrary<Hit> hit = Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, DAYS - 1), minute,
                        Arbitraries.of(Kind.PAGEVIEW, Kind.PAGEVIEW, Kind.PURCHASE, Kind.ENGAGEMENT),
                        Arbitraries.integers().between(0, PAGES.size() - 1), Arbitraries.integers().between(-1, SOURCES.size() - 1),
                        Arbitraries.integers().between(0, BROWSERS.size() - 1))
                .as(Hit::new);
        return hit.list().ofMinSize(1).ofMaxSize(80);
    }

    @Property(tries = 8)
    void rolledUpAnswersAreTheAnswersFromEvents(@ForAll("traffic") List<Hit> hits, @ForAll boolean oneVisitorLastsAllWeek) throws Exception {
        SiteId site = new SiteId("rollup" + SITES.incrementAndGet() + ".test");
        store(site, hits, oneVisitorLastsAllWeek);
        builder.buildStale(100);
        assertEverythingAgrees(site);
    }

    @Example
    void rollupsAreUsedForDisjointDaysAndNotForDaysSharingAVisitor() throws Exception {
        SiteId disjoint = new SiteId("disjoint.test");
        List<Hit> everyDay = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            everyDay.add(new Hit(0, day, 10, Kind.PAGEVIEW, 0, 0, 0));
        }
        List<Hit> withVisitsAcrossKolkataMidnight = new ArrayList<>(everyDay);
        for (int day : new int[]{1, 3}) { // 18:20 and 18:40 UTC: one visit across 00:00 in Kolkata
            withVisitsAcrossKolkataMidnight.add(new Hit(1, day, 18 * 60 + 20, Kind.PAGEVIEW, 1, 1, 1));
            withVisitsAcrossKolkataMidnight.add(new Hit(1, day, 18 * 60 + 40, Kind.PAGEVIEW, 2, 1, 1));
        }
        store(disjoint, withVisitsAcrossKolkataMidnight, false);
        builder.buildStale(100);
        LocalDate last = FIRST.plusDays(DAYS - 2);
        assertThat(rollups.read(disjoint, FIRST, last, null).usable()).as("every finished day").hasSize(DAYS - 1);
        assertThat(rollups.read(disjoint, FIRST, last, null).totals()).hasSize(DAYS - 1);
        assertThat(rollups.visitDays(disjoint, FIRST, last)).as("every finished day's visits stored").hasSize(DAYS - 1);
        assertThat(rollups.splits(disjoint, FIRST, last)).as("each rolled-up day cut at Kolkata's midnight").hasSize(DAYS - 1)
                .allSatisfy((day, split) -> assertThat(split.at()).isEqualTo(day.atTime(18, 30).toInstant(ZoneOffset.UTC)));
        assertEverythingAgrees(disjoint);

        SiteId shared = new SiteId("shared.test");
        store(shared, everyDay, true);
        builder.buildStale(100);
        assertThat(rollups.read(shared, FIRST, last, null).usable()).as("days sharing visitor 0 are not additive").isEmpty();
        assertThat(rollups.visitDays(shared, FIRST, last)).as("nor are their stored visits read").isEmpty();
        assertEverythingAgrees(shared);
    }

    @Example
    void aDayWhoseFilesChangeIsReadFromEventsUntilRebuiltAndItsOldRollupIsDropped() throws Exception {
        SiteId site = new SiteId("changed.test");
        List<Hit> hits = List.of(new Hit(1, 0, 5, Kind.PAGEVIEW, 0, 0, 0), new Hit(2, 1, 5, Kind.PAGEVIEW, 1, 1, 1));
        store(site, hits, false);
        builder.buildStale(100);
        assertThat(rollups.read(site, FIRST, FIRST, null).usable()).containsExactly(FIRST);

        storage.storeHot(List.of(event(site, new Hit(3, 0, 50, Kind.PAGEVIEW, 2, 2, 0), false)));
        assertThat(rollups.read(site, FIRST, FIRST, null).usable()).as("events of the day in the hot table").isEmpty();
        storage.tiers.flushToCold();
        assertThat(rollups.read(site, FIRST, FIRST, null).usable()).as("a new file for the day").isEmpty();
        assertEverythingAgrees(site);

        rollups.dropOutdated();
        assertThat(rollups.staleDays(FIRST.plusDays(DAYS), 100)).extracting(RollupStoreDay::of).contains(site + " " + FIRST);
        assertThat(builder.buildStale(100)).isPositive();
        assertThat(rollups.read(site, FIRST, FIRST, null).usable()).containsExactly(FIRST);
        assertThat(rolledUp.totals(new StatsQuery(site, ZoneOffset.UTC, new DateRange(FIRST, FIRST), Filters.NONE)).visitors()).isEqualTo(2);
    }

    /** "site day" of a stale day, for readable assertions. */
    private static final class RollupStoreDay {
        static String of(io.mallard.application.stats.RollupStore.StaleDay day) {
            return day.site().value() + " " + day.day();
        }
    }

    private static void assertEverythingAgrees(SiteId site) {
        List<DateRange> ranges = List.of(new DateRange(FIRST.minusDays(2), FIRST.plusDays(DAYS + 1)),
                new DateRange(FIRST.plusDays(1), FIRST.plusDays(3)), new DateRange(FIRST.plusDays(2), FIRST.plusDays(2)));
        for (ZoneId zone : ZONES) {
            for (DateRange range : ranges) {
                StatsQuery query = new StatsQuery(site, zone, range, Filters.NONE);
                String context = zone + " " + range.first() + ".." + range.last();
                assertThat(rolledUp.totals(query)).as("totals %s", context).isEqualTo(events.totals(query));
                for (Dimension dimension : DIMENSIONS) {
                    Breakdown breakdown = Breakdown.of(dimension);
                    assertThat(rolledUp.breakdown(query, breakdown, 100, 0)).as("%s %s", dimension, context)
                            .isEqualTo(events.breakdown(query, breakdown, 100, 0));
                    assertThat(rolledUp.breakdown(query, breakdown, 2, 1)).as("%s page 2 %s", dimension, context)
                            .isEqualTo(events.breakdown(query, breakdown, 2, 1));
                }
                for (Interval interval : List.of(Interval.DAY, Interval.WEEK)) {
                    List<Instant> starts = interval.buckets(range, zone);
                    assertThat(withoutEmpty(rolledUp.series(query, starts))).as("series %s %s", interval, context)
                            .isEqualTo(withoutEmpty(events.series(query, starts)));
                    assertThat(rolledUp.overview(query, starts).visitors()).as("overview %s", context)
                            .isEqualTo(events.overview(query, starts).visitors());
                    assertThat(withoutEmptyBuckets(rolledUp.overview(query, starts).buckets())).as("overview %s %s", interval, context)
                            .isEqualTo(withoutEmptyBuckets(events.overview(query, starts).buckets()));
                }
                StatsQuery filtered = query.with(new Filters(List.of(new Filter(Dimension.SOURCE, null, Filter.Operator.IS, List.of("Google")))));
                assertThat(rolledUp.totals(filtered)).as("filtered totals %s", context).isEqualTo(events.totals(filtered));
                Filters filters = FILTERS.get(ranges.indexOf(range) + (zone == KOLKATA ? 1 : 0)); // each filter in turn, sparing the time
                assertStoredVisitsAgree(query.with(filters), zone, range, context + " " + filters);
            }
        }
    }

    static final List<Filters> FILTERS = List.of(
            new Filters(List.of(new Filter(Dimension.SOURCE, null, Filter.Operator.IS, List.of("Google", "Bing")))),
            new Filters(List.of(new Filter(Dimension.PAGE, null, Filter.Operator.IS, List.of("/a")))),
            new Filters(List.of(new Filter(Dimension.ENTRY_PAGE, null, Filter.Operator.IS_NOT, List.of("/")),
                    new Filter(Dimension.PAGE, null, Filter.Operator.CONTAINS, List.of("b")))),
            new Filters(List.of(new Filter(Dimension.BROWSER, null, Filter.Operator.MATCHES_WILDCARD, List.of("Fire*")),
                    new Filter(Dimension.SOURCE, null, Filter.Operator.IS_NOT, List.of("Direct / None")))));

    /**
     * A filtered question reading stored visits gets the answers of one grouping visits from events;
     * so do the same questions asked of a view's shared tables (built by the first, read by the others).
     */
    private static void assertStoredVisitsAgree(StatsQuery query, ZoneId zone, DateRange range, String context) {
        assertAgreeWithEvents(storedVisits, query, zone, range, context + " (stored visits)");
        assertAgreeWithEvents(sharedViews, query, zone, range, context + " (shared view)");
        List<Goal> goals = List.of(new Goal(1, query.site(), Goal.Kind.PAGEVIEW, "/a"), new Goal(2, query.site(), Goal.Kind.EVENT, "purchase"));
        assertThat(sharedViews.goals(query, goals)).as("goals %s (shared view)", context).isEqualTo(events.goals(query, goals));
        assertThat(sharedViews.daily(query)).as("daily %s (shared view)", context).isEqualTo(events.daily(query));
    }

    private static void assertAgreeWithEvents(DuckDbStatsQueries storedVisits, StatsQuery query, ZoneId zone, DateRange range, String context) {
        assertThat(storedVisits.totals(query)).as("totals %s", context).isEqualTo(events.totals(query));
        for (Dimension dimension : List.of(Dimension.PAGE, Dimension.SOURCE, Dimension.EXIT_PAGE)) {
            Breakdown breakdown = Breakdown.of(dimension);
            assertThat(storedVisits.breakdown(query, breakdown, 100, 0)).as("%s %s", dimension, context)
                    .isEqualTo(events.breakdown(query, breakdown, 100, 0));
        }
        java.util.Map<Dimension, List<io.mallard.application.stats.BreakdownRow>> all = storedVisits.breakdowns(query, RolledUpStatsQueries.ROLLED_UP);
        for (Dimension dimension : List.of(Dimension.SOURCE, Dimension.ENTRY_PAGE, Dimension.BROWSER, Dimension.COUNTRY)) {
            assertThat(all.get(dimension)).as("%s in one pass %s", dimension, context)
                    .containsExactlyInAnyOrderElementsOf(events.breakdown(query, Breakdown.of(dimension), Integer.MAX_VALUE, 0));
        }
        List<Instant> starts = Interval.DAY.buckets(range, zone);
        assertThat(withoutEmpty(storedVisits.series(query, starts))).as("series %s", context).isEqualTo(withoutEmpty(events.series(query, starts)));
        assertThat(withoutEmptyBuckets(storedVisits.overview(query, starts).buckets())).as("overview %s", context)
                .isEqualTo(withoutEmptyBuckets(events.overview(query, starts).buckets()));
    }

    /** The port lets either side leave out buckets without events; the caller zero-fills. */
    private static List<io.mallard.application.stats.SeriesPoint> withoutEmpty(List<io.mallard.application.stats.SeriesPoint> points) {
        return points.stream().filter(point -> point.visitors() + point.visits() + point.pageviews() > 0)
                .sorted(Comparator.comparing(io.mallard.application.stats.SeriesPoint::start)).toList();
    }

    private static List<io.mallard.application.stats.Overview.Bucket> withoutEmptyBuckets(List<io.mallard.application.stats.Overview.Bucket> buckets) {
        return buckets.stream().filter(bucket -> bucket.visitors() + bucket.pageviews() > 0)
                .sorted(Comparator.comparing(io.mallard.application.stats.Overview.Bucket::start)).toList();
    }

    /** Days before the last go to Parquet; the last day's second half stays in the hot table. */
    private static void store(SiteId site, List<Hit> hits, boolean oneVisitorLastsAllWeek) throws Exception {
        List<Event> inOrder = hits.stream().sorted(Comparator.comparingInt(Hit::day).thenComparingInt(Hit::minute))
                .map(hit -> event(site, hit, oneVisitorLastsAllWeek)).toList();
        storage.storeWithHotTail(inOrder, FIRST.plusDays(DAYS - 1).atTime(12, 0).toInstant(ZoneOffset.UTC), TIMEOUT);
    }

    /** Visitor ids are per day, as the daily salt makes them, except visitor 0's when it lasts all week. */
    private static Event event(SiteId site, Hit hit, boolean oneVisitorLastsAllWeek) {
        Instant at = FIRST.plusDays(hit.day()).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60L * hit.minute());
        String visitor = oneVisitorLastsAllWeek && hit.visitor() == 0 ? "user-0" : "v" + hit.visitor() + "-" + hit.day();
        String source = hit.source() < 0 ? null : SOURCES.get(hit.source());
        EventName name = switch (hit.kind()) {
            case PAGEVIEW -> EventName.PAGEVIEW;
            case PURCHASE -> new EventName("purchase");
            case ENGAGEMENT -> EventName.ENGAGEMENT;
        };
        BigDecimal amount = hit.kind() == Kind.PURCHASE ? BigDecimal.valueOf(100 + hit.minute(), 2) : null;
        String currency = hit.kind() == Kind.PURCHASE ? (hit.page() % 2 == 0 ? "EUR" : "USD") : null;
        Engagement engagement = hit.kind() == Kind.ENGAGEMENT ? new Engagement(1_000 * (1 + hit.minute() % 7), hit.minute() % 101) : null;
        return new Event(IDS.getAndIncrement(), site, visitor, at, name, PAGES.get(hit.page()), site.value(), null, source,
                null, null, null, null, null, BROWSERS.get(hit.browser()), "128", "Linux", null, "Desktop", null,
                hit.visitor() % 2 == 0 ? "DE" : "FR", null, null, null, amount, currency, engagement, null);
    }
}
