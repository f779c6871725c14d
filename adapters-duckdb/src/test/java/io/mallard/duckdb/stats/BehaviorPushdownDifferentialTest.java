package io.mallard.duckdb.stats;

import io.mallard.application.behavior.BehaviorQueries;
import io.mallard.application.behavior.FlowQuery;
import io.mallard.application.behavior.FlowService;
import io.mallard.application.behavior.FunnelQuery;
import io.mallard.application.behavior.FunnelReport;
import io.mallard.application.behavior.FunnelService;
import io.mallard.application.behavior.IdentityWindow;
import io.mallard.application.stats.QueryGate;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.behavior.FunnelMode;
import io.mallard.domain.behavior.NextNode;
import io.mallard.domain.behavior.StepCondition;
import io.mallard.domain.behavior.TimeSpan;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;
import io.mallard.domain.stats.Filters;
import io.mallard.domain.stats.Interval;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL the DuckDB adapter runs in place of the engine must give the engine's answers. On random
 * traffic (few visitors and pages, minute-resolution times so ties are common, three weeks across
 * the Paris summer-time change, half in Parquet, half hot), with and without a visit filter:
 * <ul>
 *   <li>retention computed in SQL equals the engine's grid over the full event stream (the port's
 *   default), by day and by week;</li>
 *   <li>funnels and flows over the {@link BehaviorQueries.Reach}-restricted stream equal the same
 *   services over every event.</li>
 * </ul>
 */
class BehaviorPushdownDifferentialTest {
    static final List<String> PAGES = List.of("/", "/a", "/b", "/blog/x");
    static final List<String> NAMES = List.of("pageview", "pageview", "pageview", "signup", "purchase");
    static final List<String> CONDITIONS = List.of("any", "page:/", "page:/a", "page:/b*", "event:signup", "event:purchase");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final LocalDate FIRST = LocalDate.parse("2026-03-20");
    static final DateRange RANGE = new DateRange(FIRST, FIRST.plusDays(20));
    static final AtomicLong IDS = new AtomicLong(1);
    static final AtomicLong SITES = new AtomicLong();

    static ScratchStorage storage;
    static DuckDbBehaviorQueries pushed;
    static BehaviorQueries engine;

    @BeforeContainer
    static void open() throws Exception {
        storage = new ScratchStorage("behavior-differential");
        pushed = new DuckDbBehaviorQueries(storage.tiers.surface(), Duration.ofMinutes(30));
        engine = new EveryEvent(pushed);
    }

    @AfterContainer
    static void close() throws Exception {
        storage.close();
    }

    /** The adapter's stream of every event, and the port's engine default for retention. */
    record EveryEvent(BehaviorQueries adapter) implements BehaviorQueries {
        @Override
        public void scan(StatsQuery query, BehaviorScan scan, EventSink sink) {
            adapter.scan(query, new BehaviorScan(scan.conditions(), scan.unmatchedToo(), scan.pageviewsOnly(), Reach.ALL), sink);
        }

        @Override
        public long visitors(StatsQuery query) {
            return adapter.visitors(query);
        }
    }

    record Hit(int visitor, int minute, int name, int page, boolean fromGoogle) {
    }

    @Provide
    Arbitrary<List<Hit>> traffic() {
        Arbitrary<Hit> hit = Combinators.combine(Arbitraries.integers().between(0, 7),
                        Arbitraries.integers().between(0, 21 * 24 * 60 - 1).map(minute -> minute - minute % 7),
                        Arbitraries.integers().between(0, NAMES.size() - 1), Arbitraries.integers().between(0, PAGES.size() - 1),
                        Arbitraries.of(true, false))
                .as(Hit::new);
        return hit.list().ofMinSize(1).ofMaxSize(80);
    }

    @Provide
    Arbitrary<StepCondition> condition() {
        return Arbitraries.of(CONDITIONS).map(StepCondition::parse);
    }

