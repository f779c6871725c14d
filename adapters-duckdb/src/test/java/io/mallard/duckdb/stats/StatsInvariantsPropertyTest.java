package io.mallard.duckdb.stats;

import io.mallard.application.stats.Breakdown;
import io.mallard.application.stats.BreakdownRow;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.stats.Totals;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;
import io.mallard.domain.stats.Filters;
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
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants that hold for any traffic: each try stores random events for its own site (half in
 * Parquet, half hot) and checks that filters partition the totals and breakdowns never exceed them.
 */
class StatsInvariantsPropertyTest {
    static final List<String> PAGES = List.of("/", "/a", "/b", "/blog/x");
    static final List<String> COUNTRIES = List.of("DE", "US", "FR");
    static final List<String> SOURCES = List.of("Google", "Twitter");
    static final LocalDate DAY = LocalDate.parse("2026-05-10");
    static final AtomicLong IDS = new AtomicLong(1);
    static final AtomicLong SITES = new AtomicLong();

    static ScratchStorage storage;
    static DuckDbStatsQueries stats;

    @BeforeContainer
    static void open() throws Exception {
        storage = new ScratchStorage("stats-invariants");
        stats = new DuckDbStatsQueries(storage.tiers.surface(), Duration.ofMinutes(30));
    }

    @AfterContainer
    static void close() throws Exception {
        storage.close();
    }

    record Hit(int visitor, int minute, boolean pageview, int page, int country, int source) {
    }

    @Provide
    Arbitrary<List<Hit>> traffic() {
        Arbitrary<Hit> hit = Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, 2 * 24 * 60 - 1),
                        Arbitraries.of(true, true, false), Arbitraries.integers().between(0, PAGES.size() - 1),
                        Arbitraries.integers().between(0, COUNTRIES.size() - 1), Arbitraries.integers().between(-1, SOURCES.size() - 1))
                .as(Hit::new);
        return hit.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 40)
    void filtersPartitionTheTotalsAndBreakdownsStayWithinThem(@ForAll("traffic") List<Hit> hits) throws Exception {
        SiteId site = new SiteId("p" + SITES.incrementAndGet() + ".test");
        List<Event> events = hits.stream().map(hit -> event(site, hit)).toList();
        storage.storeHalfCold(events);
        StatsQuery all = new StatsQuery(site, ZoneId.of("UTC"), new DateRange(DAY, DAY.plusDays(1)), Filters.NONE);
        Totals total = stats.totals(all);
        assertThat(total.events()).isEqualTo(events.size());
        assertThat(total.visitors()).isLessThanOrEqualTo(total.visits());

        for (Filter filter : List.of(new Filter(Dimension.PAGE, null, Filter.Operator.IS, List.of("/a")),
                new Filter(Dimension.SOURCE, null, Filter.Operator.IS, List.of("Google")),
                new Filter(Dimension.COUNTRY, null, Filter.Operator.CONTAINS, List.of("U")),
                new Filter(Dimension.ENTRY_PAGE, null, Filter.Operator.MATCHES_WILDCARD, List.of("/b*")))) {
            Totals matching = stats.totals(all.with(new Filters(List.of(filter))));
            Filter complement = new Filter(filter.dimension(), null, negation(filter.operator()), filter.values());
            Totals rest = stats.totals(all.with(new Filters(List.of(complement))));
            assertThat(matching.pageviews() + rest.pageviews()).as("pageviews split by %s", filter).isEqualTo(total.pageviews());
            assertThat(matching.events() + rest.events()).as("events split by %s", filter).isEqualTo(total.events());
            assertThat(matching.visitors()).isLessThanOrEqualTo(total.visitors());
            if (filter.dimension().scope() == Dimension.Scope.VISIT) {
                assertThat(matching.visits() + rest.visits()).as("visits split by %s", filter).isEqualTo(total.visits());
            }
        }
        for (Dimension dimension : List.of(Dimension.PAGE, Dimension.SOURCE, Dimension.COUNTRY, Dimension.ENTRY_PAGE, Dimension.EXIT_PAGE)) {
            List<BreakdownRow> rows = stats.breakdown(all, Breakdown.of(dimension), 1000, 0);
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.visitors()).isLessThanOrEqualTo(total.visitors());
                assertThat(row.bounces()).isLessThanOrEqualTo(row.visits());
            });
            if (dimension.scope() == Dimension.Scope.VISIT) {
                // Every visit has one value of a visit dimension ("(none)" for an entry page without pageviews).
                assertThat(rows.stream().mapToLong(BreakdownRow::visits).sum()).as("visits by %s", dimension).isEqualTo(total.visits());
            }
            assertThat(rows.stream().mapToLong(BreakdownRow::pageviews).sum()).as("pageviews by %s", dimension).isEqualTo(total.pageviews());
        }
    }

    private static Filter.Operator negation(Filter.Operator operator) {
        return switch (operator) {
            case IS -> Filter.Operator.IS_NOT;
            case CONTAINS -> Filter.Operator.CONTAINS_NOT;
            case MATCHES_WILDCARD -> Filter.Operator.MATCHES_WILDCARD_NOT;
            default -> throw new IllegalArgumentException(operator.label());
        };
    }

    private static Event event(SiteId site, Hit hit) {
        Instant at = DAY.atStartOfDay(ZoneId.of("UTC")).toInstant().plusSeconds(60L * hit.minute());
        String source = hit.source() < 0 ? null : SOURCES.get(hit.source());
        return new Event(IDS.getAndIncrement(), site, "v" + hit.visitor() + "-" + at.atZone(ZoneId.of("UTC")).toLocalDate(), at,
                new EventName(hit.pageview() ? "pageview" : "signup"), PAGES.get(hit.page()), site.value(), null, source,
                null, null, null, null, null, "Firefox", "128", "Linux", null, "Desktop", null, COUNTRIES.get(hit.country()),
                null, null, null, null, null, null, null);
    }
}
