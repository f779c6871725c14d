package io.mallard.duckdb.stats;

import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Filters;
import io.mallard.duckdb.DuckDbDatabase;
import io.mallard.duckdb.EventSurface;
import io.mallard.duckdb.EventSurface.SiteWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A filtered view's matched events (and visits), built once into tables and shared by the view's
 * questions. The dashboard asks nine questions of one view at once (cards, chart, panels); each
 * read the range's events on its own and kept those the filters keep, so a filter cost nine scans
 * of the range's events on two cores (PERF.md, "Dashboard"). Here one question of a view (site,
 * instants, filters) writes the view's {@code matched} events, with the columns the
 * questions read, to a table of the in-memory database {@value DuckDbDatabase#SHARED_VIEWS}; the
 * view's other questions wait for it and read it instead of the events. A view is built only for
 * company: by a question arriving while the view's first waits ({@link #COMPANY_WAIT}) or within
 * {@link #REUSE} of it; a lone question (a script's) reads events on its own, since building the
 * view costs it several times its own answer.
 *
 * <p>With an event filter the view also keeps its {@code matched_visits} with every visit
 * dimension: each question would otherwise join all the range's visits to the matched events.
 * With visit filters alone it does not: their visits are the stored visits ({@code rollup_visits})
 * the filters keep, a table already, read as fast as a copy (PERF.md, "Dashboard").
 *
 * <p>A view is reused only within {@link #REUSE} of its build, so an answer about a range that
 * includes the present is at most that old, and erasures drop every view ({@link #forgetAll}).
 * At most {@link #MAX_VIEWS} views live at once and a view keeps at most {@code maxEvents} matched
 * events: beyond either, or when a build fails, questions read events on their own as before.
 * A table is dropped when its view has expired and no question reads it.
 */
final class SharedViews {
    /** How long after its build a view answers new questions. */
    static final Duration REUSE = Duration.ofSeconds(5);
    /**
     * How long the first question of a view waits for a second before reading events on its own:
     * the dashboard's questions of one view arrive within milliseconds of each other.
     */
    static final Duration COMPANY_WAIT = Duration.ofMillis(30);
    /** Views alive at once (each up to {@code maxEvents} events). */
    static final int MAX_VIEWS = 3;
    /** The default cap on a view's matched events: a million rows of nine narrow columns, bounded against DuckDB's memory limit. */
    static final long MAX_EVENTS = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(SharedViews.class);
    /** What the statements read of {@code matched}: a breakdown by hostname or a property reads events on its own ({@link #covers}). */
    private static final String EVENT_COLUMNS = "visit, vk, ts, event_name, pathname, revenue_amount, revenue_currency, engaged_ms, scroll_depth";

    private final EventSurface surface;
    private final DuckDbDatabase database;
    private final Duration visitTimeout;
    private final StoredVisitPlanner planner;
    private final long maxEvents;
    private final Executor sweeper = CompletableFuture.delayedExecutor(REUSE.toMillis() + 100, TimeUnit.MILLISECONDS);
    private final Map<Key, View> views = new HashMap<>(); // guarded by this
    private final Map<Key, Long> asked = new HashMap<>(); // guarded by this: when each view's last question came (nanoTime)
    private final Map<Key, CountDownLatch> waiting = new HashMap<>(); // guarded by this: first questions waiting for company
    private long nextId; // guarded by this

    SharedViews(EventSurface surface, DuckDbDatabase database, Duration visitTimeout, StoredVisitPlanner planner, long maxEvents) {
        this.surface = surface;
        this.database = database;
        this.visitTimeout = visitTimeout;
        this.planner = planner;
        this.maxEvents = maxEvents;
    }

    /** What identifies a view: a question's site, instants and filters. */
    private record Key(String site, Instant from, Instant until, Filters filters) {
    }

    /** One view: built once, read by {@code readers} questions at a time. */
    private static final class View {
        final Key key;
        final CompletableFuture<Optional<Tables>> tables = new CompletableFuture<>();
        final long id;
        int readers; // guarded by SharedViews.this
        boolean retired; // guarded by SharedViews.this: answers no new question, dropped when its last reader leaves

        View(Key key, long id) {
            this.key = key;
            this.id = id;
        }
    }

    /** A view's tables, named by this class (no request text in them): its events, and its visits when it keeps them. */
    private record Tables(String events, Optional<String> visits) {
    }

    /** A question's hold on a view's tables, not dropped while a lease on them is open; {@link #close} lets them go. */
    final class Lease implements AutoCloseable {
        private final View view;
        private final Tables tables;

        private Lease(View view, Tables tables) {
            this.view = view;
            this.tables = tables;
        }

        /** The qualified name of the table of the view's matched events. */
        String table() {
            return tables.events();
        }

        /** The qualified name of the table of the view's matched visits, with every visit dimension, if it keeps them. */
        Optional<String> visitsTable() {
            return tables.visits();
        }

        @Override
        public void close() {
            release(view);
        }
    }

    /** Whether a view's tables hold what a breakdown by {@code dimension} reads. */
    static boolean covers(Dimension dimension) {
        return dimension != Dimension.HOSTNAME && dimension != Dimension.PROP;
    }

    /**
     * A lease on the view of {@code query}, built now or earlier by another question; empty when
     * the query has no filter or is a part of a larger question (rollups answer the rest), when it
     * is alone (no other question of its view within {@link #COMPANY_WAIT} or {@link #REUSE}: a lone
     * question, as a script asks one, is cheaper answered on its own), or when the view cannot be
     * shared (too many views, too many events, a failed build).
     */
    Optional<Lease> lease(StatsQuery query) {
        if (query.filters().isEmpty() || query.clip() != null) {
            return Optional.empty();
        }
        Key key = new Key(query.site().value().toLowerCase(java.util.Locale.ROOT), query.from(), query.until(), query.filters());
        View view;
        boolean build = false;
        CountDownLatch company = null;
        synchronized (this) {
            view = views.get(key);
            if (view == null || view.retired) {
                if (views.values().stream().filter(live -> !live.retired).count() >= MAX_VIEWS) {
                    return Optional.empty();
                }
                CountDownLatch waiter = waiting.get(key);
                if (waiter != null) {
                    waiter.countDown(); // the first question of the view has company: this one builds it
                } else if (!askedAgain(key)) {
                    company = new CountDownLatch(1);
                    waiting.put(key, company);
                }
                if (company == null) {
                    view = new View(key, nextId++);
                    views.put(key, view);
                    build = true;
                }
            }
            if (company == null) {
                view.readers++;
            }
        }
        if (company != null) {
            return withCompany(query, key, company);
        }
        if (build) {
            View built = view;
            try {
                built.tables.complete(build(query, built.id));
            } finally {
                built.tables.complete(Optional.empty()); // whatever escaped the build, its waiters read events on their own
                CompletableFuture.runAsync(() -> retire(built), sweeper);
            }
        }
        Optional<Tables> tables = view.tables.join();
        if (tables.isEmpty()) {
            release(view);
            return Optional.empty();
        }
        return Optional.of(new Lease(view, tables.get()));
    }

    /**
     * The first question of a view waits {@link #COMPANY_WAIT} for a second: with one, it reads the
     * view the second builds; alone, it reads events on its own.
     */
    private Optional<Lease> withCompany(StatsQuery query, Key key, CountDownLatch company) {
        boolean joined;
        try {
            joined = company.await(COMPANY_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            joined = false;
        }
        synchronized (this) {
            waiting.remove(key, company);
        }
        return joined ? lease(query) : Optional.empty();
    }

    /** Whether {@code key}'s view was asked within {@link #REUSE}; notes this question's time either way. */
    private boolean askedAgain(Key key) {
        long now = System.nanoTime();
        asked.values().removeIf(at -> now - at > REUSE.toNanos());
        return asked.put(key, now) != null;
    }

    /** Retires every view, so no answer is read from events as they were before an erasure; a table in use is dropped when let go. */
    void forgetAll() {
        List<View> all;
        synchronized (this) {
            all = new ArrayList<>(views.values());
        }
        all.forEach(this::retire);
    }

    private void retire(View view) {
        boolean drop;
        synchronized (this) {
            view.retired = true;
            if (views.get(view.key) == view) {
                views.remove(view.key);
            }
            drop = view.readers == 0;
        }
        if (drop) {
            drop(view);
        }
    }

    private void release(View view) {
        boolean drop;
        synchronized (this) {
            view.readers--;
            drop = view.retired && view.readers == 0;
        }
        if (drop) {
            drop(view);
        }
    }

    /** Drops a view's table once: a view's last reader or its retirement comes here, whichever is last. */
    private void drop(View view) {
        view.tables.getNow(Optional.empty()).ifPresent(this::drop);
    }

    private void drop(Tables tables) {
        if (!database.isOpen()) {
            return; // an in-memory table goes with its database
        }
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + tables.events());
            if (tables.visits().isPresent()) {
                statement.execute("DROP TABLE IF EXISTS " + tables.visits().get());
            }
        } catch (SQLException e) {
            LOG.warn("cannot drop a shared view's table: {}", e.getMessage());
        }
    }

    /**
     * The view's matched events, at most {@code maxEvents} of them, and with event filters its
     * matched visits; empty when there are more events or the build fails.
     */
    private Optional<Tables> build(StatsQuery query, long id) {
        String prefix = DuckDbDatabase.SHARED_VIEWS + ".v" + id;
        boolean eventFilters = !query.filters().of(Dimension.Scope.EVENT).isEmpty();
        Tables tables = new Tables(prefix + "_events", eventFilters ? Optional.of(prefix + "_visits") : Optional.empty());
        try {
            StoredVisits stored = planner.plan(query);
            VisitQuery events = new VisitQuery(query, visitTimeout, Set.of(), stored);
            long kept = surface.write(new SiteWindow(query.site().value(), query.from(), query.until()), (connection, relation) -> {
                long count = create(connection, relation, tables.events(), events, "SELECT " + EVENT_COLUMNS + " FROM matched LIMIT " + (maxEvents + 1));
                if (count <= maxEvents && tables.visits().isPresent()) {
                    create(connection, relation, tables.visits().get(),
                            VisitQuery.everyVisitDimensionOver(query, visitTimeout, stored, tables.events()), "SELECT * FROM matched_visits");
                }
                return count;
            });
            if (kept <= maxEvents) {
                return Optional.of(tables);
            }
            LOG.debug("a view of {} keeps more than {} events: its questions read events on their own", query.site(), maxEvents);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot build a shared view, its questions read events on their own: {}", e.getMessage());
        }
        drop(tables);
        return Optional.empty();
    }

    /** Writes the rows of {@code select} after {@code query}'s relations to {@code table}; how many rows it holds. */
    private static long create(Connection connection, String relation, String table, VisitQuery query, String select) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("CREATE TABLE " + table + " AS "
                + query.with().replace("{events}", relation) + "\n" + select)) {
            query.parameters().bind(statement);
            statement.execute();
        }
        try (Statement statement = connection.createStatement(); ResultSet count = statement.executeQuery("SELECT count(*) FROM " + table)) {
            count.next();
            return count.getLong(1);
        }
    }
}