    @Property(tries = 30)
    void sqlRetentionEqualsTheEnginesGrid(@ForAll("traffic") List<Hit> hits, @ForAll("condition") StepCondition cohort,
                                          @ForAll("condition") StepCondition returning, @ForAll boolean filtered) throws Exception {
        StatsQuery query = store(hits, filtered);
        for (Interval unit : List.of(Interval.DAY, Interval.WEEK)) {
            long[] starts = unit.buckets(query.range(), query.zone()).stream()
                    .mapToLong(start -> ChronoUnit.MICROS.between(Instant.EPOCH, start)).toArray();
            // Starts off whole minutes (as in a zone with a seconds offset) take the ASOF path.
            long[] offMinute = Arrays.stream(starts).map(start -> start - 30_000_000L).toArray();
            for (long[] periods : List.of(starts, offMinute)) {
                BehaviorQueries.RetentionScan scan = new BehaviorQueries.RetentionScan(cohort, returning, periods);

                assertThat(pushed.retention(query, scan)).as("%s retention, %s then %s", unit, cohort.label(), returning.label())
                        .isDeepEqualTo(engine.retention(query, scan));
            }
        }
    }

    @Property(tries = 30)
    void reachRestrictedFunnelsAndFlowsEqualTheFullStream(@ForAll("traffic") List<Hit> hits, @ForAll("condition") StepCondition first,
                                                          @ForAll("condition") StepCondition second, @ForAll("condition") StepCondition third,
                                                          @ForAll @IntRange(min = 1, max = 3) int depth, @ForAll boolean filtered)
            throws Exception {
        StatsQuery query = store(hits, filtered);
        QueryGate gate = new QueryGate(0, Duration.ZERO);
        for (Set<FunnelMode> modes : List.of(Set.<FunnelMode>of(), Set.of(FunnelMode.STRICT_ORDER), Set.of(FunnelMode.STRICT_INCREASE),
                Set.of(FunnelMode.STRICT_DEDUPLICATION))) {
            FunnelQuery funnel = new FunnelQuery(query, List.of(first, second, third), TimeSpan.ofSeconds(3 * 3600), modes);

            FunnelReport restricted = new FunnelService(pushed, gate, IdentityWindow.DAILY).funnel(funnel);
            FunnelReport full = new FunnelService(engine, gate, IdentityWindow.DAILY).funnel(funnel);

            assertThat(restricted.furthest()).as("funnel %s", modes).isEqualTo(full.furthest());
            assertThat(restricted.steps()).as("funnel %s", modes).isEqualTo(full.steps());
        }
        for (NextNode.Direction direction : NextNode.Direction.values()) {
            FlowQuery flow = new FlowQuery(query, new StepCondition.Page(PAGES.get(depth)), direction, depth, 50);

            assertThat(new FlowService(pushed, gate).flow(flow)).as("flow %s", direction).isEqualTo(new FlowService(engine, gate).flow(flow));
        }
    }

    /** Stores the hits for a new site, half in Parquet and half hot; the query over them, Google visits only when filtered. */
    static StatsQuery store(List<Hit> hits, boolean filtered) throws Exception {
        SiteId site = new SiteId("d" + SITES.incrementAndGet() + ".test");
        storage.storeHalfCold(hits.stream().map(hit -> event(site, hit)).toList());
        Filters filters = filtered ? new Filters(List.of(new Filter(Dimension.SOURCE, null, Filter.Operator.IS, List.of("Google"))))
                : Filters.NONE;
        return new StatsQuery(site, PARIS, RANGE, filters);
    }

    static Event event(SiteId site, Hit hit) {
        Instant at = FIRST.atStartOfDay(PARIS).toInstant().plusSeconds(60L * hit.minute());
        String name = NAMES.get(hit.name());
        return new Event(IDS.getAndIncrement(), site, "v" + hit.visitor(), at, new EventName(name), PAGES.get(hit.page()),
                site.value(), null, hit.fromGoogle() ? "Google" : null, null, null, null, null, null, "Firefox", "128", "Linux",
                null, "Desktop", null, "DE", null, null, null, null, null, null, null);
    }
}
