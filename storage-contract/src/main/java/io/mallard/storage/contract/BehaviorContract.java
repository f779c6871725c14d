package io.mallard.storage.contract;

import io.mallard.application.behavior.BehaviorQueries;
import io.mallard.application.behavior.BehaviorQueries.BehaviorScan;
import io.mallard.application.behavior.BehaviorQueries.Reach;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.behavior.StepCondition;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;
import io.mallard.domain.stats.Filters;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.mallard.storage.contract.Fixture.SITE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behavioral stream over the {@link Fixture}: each visitor's rows together, in
 * {@code (time, mask)} order, with the condition masks; the stats filters and range applied; the
 * scan's reach; the path of pageviews for flows.
 */
public abstract class BehaviorContract extends FixtureContract {
    static final StatsQuery ALL_DAYS = new StatsQuery(SITE, ZoneOffset.UTC,
            new DateRange(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-04")), Filters.NONE);
    static final List<StepCondition> CHECKOUT = StepCondition.parseList("page:/,page:/pri*,event:purchase[plan=pro]", 1, 32);


    record Row(String time, int mask, String path) {
    }


    private BehaviorQueries behavior() {
        return engine.behavior();
    }

    /** The stream as one list of rows per visitor, failing if a visitor's rows are not contiguous. */
    List<List<Row>> scan(StatsQuery query, BehaviorScan scan) {
        Map<Long, List<Row>> visitors = new LinkedHashMap<>();
        long[] previous = {Long.MIN_VALUE};
        behavior().scan(query, scan, (visitor, micros, mask, path) -> {
            if (visitor != previous[0]) {
                assertThat(visitors).as("visitor %d appears in one run", visitor).doesNotContainKey(visitor);
                visitors.put(visitor, new ArrayList<>());
                previous[0] = visitor;
            }
            visitors.get(visitor).add(new Row(Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString().substring(11, 16), mask, path));
        });
        return new ArrayList<>(visitors.values());
    }

    @Test
    void each_visitors_matching_events_arrive_together_in_time_order_with_their_masks() {
        List<List<Row>> visitors = scan(ALL_DAYS, new BehaviorScan(CHECKOUT, false, false, Reach.ALL));

        // A: / and /pricing (signup and /blog match nothing); C: / (its purchase is plan=starter);
        // D: /, /pricing, purchase plan=pro; E: / (B's only page is /blog). Only flows need paths.
        assertThat(visitors).containsExactlyInAnyOrder(
                List.of(new Row("10:00", 1, null), new Row("10:05", 2, null)),
                List.of(new Row("09:00", 1, null)),
                List.of(new Row("23:30", 1, null), new Row("23:40", 2, null), new Row("23:45", 4, null)),
                List.of(new Row("08:00", 1, null)));
        assertThat(behavior().visitors(ALL_DAYS)).isEqualTo(5);
    }

    @Test
    void the_stats_filters_and_range_apply_to_the_stream() {
        StatsQuery twitter = new StatsQuery(SITE, ZoneOffset.UTC, ALL_DAYS.range(),
                new Filters(List.of(new Filter(Dimension.SOURCE, null, Filter.Operator.IS, List.of("Twitter")))));
        StatsQuery firstDay = new StatsQuery(SITE, ZoneOffset.UTC,
                new DateRange(LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02")), Filters.NONE);

        assertThat(scan(twitter, new BehaviorScan(CHECKOUT, false, false, Reach.ALL))).singleElement().asList().hasSize(3);
        assertThat(behavior().visitors(twitter)).isEqualTo(1);
        assertThat(scan(firstDay, new BehaviorScan(CHECKOUT, false, false, Reach.ALL))).singleElement().asList().hasSize(2);
        assertThat(behavior().visitors(firstDay)).as("A and B").isEqualTo(2);
    }

    @Test
    void a_flow_stream_has_every_pageview_with_its_path_and_no_custom_events() {
        List<List<Row>> visitors = scan(ALL_DAYS, new BehaviorScan(List.of(new StepCondition.Page("/")), true, true, Reach.ALL));

        assertThat(visitors).hasSize(5);
        assertThat(visitors).contains(List.of(new Row("10:00", 1, "/"), new Row("10:05", 0, "/pricing"), new Row("10:50", 0, "/blog")));
        assertThat(visitors.stream().mapToInt(List::size).sum()).as("the nine pageviews").isEqualTo(9);
    }

    @Test
    void a_reach_keeps_only_visitors_meeting_step_one_from_or_up_to_their_first_such_event() {
        List<StepCondition> pricingThenAny = StepCondition.parseList("page:/pricing,any", 1, 32);

        // A and D view /pricing; B, C and E never do.
        assertThat(scan(ALL_DAYS, new BehaviorScan(pricingThenAny, true, false, Reach.FROM_FIRST_MATCH))).containsExactlyInAnyOrder(
                List.of(new Row("10:05", 3, null), new Row("10:06", 2, null), new Row("10:50", 2, null)),
                List.of(new Row("23:40", 3, null), new Row("23:45", 2, null)));
        assertThat(scan(ALL_DAYS, new BehaviorScan(pricingThenAny, true, true, Reach.UNTIL_FIRST_MATCH))).containsExactlyInAnyOrder(
                List.of(new Row("10:00", 2, "/"), new Row("10:05", 3, "/pricing")),
                List.of(new Row("23:30", 2, "/"), new Row("23:40", 3, "/pricing")));
    }

    @Test
    void condition_32_sets_the_top_bit_of_the_mask() {
        List<StepCondition> conditions = new ArrayList<>(Collections.nCopies(31, StepCondition.parse("event:never")));
        conditions.add(new StepCondition.Page("/checkout"));

        List<List<Row>> visitors = scan(ALL_DAYS, new BehaviorScan(conditions, false, false, Reach.ALL));

        assertThat(visitors).singleElement().isEqualTo(List.of(new Row("09:20", 1 << 31, null)));
    }
}
