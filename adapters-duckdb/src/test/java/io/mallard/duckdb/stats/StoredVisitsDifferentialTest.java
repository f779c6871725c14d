package io.mallard.duckdb.stats;

import io.mallard.application.ingest.VisitAssigner;
import io.mallard.application.stats.Breakdown;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.event.Engagement;
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
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Visits assigned at ingestion ({@link VisitAssigner}, stored {@code visit_id}) and visits the
 * stats derive for events stored without one must be the same visits: each try stores the same
 * random traffic twice, once as ingestion now stores it and once as before visit ids, and every
 * figure must agree — totals, hourly series, visit and event breakdowns, with visit and event filters.
 * The traffic has gaps around the timeout and page-leave reports long after their page.
 */
class StoredVisitsDifferentialTest {
    static final Duration TIMEOUT = Duration.ofMinutes(30);
    static final List<String> PAGES = List.of("/", "/a", "/b");
    static final List<String> SOURCES = List.of("Google", "Twitter");
    static final LocalDate DAY = LocalDate.parse("2026-05-10");
    static final DateRange DAYS = new DateRange(DAY, DAY.plusDays(2));
    static final ZoneId UTC = ZoneId.of("UTC");
    static final AtomicLong IDS = new AtomicLong(1);
    static final AtomicLong SITES = new AtomicLong();

    static ScratchStorage storage;
    static DuckDbStatsQueries stats;

    @BeforeContainer
    static void open() throws Exception {
        storage = new ScratchStorage("stored-visits");
        stats = new DuckDbStatsQueries(storage.tiers.surface(), TIMEOUT);
    }

    @AfterContainer
    static void close() throws Exception {
        storage.close();
    }

    enum Kind { PAGEVIEW, SIGNUP, ENGAGEMENT }

    record Hit(int visitor, int minute, Kind kind, int page, int source) {
    }

    @Provide
    Arbitrary<List<Hit>> traffic() {
        // Minutes cluster so gaps land on both sides of 30 minutes; some reports come a day later.
        Arbitrary<Integer> minute = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 120)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 3 * 24 * 60 - 1)));
        Arbitrary<Hit> hit = Combinators.combine(Arbitraries.integers().between(0, 4), minute,
                        Arbitraries.of(Kind.PAGEVIEW, Kind.PAGEVIEW, Kind.SIGNUP, Kind.ENGAGEMENT),
                        Arbitraries.integers().between(0, PAGES.size() - 1), Arbitraries.integers().between(-1, SOURCES.size() - 1))
                .as(Hit::new);
        return hit.list().ofMinSize(1).ofMaxSize(50);
    }

    @Property(tries = 40)
    void assignedVisitsAreTheVisitsTheStatsDerive(@ForAll("traffic") List<Hit> hits) throws Exception {
        List<Hit> inArrivalOrder = hits.stream().sorted(Comparator.comparingInt(Hit::minute)).toList();
        SiteId derived = new SiteId("derived" + SITES.incrementAndGet() + ".test");
        SiteId assigned = new SiteId("assigned" + SITES.get() + ".test");
        VisitAssigner visits = new VisitAssigner(TIMEOUT, 1000);
        List<Event> before = new ArrayList<>();
        List<Event> now = new ArrayList<>();
        for (Hit hit : inArrivalOrder) {
            before.add(event(derived, hit));
            now.add(visits.assign(event(assigned, hit)));
        }
        storage.storeHalfCold(before);
        storage.storeHalfCold(now);

        for (Filters filters : List.of(Filters.NONE,
                new Filters(List.of(new Filter(Dimension.SOURCE, null, Filter.Operator.IS, List.of("Google")))),
                new Filters(List.of(new Filter(Dimension.PAGE, null, Filter.Operator.IS, List.of("/a")))),
                new Filters(List.of(new Filter(Dimension.ENTRY_PAGE, null, Filter.Operator.IS_NOT, List.of("/")))))) {
            StatsQuery old = new StatsQuery(derived, UTC, DAYS, filters);
            StatsQuery current = new StatsQuery(assigned, UTC, DAYS, filters);
            assertThat(stats.totals(current)).as("totals, %s", filters).isEqualTo(stats.totals(old));
            List<Instant> hours = Interval.HOUR.buckets(DAYS, UTC);
            assertThat(stats.series(current, hours)).as("series, %s", filters).isEqualTo(stats.series(old, hours));
            for (Dimension dimension : List.of(Dimension.PAGE, Dimension.SOURCE, Dimension.ENTRY_PAGE, Dimension.EXIT_PAGE, Dimension.EVENT_NAME)) {
                assertThat(stats.breakdown(current, Breakdown.of(dimension), 100, 0)).as("%s, %s", dimension, filters)
                        .isEqualTo(stats.breakdown(old, Breakdown.of(dimension), 100, 0));
            }
        }
    }

    private static Event event(SiteId site, Hit hit) {
        Instant at = DAY.atStartOfDay(UTC).toInstant().plusSeconds(60L * hit.minute());
        String source = hit.source() < 0 ? null : SOURCES.get(hit.source());
        EventName name = switch (hit.kind()) {
            case PAGEVIEW -> EventName.PAGEVIEW;
            case SIGNUP -> new EventName("signup");
            case ENGAGEMENT -> EventName.ENGAGEMENT;
        };
        return new Event(IDS.getAndIncrement(), site, "v" + hit.visitor(), at, name, PAGES.get(hit.page()), site.value(), null, source,
                null, null, null, null, null, "Firefox", "128", "Linux", null, "Desktop", null, "DE", null, null, null, null, null,
                hit.kind() == Kind.ENGAGEMENT ? new Engagement(1_000 * (1 + hit.minute() % 7), hit.minute() % 101) : null, null);
    }
}
