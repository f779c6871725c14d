package io.mallard.duckdb;

import org.duckdb.DuckDBConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The one query surface over both tiers: the hot table's visible rows plus the Parquet files listed
 * in the manifest, read in one transaction so a query sees each event exactly once even while a
 * flush or compaction commits ({@link HotTable}). Missing columns of older files read as NULL
 * ({@code UNION ALL BY NAME}); zero cold files is just the hot table. Every transaction here runs
 * as one of the database's {@link Readers}.
 *
 * <p>Queries name the surface {@code {events}} in their SQL; every request value is a bound parameter.
 * A read that fails on a damaged cold file sets that file aside ({@link ColdQuarantine}) and runs
 * again without it, so damage costs the file's events, not the answer.
 */
public final class EventSurface {
    static final String PLACEHOLDER = "{events}";

    /** A query is run again at most this often after setting damaged files aside. */
    private static final int MAX_RECOVERIES = 8;

    private final DuckDbDatabase database;
    private final ColdLayout layout;
    private final Readers readers;
    private final ColdQuarantine quarantine;

    EventSurface(DuckDbDatabase database, ColdLayout layout, ColdQuarantine quarantine) {
        this.database = database;
        this.layout = layout;
        this.readers = database.readers();
        this.quarantine = quarantine;
    }

    /** Binds parameters of a prepared statement. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Maps one result row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** Receives result rows one at a time; nothing is collected. */
    @FunctionalInterface
    public interface RowConsumer {
        void accept(ResultSet row) throws SQLException;
    }

