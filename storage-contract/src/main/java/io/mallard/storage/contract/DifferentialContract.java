package io.mallard.storage.contract;

import io.mallard.application.behavior.BehaviorQueries;
import io.mallard.application.behavior.BehaviorQueries.BehaviorScan;
import io.mallard.application.behavior.BehaviorQueries.FlowScan;
import io.mallard.application.behavior.BehaviorQueries.Reach;
import io.mallard.application.behavior.BehaviorQueries.RetentionScan;
import io.mallard.application.stats.Breakdown;
import io.mallard.application.stats.Overview;
import io.mallard.application.stats.SeriesPoint;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.storage.StorageEngine;
import io.mallard.domain.behavior.NextNode;
import io.mallard.domain.behavior.StepCondition;
import io.mallard.domain.event.EpochMicros;
import io.mallard.domain.event.Event;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;
import io.mallard.domain.stats.Filter.Operator;
import io.mallard.domain.stats.Filters;
import io.mallard.domain.stats.Goal;
import io.mallard.domain.stats.Interval;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random traffic, the same answers: every stats figure, breakdown, goal, daily row and behavioral
 * stream of the engine under test equals the reference engine's over the same events, under a set
 * of filters, in two time zones (each seed one zone and one filter set). The reference is {@code adapters-memory}, the semantics in plain
 * Java. Visitors are compared by their rows, not their numbers (an engine numbers them as it likes).
 */
public abstract class DifferentialContract {
    static final DateRange DAYS = new DateRange(LocalDate.parse("2026-04-09"), LocalDate.parse("2026-04-14"));
    static final List<Filters> FILTERS = List.of(Filters.NONE,
            filters(new Filter(Dimension.PAGE, null, Operator.IS, List.of("/pricing"))),
            filters(new Filter(Dimension.SOURCE, null, Operator.IS, List.of("Google", Dimension.DIRECT))),
            filters(new Filter(Dimension.COUNTRY, null, Operator.IS_NOT, List.of("DE")),
                    new Filter(Dimension.PAGE, null, Operator.MATCHES_WILDCARD, List.of("/blog*"))),
            filters(new Filter(Dimension.PROP, "plan", Operator.IS, List.of("pro"))),
            filters(new Filter(Dimension.ENTRY_PAGE, null, Operator.CONTAINS, List.of("b"))));
    static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Paris"));
    static final List<List<StepCondition>> STEPS = List.of(
            StepCondition.parseList("page:/,page:/pricing,event:purchase", 1, 32),
            StepCondition.parseList("page:/blog*,any", 1, 32),
            StepCondition.parseList("event:signup[plan=pro],page:/checkout", 1, 32));

    @TempDir
    Path underTestDir;
    @TempDir
    Path referenceDir;

    protected abstract EngineUnderTest underTest();

    /** The engine whose answers are right by definition. */
    protected abstract EngineUnderTest reference();

