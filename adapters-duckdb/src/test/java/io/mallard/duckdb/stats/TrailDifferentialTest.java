package io.mallard.duckdb.stats;

import io.mallard.application.behavior.BehaviorQueries;
import io.mallard.application.behavior.BehaviorQueries.BehaviorScan;
import io.mallard.application.behavior.BehaviorQueries.Reach;
import io.mallard.application.behavior.FlowQuery;
import io.mallard.application.behavior.FlowService;
import io.mallard.application.behavior.FunnelQuery;
import io.mallard.application.behavior.FunnelService;
import io.mallard.application.behavior.IdentityWindow;
import io.mallard.application.behavior.SequenceQuery;
import io.mallard.application.behavior.SequenceService;
import io.mallard.application.stats.QueryGate;
import io.mallard.application.stats.RollupBuilder;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.behavior.FunnelMode;
import io.mallard.domain.behavior.NextNode;
import io.mallard.domain.behavior.SequencePattern;
import io.mallard.domain.behavior.StepCondition;
import io.mallard.domain.behavior.TimeSpan;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.Props;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;
import io.mallard.domain.stats.Filters;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Behavioral answers read from day trails must be the answers from events. Each try stores random
 * traffic over six UTC days (minute times, so ties are common; the last day partly still in the hot
 * table), builds the rollups and their trails, and asks both {@link TrailBehaviorQueries} and
 * {@link DuckDbBehaviorQueries}: the raw per-visitor streams of every kind of scan, visitor counts,
 * retention grids, funnels in each mode, sequences and flows, in UTC and in Asia/Kolkata (whose
 * days cut UTC days), over ranges that start and end inside the data. Some tries have a visitor id
 * that lasts all week, which makes every day share a visitor: trails must then stay unused.
 */
