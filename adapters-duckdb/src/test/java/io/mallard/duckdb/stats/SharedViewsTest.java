package io.mallard.duckdb.stats;

import io.mallard.application.stats.Breakdown;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filter;
import io.mallard.domain.stats.Filters;
import io.mallard.domain.stats.Interval;
import io.mallard.duckdb.DuckDbDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A filtered view's questions read its matched events and visits from tables built once
 * ({@link SharedViews}): their answers are the answers read from events, the tables are built once
 * for questions asked together (not for a lone question), live no longer than their reuse window
 * or an erasure, and a view too large to keep is not built. Answers are compared with a second instance that shares nothing.
 */
class SharedViewsTest {
    static final Duration TIMEOUT = Duration.ofMinutes(30);
    static final LocalDate DAY = LocalDate.parse("2026-05-10");
    static final SiteId SITE = new SiteId("shared.test");
    static final Filters GOOGLE = new Filters(List.of(new Filter(Dimension.SOURCE, null, Filter.Operator.IS, List.of("Google"))));
    static final Filters PRICING = new Filters(List.of(new Filter(Dimension.PAGE, null, Filter.Operator.IS, List.of("/pricing"))));
    static final AtomicLong IDS = new AtomicLong(1);

    ScratchStorage storage;
    DuckDbStatsQueries events;

    @BeforeEach
    void store() throws Exception {
        storage = new ScratchStorage("shared-views");
        events = new DuckDbStatsQueries(storage.tiers.surface(), TIMEOUT);
        List<Event> traffic = new ArrayList<>();
        for (int visitor = 0; visitor < 40; visitor++) {
            String source = visitor % 3 == 0 ? "Google" : visitor % 3 == 1 ? "Twitter" : null;
            for (int page = 0; page < 1 + visitor % 4; page++) {
                traffic.add(event("v" + visitor, visitor * 7 + page, List.of("/", "/pricing", "/blog", "/pricing").get(page), source,
                        visitor % 2 == 0 ? "Firefox" : "Chrome"));
            }
        }
        storage.storeHalfCold(traffic);
    }

    @AfterEach
    void close() throws Exception {
        storage.close();
    }

    @Test
    void questionsAskedTogetherShareOneViewAndGetTheAnswersFromEvents() throws Exception {
        DuckDbStatsQueries shared = sharing(1_000_000);
        for (Filters filters : List.of(GOOGLE, PRICING)) {
            StatsQuery query = query(filters);
            List<Callable<Object>> questions = questions(shared, query);
            List<Object> expected = new ArrayList<>();
            for (Callable<Object> question : questions(events, query)) {
                expected.add(question.call());
            }
            try (ExecutorService pool = Executors.newFixedThreadPool(questions.size())) {
                List<Future<Object>> answers = pool.invokeAll(questions);
                for (int i = 0; i < answers.size(); i++) {
                    assertThat(answers.get(i).get()).as("question %d, %s", i, filters).isEqualTo(expected.get(i));
                }
            }
        }
        assertThat(sharedTables()).as("the events of the view filtered by source, the events and visits of the one filtered by page")
                .containsExactlyInAnyOrder("v0_events", "v1_events", "v1_visits");
    }

    @Test
    void questionsWithoutAFilterShareNothing() {
        DuckDbStatsQueries shared = sharing(1_000_000);
        shared.totals(query(Filters.NONE));
        shared.totals(query(Filters.NONE));
        assertThat(sharedTables()).isEmpty();
    }

    @Test
    void aLoneQuestionIsAnsweredOnItsOwnAndTheSecondOfItsViewBuildsIt() {
        DuckDbStatsQueries shared = sharing(1_000_000);
        StatsQuery query = query(PRICING);
        assertThat(shared.totals(query)).isEqualTo(events.totals(query));
        assertThat(sharedTables()).as("no view for one question").isEmpty();
        assertThat(shared.totals(query)).isEqualTo(events.totals(query));
        assertThat(sharedTables()).as("a view once its second question comes").hasSize(2);
    }