    public <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
        List<T> results = new ArrayList<>();
        run(sql, null, binder, row -> results.add(mapper.map(row)));
        return results;
    }

    /**
     * A query over one site's events between two instants: cold files of other sites and of UTC
     * days outside {@code [from, until]} are left out of the relation (the SQL must still filter rows).
     */
    public <T> List<T> query(String sql, SiteWindow window, Binder binder, RowMapper<T> mapper) throws SQLException {
        List<T> results = new ArrayList<>();
        run(sql, window, binder, row -> results.add(mapper.map(row)));
        return results;
    }

    /**
     * A query over every site's events since an instant: cold files of UTC days before
     * {@code since} are left out of the relation (the SQL must still filter rows).
     */
    public void forEachSince(String sql, java.time.Instant since, Binder binder, RowConsumer consumer) throws SQLException {
        run(connection -> recentRelation(connection, since), List.of(new Read(sql, binder, consumer)));
    }

    /** Like {@link #query(String, SiteWindow, Binder, RowMapper)}, streaming rows to {@code consumer}. */
    public void forEach(String sql, SiteWindow window, Binder binder, RowConsumer consumer) throws SQLException {
        run(sql, window, binder, consumer);
    }

    /**
     * Runs the statements in order in one transaction over the same relation, so each sees exactly
     * the events the others see (a dictionary read before a scan covers every row of the scan).
     */
    public void forEach(SiteWindow window, List<Read> reads) throws SQLException {
        run(window, reads);
    }

    /** Work of one write transaction, given the {@code {events}} relation of its window. */
    @FunctionalInterface
    public interface Write<T> {
        T run(DuckDBConnection connection, String events) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction that may write tables of the database while reading the
     * window's events; committed when it returns, rolled back when it throws.
     */
    public <T> T write(SiteWindow window, Write<T> work) throws SQLException {
        return transaction(connection -> work.run(connection, relation(connection, window)));
    }

    /** Work of one transaction over the database, which may read {@link HotTable#visible} and the manifest. */
    @FunctionalInterface
    public interface Transaction<T> {
        T run(DuckDBConnection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction, as a reader of the surface; committed when it returns, rolled back when it throws. */
    public <T> T transaction(Transaction<T> work) throws SQLException {
        return readers.whileReading(() -> {
            try (DuckDBConnection connection = database.connect()) {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException failure) {
                    connection.rollback();
                    throw failure;
                }
            }
        });
    }

    /** The site and UTC instants a query reads. */
    public record SiteWindow(String site, java.time.Instant from, java.time.Instant until) {
    }

    /** One statement of {@link #forEach(SiteWindow, List)}: its SQL, parameters and row consumer. */
    public record Read(String sql, Binder binder, RowConsumer consumer) {
    }

    private void run(String sql, SiteWindow window, Binder binder, RowConsumer consumer) throws SQLException {
        run(window, List.of(new Read(sql, binder, consumer)));
    }

    private void run(SiteWindow window, List<Read> reads) throws SQLException {
        run(connection -> window == null ? relation(connection) : relation(connection, window), reads);
    }

    /** Builds the {@code {events}} relation inside the reading transaction. */
    @FunctionalInterface
    private interface RelationOf {
        String relation(Connection connection) throws SQLException;
    }

    private void run(RelationOf relationOf, List<Read> reads) throws SQLException {
        for (int recoveries = 0; ; recoveries++) {
            try {
                runOnce(relationOf, reads);
                return;
            } catch (SQLException failure) {
                if (recoveries == MAX_RECOVERIES || !quarantine.recoverFrom(failure)) {
                    throw failure;
                }
            }
        }
    }

    private void runOnce(RelationOf relationOf, List<Read> reads) throws SQLException {
        readers.whileReading(() -> {
            try (DuckDBConnection connection = database.connect()) {
                connection.setAutoCommit(false);
                try {
                    String relation = relationOf.relation(connection);
                    for (Read step : reads) {
                        try (PreparedStatement statement = connection.prepareStatement(step.sql().replace(PLACEHOLDER, relation))) {
                            step.binder().bind(statement);
                            try (ResultSet rows = statement.executeQuery()) {
                                while (rows.next()) {
                                    step.consumer().accept(rows);
                                }
                            }
                        }
                    }
                    return null;
                } finally {
                    connection.rollback();
                }
            }
        });
    }

    /** The union relation for the cold files visible to this connection's transaction. */
    String relation(Connection connection) throws SQLException {
        List<String> files = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(Sql.named("select-cold-files"))) {
            while (rows.next()) {
                files.add(rows.getString(1));
            }
        }
        return relation(connection, files);
    }

    private String relation(Connection connection, SiteWindow window) throws SQLException {
        return relation(connection, "site-cold-files", statement -> {
            statement.setString(1, window.site());
            statement.setDate(2, utcDay(window.from()));
            statement.setDate(3, utcDay(window.until()));
        });
    }

    private String recentRelation(Connection connection, java.time.Instant since) throws SQLException {
        return relation(connection, "recent-cold-files", statement -> statement.setDate(1, utcDay(since)));
    }

    /** The relation over the cold files the named statement lists (their paths in its first column). */
    private String relation(Connection connection, String filesQuery, Binder binder) throws SQLException {
        List<String> files = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(Sql.named(filesQuery))) {
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    files.add(rows.getString(1));
                }
            }
        }
        return relation(connection, files);
    }

    private static java.sql.Date utcDay(java.time.Instant instant) {
        return java.sql.Date.valueOf(instant.atOffset(java.time.ZoneOffset.UTC).toLocalDate());
    }

    private String relation(Connection connection, List<String> files) throws SQLException {
        String hot = "SELECT " + EventColumns.SELECT_LIST + " FROM " + HotTable.visible(connection);
        if (files.isEmpty()) {
            return "(" + hot + ")";
        }
        return "(SELECT " + EventColumns.SELECT_LIST + " FROM (" + hot + " UNION ALL BY NAME " + coldRelation(files) + "))";
    }

    /**
     * The event columns of the rows of the given cold files matching {@code condition} (SQL over
     * event columns, built by this adapter, never from request text), typed as the current schema.
     */
    String coldRows(List<String> relativePaths, String condition) {
        return "SELECT " + EventColumns.SELECT_LIST + " FROM (SELECT " + EventColumns.SELECT_LIST
                + " FROM events WHERE false UNION ALL BY NAME " + coldRelation(relativePaths) + ") WHERE " + condition;
    }

    /** The given cold files as one relation with the current schema's types; absent columns read NULL. */
    String coldRelation(List<String> relativePaths) {
        String list = String.join(", ", relativePaths.stream().map(layout::checkedLiteral).toList());
        return "SELECT * FROM read_parquet([" + list + "], union_by_name = true)";
    }
}