class TrailDifferentialTest {
    static final Duration TIMEOUT = Duration.ofMinutes(30);
    static final List<String> PAGES = List.of("/", "/a", "/b", "/blog/x");
    static final List<String> NAMES = List.of("pageview", "pageview", "pageview", "signup", "engagement");
    static final List<String> CONDITIONS = List.of("any", "page:/", "page:/a", "page:/b*", "page:/*", "event:signup",
            "event:engagement", "event:signup[plan=pro]", "event:signup[plan=free]", "event:engagement[plan=pro]");
    static final LocalDate FIRST = LocalDate.parse("2026-05-10");
    static final int DAYS = 6;
    static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("Asia/Kolkata"));
    static final List<DateRange> RANGES = List.of(new DateRange(FIRST.minusDays(1), FIRST.plusDays(DAYS)),
            new DateRange(FIRST.plusDays(1), FIRST.plusDays(3)), new DateRange(FIRST.plusDays(4), FIRST.plusDays(5)));
    /**
     * Filters a trail reads (page, event name), visit filters (answered with the stored visits on
     * whole days), and one a trail cannot answer (a property).
     */
    static final List<Filters> FILTERS = List.of(
            filters(filter(Dimension.PAGE, Filter.Operator.IS, "/a")),
            filters(filter(Dimension.PAGE, Filter.Operator.IS_NOT, "/a")),
            filters(filter(Dimension.PAGE, Filter.Operator.CONTAINS, "b")),
            filters(filter(Dimension.PAGE, Filter.Operator.MATCHES_WILDCARD, "/blog/*")),
            filters(filter(Dimension.PAGE, Filter.Operator.CONTAINS_NOT, "/b"), filter(Dimension.EVENT_NAME, Filter.Operator.IS_NOT, "engagement")),
            filters(filter(Dimension.EVENT_NAME, Filter.Operator.IS, "signup")),
            filters(filter(Dimension.SOURCE, Filter.Operator.IS, "Google")),
            filters(filter(Dimension.BROWSER, Filter.Operator.IS_NOT, "Firefox"), filter(Dimension.PAGE, Filter.Operator.CONTAINS, "b")),
            filters(new Filter(Dimension.PROP, "plan", Filter.Operator.IS, List.of("pro"))));
    static final AtomicLong IDS = new AtomicLong(1);
    static final AtomicLong SITES = new AtomicLong();
    static final QueryGate GATE = new QueryGate(0, Duration.ZERO);

    static ScratchStorage storage;
    static DuckDbBehaviorQueries events;
    static DuckDbRollupStore rollups;
    static TrailBehaviorQueries trails;
    static RollupBuilder builder;

    @BeforeContainer
    static void open() throws Exception {
        storage = new ScratchStorage("trails");
        events = new DuckDbBehaviorQueries(storage.tiers.surface(), TIMEOUT);
        rollups = new DuckDbRollupStore(storage.database, storage.tiers.surface(), TIMEOUT);
        trails = new TrailBehaviorQueries(events, rollups);
        Clock afterTheData = Clock.fixed(FIRST.plusDays(DAYS - 1).atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        builder = new RollupBuilder(new DuckDbStatsQueries(storage.tiers.surface(), TIMEOUT), rollups, GATE, afterTheData, Map::of);
    }

    @AfterContainer
    static void close() throws Exception {
        storage.close();
    }

    record Hit(int visitor, int day, int minute, int name, int page) {
    }

    @Provide
    Arbitrary<List<Hit>> traffic() {
        Arbitrary<Integer> minute = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0, 6)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 24 * 60 - 1)));
        Arbitrary<Hit> hit = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, DAYS - 1), minute,
                        Arbitraries.integers().between(0, NAMES.size() - 1), Arbitraries.integers().between(0, PAGES.size() - 1))
                .as(Hit::new);
        return hit.list().ofMinSize(1).ofMaxSize(80);
    }

    @Provide
    Arbitrary<StepCondition> condition() {
        return Arbitraries.of(CONDITIONS).map(StepCondition::parse);
    }

    @Provide
    Arbitrary<Filters> filters() {
        return Arbitraries.of(FILTERS);
    }

    @Property(tries = 5)
    void answersFromTrailsAreTheAnswersFromEvents(@ForAll("traffic") List<Hit> hits, @ForAll boolean oneVisitorLastsAllWeek,
                                                  @ForAll("condition") StepCondition first, @ForAll("condition") StepCondition second,
                                                  @ForAll("condition") StepCondition third, @ForAll("filters") Filters filters) throws Exception {
        SiteId site = new SiteId("trail" + SITES.incrementAndGet() + ".test");
        store(site, hits, oneVisitorLastsAllWeek);
        builder.buildStale(100);
        assertEverythingAgrees(site, List.of(first, second, third), Filters.NONE);
        assertEverythingAgrees(site, List.of(first, second, third), filters);
    }

    @Example
    void everyFilterOnAPageOrAnEventNameIsAnsweredAsFromEvents() throws Exception {
        SiteId site = new SiteId("trail-filters.test");
        List<Hit> hits = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            for (int page = 0; page < PAGES.size(); page++) {
                hits.add(new Hit(page % 2, day, 10 + page, page == 3 ? 3 : 0, page));
                hits.add(new Hit(2, day, 30 + page, page == 1 ? 4 : 0, 3 - page));
            }
            // Two signups of one visit and minute, told apart only by their page (and plan).
            hits.add(new Hit(0, day, 40, 3, 0));
            hits.add(new Hit(0, day, 40, 3, 1));
        }
        store(site, hits, false);
        builder.buildStale(100);
        List<StepCondition> conditions = List.of(StepCondition.parse("page:/"), StepCondition.parse("page:/b*"), StepCondition.parse("event:signup"));
        List<StepCondition> properties = List.of(StepCondition.parse("event:signup[plan=pro]"), StepCondition.parse("page:/a"),
                StepCondition.parse("event:engagement[plan=free]"));
        for (Filters filters : FILTERS) {
            assertEverythingAgrees(site, conditions, filters);
            assertEverythingAgrees(site, properties, filters);
        }
    }

    @Example
    void trailsAnswerDisjointDaysAndStepAsideForDaysSharingAVisitor() throws Exception {
        SiteId disjoint = new SiteId("trail-disjoint.test");
        List<Hit> everyDay = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            everyDay.add(new Hit(0, day, 10, 3, 0)); // a signup stored before a pageview of the same minute
            everyDay.add(new Hit(0, day, 10, 0, 0));
            everyDay.add(new Hit(0, day, 11, 0, 1));
            everyDay.add(new Hit(1, day, 20, 3, 2));
        }
        store(disjoint, everyDay, false);
        builder.buildStale(100);
        assertThat(rollups.trailDays(disjoint, FIRST, FIRST.plusDays(DAYS - 1))).as("every finished day").hasSize(DAYS - 1);
        assertEverythingAgrees(disjoint, List.of(StepCondition.parse("page:/"), StepCondition.parse("event:signup"), StepCondition.parse("any")), Filters.NONE);
        List<StatsQuery> readFromEvents = new ArrayList<>();
        TrailBehaviorQueries recorded = new TrailBehaviorQueries(new Recording(events, readFromEvents), rollups);
        BehaviorScan any = new BehaviorScan(List.of(new StepCondition.AnyEvent()), false, false, Reach.ALL);
        recorded.scan(new StatsQuery(disjoint, ZoneOffset.UTC, new DateRange(FIRST, FIRST.plusDays(DAYS - 2)), Filters.NONE), any, (v, t, m, p) -> {
        });
        assertThat(readFromEvents).as("finished days come from trails alone").isEmpty();
        recorded.scan(new StatsQuery(disjoint, ZoneOffset.UTC, new DateRange(FIRST, FIRST.plusDays(DAYS - 2)), FILTERS.get(4)), any, (v, t, m, p) -> {
        });
        assertThat(readFromEvents).as("filters on the page and the event name come from trails too").isEmpty();
        recorded.scan(new StatsQuery(disjoint, ZoneOffset.UTC, new DateRange(FIRST, FIRST.plusDays(DAYS - 2)), FILTERS.get(7)), any, (v, t, m, p) -> {
        });
        assertThat(readFromEvents).as("filters on visit dimensions, over whole days with stored visits, too").isEmpty();
        recorded.scan(new StatsQuery(disjoint, ZoneOffset.UTC, new DateRange(FIRST, FIRST.plusDays(DAYS - 2)), FILTERS.getLast()), any, (v, t, m, p) -> {
        });
        assertThat(readFromEvents).as("a filter on a property reads events").hasSize(1);
        readFromEvents.clear();
        List<Long> signups = new ArrayList<>();
        recorded.scan(new StatsQuery(disjoint, ZoneOffset.UTC, new DateRange(FIRST, FIRST.plusDays(DAYS - 2)), Filters.NONE),
                new BehaviorScan(List.of(StepCondition.parse("event:signup[plan=pro]")), false, false, Reach.ALL), (v, t, m, p) -> signups.add(t));
        assertThat(readFromEvents).as("a property condition takes its matches from events, the stream from trails").isEmpty();
        assertThat(signups).as("two signups on the pro plan a day").hasSize(2 * (DAYS - 1));
        recorded.scan(new StatsQuery(disjoint, ZoneOffset.UTC, new DateRange(FIRST, FIRST.plusDays(DAYS - 1)), Filters.NONE), any, (v, t, m, p) -> {
        });
        assertThat(readFromEvents).as("the last day, partly hot, from events").singleElement()
                .satisfies(part -> assertThat(part.from()).isEqualTo(FIRST.plusDays(DAYS - 1).atStartOfDay(ZoneOffset.UTC).toInstant()));

        SiteId shared = new SiteId("trail-shared.test");
        store(shared, everyDay, true);
        builder.buildStale(100);
        assertThat(rollups.trailDays(shared, FIRST, FIRST.plusDays(DAYS - 2))).as("days sharing visitor 0 have no usable trail").isEmpty();
        assertEverythingAgrees(shared, List.of(StepCondition.parse("page:/"), StepCondition.parse("page:/a"), StepCondition.parse("any")), FILTERS.get(1));
    }

    @Example
    void propertyStepsReadEventsWhenTheirMatchesAreTooManyOrLackAVisitId() throws Exception {
        SiteId site = new SiteId("trail-property-limit.test");
        List<Hit> hits = new ArrayList<>();
        for (int day = 0; day < DAYS; day++) {
            hits.add(new Hit(0, day, 10, 3, 0)); // signups on the pro plan: (minute + page) is even
            hits.add(new Hit(1, day, 12, 3, 2));
        }
        store(site, hits, false);
        SiteId legacy = new SiteId("trail-property-legacy.test");
        storage.storeHot(hits.stream().filter(hit -> hit.day() < DAYS - 1).map(hit -> event(legacy, hit, false)).toList());
        storage.tiers.flushToCold();
        builder.buildStale(100);
        DateRange finished = new DateRange(FIRST, FIRST.plusDays(DAYS - 2));
        assertThat(rollups.trailDays(legacy, finished.first(), finished.last())).as("days of events without visit ids have trails").hasSize(DAYS - 1);
        BehaviorScan pro = new BehaviorScan(List.of(StepCondition.parse("event:signup[plan=pro]")), false, false, Reach.ALL);
        int matches = 2 * (DAYS - 1);

        for (int limit : new int[]{matches, matches - 1}) {
            List<StatsQuery> readFromEvents = new ArrayList<>();
            DuckDbRollupStore limited = new DuckDbRollupStore(storage.database, storage.tiers.surface(), TIMEOUT, limit);
            TrailBehaviorQueries queries = new TrailBehaviorQueries(new Recording(events, readFromEvents), limited);
            StatsQuery query = new StatsQuery(site, ZoneOffset.UTC, finished, Filters.NONE);
            assertThat(groups(queries, query, pro)).as("limit %s", limit).isEqualTo(groups(events, query, pro)).hasSize(matches);
            assertThat(readFromEvents).as("%s matches, limit %s: read from events", matches, limit).hasSize(limit < matches ? 1 : 0);
        }
        List<StatsQuery> readFromEvents = new ArrayList<>();
        StatsQuery query = new StatsQuery(legacy, ZoneOffset.UTC, finished, Filters.NONE);
        assertThat(groups(new TrailBehaviorQueries(new Recording(events, readFromEvents), rollups), query, pro))
                .isEqualTo(groups(events, query, pro)).hasSize(matches);
        assertThat(readFromEvents).as("matches without a visit id: read from events").hasSize(1);
    }

    @Example
    void aDayWhoseEventsChangeIsReadFromEventsAndItsTrailDropped() throws Exception {
        SiteId site = new SiteId("trail-changed.test");
        store(site, List.of(new Hit(1, 0, 5, 0, 0), new Hit(2, 1, 5, 0, 1)), false);
        builder.buildStale(100);
        assertThat(rollups.trailDays(site, FIRST, FIRST)).containsExactly(FIRST);

        storage.storeHot(List.of(event(site, new Hit(3, 0, 50, 0, 2), false)));
        assertThat(rollups.trailDays(site, FIRST, FIRST)).as("an event of the day in the hot table").isEmpty();
        storage.tiers.flushToCold();
        assertThat(rollups.trailDays(site, FIRST, FIRST)).as("a new file for the day").isEmpty();
        StatsQuery day = new StatsQuery(site, ZoneOffset.UTC, new DateRange(FIRST, FIRST), Filters.NONE);
        assertThat(trails.visitors(day)).isEqualTo(2);

        Set<String> before = trailFiles();
        rollups.dropOutdated();
        assertThat(before).as("the outdated day's file is deleted with its row").hasSize(trailFiles().size() + 1);
        assertThat(builder.buildStale(100)).isPositive();
        assertThat(rollups.trailDays(site, FIRST, FIRST)).containsExactly(FIRST);
        assertThat(trails.visitors(day)).isEqualTo(2);
        assertEverythingAgrees(site, List.of(StepCondition.parse("page:/"), StepCondition.parse("page:/b"), StepCondition.parse("page:/a")), Filters.NONE);
    }

    @Example
    void trailFilesFollowTheirRowsAndADamagedOneIsDroppedAndRebuilt() throws Exception {
        SiteId site = new SiteId("trail-files.test");
        store(site, List.of(new Hit(1, 0, 5, 0, 0), new Hit(1, 0, 9, 0, 1), new Hit(2, 1, 5, 0, 1)), false);
        builder.buildStale(100);
        Path orphan = storage.dataDir.resolve("trails").resolve("left-by-a-crash.trail");
        Files.write(orphan, new byte[]{1, 2, 3});
        rollups.dropOutdated();
        assertThat(orphan).as("a file no row names is swept").doesNotExist();

        StatsQuery days = new StatsQuery(site, ZoneOffset.UTC, new DateRange(FIRST, FIRST.plusDays(1)), Filters.NONE);
        long visitors = events.visitors(days);
        Path file = storage.dataDir.resolve("trails").resolve(trailFileOf(site, FIRST));
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);

        BehaviorScan any = new BehaviorScan(List.of(new StepCondition.AnyEvent()), false, false, Reach.ALL);
        assertThatThrownBy(() -> trails.scan(days, any, (v, t, m, p) -> {
        })).isInstanceOf(StorageUnavailableException.class).hasMessageContaining("damaged");
        assertThat(rollups.trailDays(site, FIRST, FIRST.plusDays(1))).as("the damaged day is no longer a trail day")
                .containsExactly(FIRST.plusDays(1));
        assertThat(file).doesNotExist();
        assertThat(trails.visitors(days)).as("read from events meanwhile").isEqualTo(visitors);
        assertThat(builder.buildStale(100)).isPositive();
        assertThat(rollups.trailDays(site, FIRST, FIRST.plusDays(1))).containsExactlyInAnyOrder(FIRST, FIRST.plusDays(1));
        assertThat(trails.visitors(days)).isEqualTo(visitors);
    }

    private static String trailFileOf(SiteId site, LocalDate day) throws java.sql.SQLException {
        try (java.sql.Connection connection = storage.database.connect();
             java.sql.PreparedStatement statement = connection.prepareStatement("SELECT file FROM rollup_trails WHERE site_id = ? AND day = ?")) {
            statement.setString(1, site.value());
            statement.setObject(2, day);
            try (java.sql.ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).as("a trail row for %s %s", site, day).isTrue();
                return row.getString(1);
            }
        }
    }

    private static Set<String> trailFiles() throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.list(storage.dataDir.resolve("trails"))) {
            return files.map(file -> file.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }

    private static void assertEverythingAgrees(SiteId site, List<StepCondition> conditions, Filters filters) {
        for (ZoneId zone : ZONES) {
            for (DateRange range : RANGES) {
                StatsQuery query = new StatsQuery(site, zone, range, filters);
                String context = zone + " " + range.first() + ".." + range.last() + " " + conditions.stream().map(StepCondition::label).toList()
                        + " " + filters;
                assertSameStreams(query, conditions, context);
                assertThat(trails.visitors(query)).as("visitors %s", context).isEqualTo(events.visitors(query));
                assertSameServiceAnswers(query, conditions, context);
            }
        }
    }

    private static Filter filter(Dimension dimension, Filter.Operator operator, String value) {
        return new Filter(dimension, null, operator, List.of(value));
    }

    private static Filters filters(Filter... filters) {
        return new Filters(List.of(filters));
    }

    /** Every kind of scan streams the same visitors, each once, with the same events in the same order. */
    private static void assertSameStreams(StatsQuery query, List<StepCondition> conditions, String context) {
        for (Reach reach : Reach.values()) {
            for (boolean everything : new boolean[]{false, true}) { // as funnels stream, and as flows do
                BehaviorScan scan = new BehaviorScan(conditions, everything, everything, reach);
                assertThat(groups(trails, query, scan)).as("stream %s %s", scan, context).isEqualTo(groups(events, query, scan));
            }
        }
    }

    private static void assertSameServiceAnswers(StatsQuery query, List<StepCondition> conditions, String context) {
        for (Set<FunnelMode> modes : List.of(Set.<FunnelMode>of(), Set.of(FunnelMode.STRICT_ORDER), Set.of(FunnelMode.STRICT_ONCE))) {
            FunnelQuery funnel = new FunnelQuery(query, conditions, TimeSpan.ofSeconds(3 * 3600), modes);
            assertThat(new FunnelService(trails, GATE, IdentityWindow.DAILY).funnel(funnel)).as("funnel %s %s", modes, context)
                    .usingRecursiveComparison().isEqualTo(new FunnelService(events, GATE, IdentityWindow.DAILY).funnel(funnel));
        }
        SequenceQuery sequence = new SequenceQuery(query, conditions, SequencePattern.parse("(?1).*(?t<=3600)(?2).*(?3)", 3));
        assertThat(new SequenceService(trails, GATE).sequences(sequence)).as("sequence %s", context)
                .usingRecursiveComparison().isEqualTo(new SequenceService(events, GATE).sequences(sequence));
        for (NextNode.Direction direction : NextNode.Direction.values()) {
            FlowQuery flow = new FlowQuery(query, new StepCondition.Page("/a"), direction, 3, 50);
            assertThat(new FlowService(trails, GATE).flow(flow)).as("flow %s %s", direction, context)
                    .usingRecursiveComparison().isEqualTo(new FlowService(events, GATE).flow(flow));
        }
        for (Interval unit : List.of(Interval.DAY, Interval.WEEK)) {
            long[] starts = unit.buckets(query.range(), query.zone()).stream()
                    .mapToLong(start -> ChronoUnit.MICROS.between(Instant.EPOCH, start)).toArray();
            BehaviorQueries.RetentionScan scan = new BehaviorQueries.RetentionScan(conditions.get(0), conditions.get(1), starts);
            assertThat(trails.retention(query, scan)).as("retention %s %s", unit, context).isDeepEqualTo(events.retention(query, scan));
        }
    }

    /** Events read through {@code events}, noting each question it is asked to scan. */
    record Recording(BehaviorQueries events, List<StatsQuery> scanned) implements BehaviorQueries {
        @Override
        public void scan(StatsQuery query, BehaviorScan scan, EventSink sink) {
            scanned.add(query);
            events.scan(query, scan, sink);
        }

        @Override
        public long visitors(StatsQuery query) {
            return events.visitors(query);
        }
    }

    /** The stream as one group per visitor, ordered by visitor key; fails when a visitor comes in two groups. */
    private static List<List<String>> groups(BehaviorQueries queries, StatsQuery query, BehaviorScan scan) {
        List<Long> order = new ArrayList<>();
        Map<Long, List<String>> byVisitor = new java.util.HashMap<>();
        Set<Long> closed = new HashSet<>();
        queries.scan(query, scan, (visitor, micros, mask, path) -> {
            if (order.isEmpty() || order.getLast() != visitor) {
                assertThat(closed.add(visitor)).as("visitor %s streamed in one group", visitor).isTrue();
                order.add(visitor);
            }
            byVisitor.computeIfAbsent(visitor, key -> new ArrayList<>()).add(micros + " " + Integer.toUnsignedString(mask) + " " + path);
        });
        return order.stream().sorted().map(byVisitor::get).toList();
    }

    /** Days before the last go to Parquet; the last day's second half stays in the hot table. */
    private static void store(SiteId site, List<Hit> hits, boolean oneVisitorLastsAllWeek) throws Exception {
        List<Event> inOrder = hits.stream().sorted(Comparator.comparingInt(Hit::day).thenComparingInt(Hit::minute))
                .map(hit -> event(site, hit, oneVisitorLastsAllWeek)).toList();
        storage.storeWithHotTail(inOrder, FIRST.plusDays(DAYS - 1).atTime(12, 0).toInstant(ZoneOffset.UTC), TIMEOUT);
    }

    /**
     * Custom events are on the pro plan when their minute and page index add up to an even number,
     * on the free one otherwise, so two events of one minute on neighbouring pages differ; pageviews
     * have no properties.
     */
    private static Props props(Hit hit) {
        return NAMES.get(hit.name()).equals("pageview") ? null
                : new Props((hit.minute() + hit.page()) % 2 == 0 ? "{\"plan\":\"pro\"}" : "{\"plan\":\"free\"}");
    }

    /**
     * Visitor ids are per day, as the daily salt makes them, except visitor 0's when it lasts all
     * week. Browsers differ by visitor and sources by minute, so visit filters keep some visits of a visitor and not others.
     */
    private static Event event(SiteId site, Hit hit, boolean oneVisitorLastsAllWeek) {
        Instant at = FIRST.plusDays(hit.day()).atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60L * hit.minute());
        String visitor = oneVisitorLastsAllWeek && hit.visitor() == 0 ? "user-0" : "v" + hit.visitor() + "-" + hit.day();
        return new Event(IDS.getAndIncrement(), site, visitor, at, new EventName(NAMES.get(hit.name())), PAGES.get(hit.page()),
                site.value(), null, hit.minute() % 3 == 0 ? "Google" : null, null, null, null, null, null,
                hit.visitor() % 2 == 0 ? "Firefox" : "Chrome", "128", "Linux", null, "Desktop", null,
                "DE", null, null, props(hit), null, null, null, null);
    }
}