    @Test
    void aViewKeepingMoreEventsThanItsCapIsNotBuiltAndItsQuestionsReadEvents() throws Exception {
        DuckDbStatsQueries shared = sharing(3);
        StatsQuery query = query(GOOGLE);
        List<Callable<Object>> expected = questions(events, query);
        List<Callable<Object>> answers = questions(shared, query);
        for (int i = 0; i < answers.size(); i++) {
            assertThat(answers.get(i).call()).isEqualTo(expected.get(i).call());
        }
        assertThat(sharedTables()).as("the view's partial tables dropped").isEmpty();
    }

    @Test
    void aViewAnswersForItsReuseWindowThenItsTablesAreDroppedAndNewEventsCount() throws Exception {
        DuckDbStatsQueries shared = sharing(1_000_000);
        StatsQuery query = query(PRICING);
        shared.totals(query);
        long before = shared.totals(query).visitors();
        storage.storeHot(List.of(event("newcomer", 600, "/pricing", "Google", "Firefox")));
        assertThat(shared.totals(query).visitors()).as("within the reuse window, the view as built").isEqualTo(before);

        long deadline = System.nanoTime() + SharedViews.REUSE.plusSeconds(5).toNanos();
        while (!sharedTables().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(sharedTables()).as("dropped after the reuse window").isEmpty();
        assertThat(shared.totals(query).visitors()).as("a new view counts the newcomer").isEqualTo(before + 1);
    }

    @Test
    void forgettingTheViewsAfterAnErasureDropsThemAtOnce() throws Exception {
        DuckDbStatsQueries shared = sharing(1_000_000);
        StatsQuery query = query(PRICING);
        shared.totals(query);
        long before = shared.totals(query).pageviews();
        assertThat(sharedTables()).hasSize(2);
        storage.storeHot(List.of(event("late", 700, "/pricing", null, "Chrome")));
        assertThat(shared.totals(query).pageviews()).as("within the reuse window, the view as built").isEqualTo(before);

        shared.forgetSharedViews();

        assertThat(sharedTables()).isEmpty();
        assertThat(shared.totals(query).pageviews()).isEqualTo(before + 1);
    }

    private DuckDbStatsQueries sharing(long maxEvents) {
        return new DuckDbStatsQueries(storage.tiers.surface(), TIMEOUT, null, storage.database, maxEvents);
    }

    /** The questions of a dashboard's first load: cards, chart, panels of event and visit dimensions. */
    private static List<Callable<Object>> questions(DuckDbStatsQueries stats, StatsQuery query) {
        List<Instant> hours = Interval.HOUR.buckets(query.range(), ZoneOffset.UTC);
        return List.of(() -> stats.totals(query), () -> stats.series(query, hours),
                () -> stats.breakdown(query, Breakdown.of(Dimension.PAGE), 10, 0),
                () -> stats.breakdown(query, Breakdown.of(Dimension.ENTRY_PAGE), 10, 0),
                () -> stats.breakdown(query, Breakdown.of(Dimension.SOURCE), 10, 0),
                () -> stats.breakdown(query, Breakdown.of(Dimension.BROWSER), 10, 0),
                () -> stats.breakdown(query, Breakdown.of(Dimension.COUNTRY), 10, 0),
                () -> stats.breakdown(query, Breakdown.of(Dimension.EVENT_NAME), 10, 0),
                () -> stats.breakdown(query, Breakdown.of(Dimension.HOSTNAME), 10, 0),
                () -> stats.breakdown(query, new Breakdown(Dimension.PROP, "plan"), 10, 0));
    }

    private List<String> sharedTables() {
        List<String> names = new ArrayList<>();
        try (Connection connection = storage.database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT table_name FROM duckdb_tables() WHERE database_name = '"
                     + DuckDbDatabase.SHARED_VIEWS + "'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        return names;
    }

    private static StatsQuery query(Filters filters) {
        return new StatsQuery(SITE, ZoneOffset.UTC, new DateRange(DAY, DAY), filters);
    }

    private static Event event(String visitor, int minute, String page, String source, String browser) {
        Instant at = DAY.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60L * minute);
        return new Event(IDS.getAndIncrement(), SITE, visitor, at, EventName.PAGEVIEW, page, SITE.value(), null, source,
                null, null, null, null, null, browser, "128", "Linux", null, "Desktop", null, "DE", null, null, null, null, null, null, null);
    }
}