    private static Filters filters(Filter... filters) {
        return new Filters(List.of(filters));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void randomTrafficGetsTheReferenceAnswers(long seed) {
        List<Event> events = RandomTraffic.generate(seed);
        // Each seed asks in one zone, without filters and under one filter set: the seeds cover every pair.
        ZoneId zone = ZONES.get((int) (seed % ZONES.size()));
        List<Filters> asked = List.of(Filters.NONE, FILTERS.get(1 + (int) (seed % (FILTERS.size() - 1))));
        try (StorageEngine engine = underTest().open(underTestDir); StorageEngine reference = reference().open(referenceDir)) {
            store(underTest(), engine, events);
            store(reference(), reference, events);
            for (Filters filters : asked) {
                StatsQuery query = new StatsQuery(RandomTraffic.SITE, zone, DAYS, filters);
                String what = "seed " + seed + ", " + zone + ", " + filters;
                assertSameStats(engine, reference, query, what);
                assertSameBehavior(engine.behavior(), reference.behavior(), query, what);
            }
        }
    }

    /** Half the events settled, the rest fresh. */
    private static void store(EngineUnderTest under, StorageEngine engine, List<Event> events) {
        engine.events().append(events.subList(0, events.size() / 2));
        under.settle(engine);
        engine.events().append(events.subList(events.size() / 2, events.size()));
    }

    private static void assertSameStats(StorageEngine engine, StorageEngine reference, StatsQuery query, String what) {
        var hours = Interval.HOUR.buckets(DAYS, query.zone());
        var days = Interval.DAY.buckets(DAYS, query.zone());
        assertThat(engine.stats().totals(query)).as("totals, %s", what).isEqualTo(reference.stats().totals(query));
        assertThat(withEvents(engine.stats().series(query, hours))).as("series, %s", what)
                .isEqualTo(withEvents(reference.stats().series(query, hours)));
        Overview overview = engine.stats().overview(query, days);
        Overview expected = reference.stats().overview(query, days);
        assertThat(new Overview(overview.visitors(), overview.pageviews(), withVisitors(overview.buckets()))).as("overview, %s", what)
                .isEqualTo(new Overview(expected.visitors(), expected.pageviews(), withVisitors(expected.buckets())));
        assertThat(engine.stats().daily(query)).as("daily, %s", what).isEqualTo(reference.stats().daily(query));
        for (Dimension dimension : Dimension.values()) {
            Breakdown breakdown = new Breakdown(dimension, dimension == Dimension.PROP ? "plan" : null);
            assertThat(engine.stats().breakdown(query, breakdown, 100, 0)).as("%s breakdown, %s", dimension, what)
                    .isEqualTo(reference.stats().breakdown(query, breakdown, 100, 0));
        }
        List<Goal> goals = List.of(new Goal(1, RandomTraffic.SITE, Goal.Kind.PAGEVIEW, "/blog*"),
                new Goal(2, RandomTraffic.SITE, Goal.Kind.EVENT, "purchase"));
        assertThat(engine.stats().goals(query, goals)).as("goals, %s", what).isEqualTo(reference.stats().goals(query, goals));
    }

    private static void assertSameBehavior(BehaviorQueries engine, BehaviorQueries reference, StatsQuery query, String what) {
        assertThat(engine.visitors(query)).as("visitors, %s", what).isEqualTo(reference.visitors(query));
        for (List<StepCondition> steps : STEPS) {
            for (Reach reach : Reach.values()) {
                for (boolean flow : new boolean[] {false, true}) {
                    BehaviorScan scan = new BehaviorScan(steps, flow, flow, reach);
                    assertThat(rows(engine, query, scan)).as("scan %s %s flow=%s, %s", steps, reach, flow, what)
                            .isEqualTo(rows(reference, query, scan));
                }
            }
            long[] periods = Interval.DAY.buckets(DAYS, query.zone()).stream().mapToLong(EpochMicros::of).toArray();
            RetentionScan retention = new RetentionScan(steps.get(0), steps.get(steps.size() - 1), periods);
            assertThat(engine.retention(query, retention)).as("retention %s, %s", steps, what)
                    .isDeepEqualTo(reference.retention(query, retention));
        }
        for (String page : List.of("/", "/pricing", "/blog*")) {
            for (NextNode.Direction direction : NextNode.Direction.values()) {
                for (int depth = 1; depth <= 3; depth++) {
                    FlowScan flow = new FlowScan(new StepCondition.Page(page), direction, depth);
                    assertThat(engine.flows(query, flow)).as("flows %s, %s", flow, what).isEqualTo(reference.flows(query, flow));
                }
            }
        }
    }

    /** The points with something in them: an engine may return empty buckets or leave them to the caller. */
    private static List<SeriesPoint> withEvents(List<SeriesPoint> points) {
        return points.stream().filter(point -> point.visitors() + point.visits() + point.pageviews() > 0).toList();
    }

    private static List<Overview.Bucket> withVisitors(List<Overview.Bucket> buckets) {
        return buckets.stream().filter(bucket -> bucket.visitors() + bucket.pageviews() > 0).toList();
    }

    /** Each visitor's rows as text, visitors sorted by their rows (their numbers are the engine's own). */
    private static List<String> rows(BehaviorQueries queries, StatsQuery query, BehaviorScan scan) {
        Map<Long, StringBuilder> visitors = new LinkedHashMap<>();
        queries.scan(query, scan, (visitor, micros, mask, path) ->
                visitors.computeIfAbsent(visitor, key -> new StringBuilder()).append(micros).append(':').append(Integer.toUnsignedString(mask))
                        .append(':').append(path).append(' '));
        List<String> rows = new ArrayList<>(visitors.values().stream().map(StringBuilder::toString).toList());
        rows.sort(Comparator.naturalOrder());
        return rows;
    }
}
