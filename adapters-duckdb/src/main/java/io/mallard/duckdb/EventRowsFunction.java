package io.mallard.duckdb;

import io.mallard.domain.event.Engagement;
import io.mallard.domain.event.EpochMicros;
import io.mallard.domain.event.Event;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDataChunkWriter;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBLogicalType;
import org.duckdb.DuckDBTableFunction;
import org.duckdb.DuckDBTableFunctionBindInfo;
import org.duckdb.DuckDBTableFunctionCallInfo;
import org.duckdb.DuckDBTableFunctionInitInfo;
import org.duckdb.DuckDBWritableVector;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * A table function handing events held in Java to DuckDB a vector (2,048 rows) at a time, so that
 * {@code INSERT … SELECT}, {@code COPY … TO} and queries read them in one statement without
 * storing them in a table first. Each column is written with one call per vector (strings as one
 * UTF-8 batch), where DuckDB's Appender crossed into native code once per string, and only the
 * columns a query reads are produced (projection pushdown).
 *
 * <p>A function takes one {@code BIGINT} argument and reads the events its {@code source} gives
 * for it when the statement is bound: {@code mallard_events(batch)} reads a batch offered by
 * {@link EventBatches}, {@code mallard_hot(after)} the hot tier's events loaded after a journal
 * position ({@link HotTable}). Columns are the event table's, in its order, except
 * {@code timestamp_us} (microseconds since the epoch; {@link #EVENT_COLUMNS} turns it into
 * {@code "timestamp"}).
 */
final class EventRowsFunction {
    private final String name;
    private final LongFunction<List<Event>> source;

    /** {@code source} answers the events for an argument, or null when the argument names none (the statement fails). */
    EventRowsFunction(String name, LongFunction<List<Event>> source) {
        this.name = name;
        this.source = source;
    }

    /** Registers the function in the database instance of {@code connection} (every connection of it sees it). */
    void register(DuckDBConnection connection) throws SQLException {
        DuckDBFunctions.tableFunction()
                .withName(name)
                .withParameter(DuckDBColumnType.BIGINT)
                .withProjectionPushdown()
                .withFunction(new Scan())
                .register(connection);
    }

    /** The relation of the events for {@code argument}, e.g. {@code mallard_events(7)}. */
    String call(long argument) {
        return name + "(" + argument + ")";
    }

    /** One output column: its name, type and how to fill a vector from {@code count} events from {@code first}. */
    private record Column(String name, DuckDBColumnType type, VectorWriter writer) {
    }

    @FunctionalInterface
    private interface VectorWriter {
        void write(DuckDBWritableVector vector, List<Event> events, int first, int count);
    }

    private static final List<Column> COLUMNS = List.of(
            longs("event_id", Event::eventId),
            texts("site_id", event -> event.siteId().value()),
            texts("visitor_id", Event::visitorId),
            longs("timestamp_us", event -> EpochMicros.of(event.timestamp())),
            texts("event_name", event -> event.eventName().value()),
            texts("pathname", Event::pathname),
            texts("hostname", Event::hostname),
            texts("referrer", Event::referrer),
            texts("referrer_source", Event::referrerSource),
            texts("utm_source", Event::utmSource),
            texts("utm_medium", Event::utmMedium),
            texts("utm_campaign", Event::utmCampaign),
            texts("utm_content", Event::utmContent),
            texts("utm_term", Event::utmTerm),
            texts("browser", Event::browser),
            texts("browser_version", Event::browserVersion),
            texts("os", Event::os),
            texts("os_version", Event::osVersion),
            texts("device_type", Event::deviceType),
            texts("screen_size", Event::screenSize),
            texts("country_code", Event::countryCode),
            texts("region", Event::region),
            texts("city", Event::city),
            texts("props", event -> event.props() == null ? null : event.props().json()),
            new Column("revenue_amount", DuckDBColumnType.DECIMAL, (vector, events, first, count) -> {
                for (int row = 0; row < count; row++) {
                    var amount = events.get(first + row).revenueAmount();
                    if (amount == null) {
                        vector.setNull(row);
                    } else {
                        vector.setBigDecimal(row, amount);
                    }
                }
            }),
            texts("revenue_currency", Event::revenueCurrency),
            new Column("engaged_ms", DuckDBColumnType.INTEGER, (vector, events, first, count) -> {
                for (int row = 0; row < count; row++) {
                    Engagement engagement = events.get(first + row).engagement();
                    if (engagement == null) {
                        vector.setNull(row);
                    } else {
                        vector.setInt(row, engagement.engagedMillis());
                    }
                }
            }),
            new Column("scroll_depth", DuckDBColumnType.SMALLINT, (vector, events, first, count) -> {
                for (int row = 0; row < count; row++) {
                    Engagement engagement = events.get(first + row).engagement();
                    if (engagement == null) {
                        vector.setNull(row);
                    } else {
                        vector.setShort(row, (short) engagement.scrollDepth());
                    }
                }
            }),
            new Column("visit_id", DuckDBColumnType.BIGINT, (vector, events, first, count) -> {
                for (int row = 0; row < count; row++) {
                    Long visit = events.get(first + row).visitId();
                    if (visit == null) {
                        vector.setNull(row);
                    } else {
                        vector.setLong(row, visit);
                    }
                }
            }));

    /**
     * The SELECT list turning the function's columns into the event table's: every column by its
     * name, {@code "timestamp"} from {@code timestamp_us}.
     */
    static final String EVENT_COLUMNS = String.join(", ", COLUMNS.stream()
            .map(column -> column.name().equals("timestamp_us") ? "make_timestamp(timestamp_us) AS \"timestamp\"" : '"' + column.name() + '"')
            .toList());

    private static Column longs(String name, java.util.function.ToLongFunction<Event> value) {
        return new Column(name, DuckDBColumnType.BIGINT, (vector, events, first, count) -> {
            for (int row = 0; row < count; row++) {
                vector.setLong(row, value.applyAsLong(events.get(first + row)));
            }
        });
    }

    private static Column texts(String name, Function<Event, String> value) {
        return new Column(name, DuckDBColumnType.VARCHAR, (vector, events, first, count) -> {
            String[] strings = new String[count];
            boolean any = false;
            for (int row = 0; row < count; row++) {
                strings[row] = value.apply(events.get(first + row));
                any |= strings[row] != null;
            }
            if (any) {
                vector.setStrings(0, strings);
            } else {
                for (int row = 0; row < count; row++) {
                    vector.setNull(row);
                }
            }
        });
    }

    /** What a scan reads: the events, and the columns of {@link #COLUMNS} it produces, in output order. */
    private record Source(List<Event> events) {
    }

    /** Bind: the events for the argument; init: the projected columns and a cursor; apply: the next vector of rows. */
    private final class Scan implements DuckDBTableFunction<Source, Scan.Cursor, Object> {
        private static final class Cursor {
            final int[] columns;
            int next;

            Cursor(int[] columns) {
                this.columns = columns;
            }
        }

        @Override
        public Source bind(DuckDBTableFunctionBindInfo info) throws SQLException {
            long argument = info.getParameter(0).getLong();
            List<Event> events = source.apply(argument);
            if (events == null) {
                throw new SQLException(name + ": nothing is offered for " + argument);
            }
            for (Column column : COLUMNS) {
                if (column.type() == DuckDBColumnType.DECIMAL) {
                    info.addResultColumn(column.name(), DuckDBLogicalType.decimal(18, 2));
                } else {
                    info.addResultColumn(column.name(), column.type());
                }
            }
            info.setCardinality(events.size(), true);
            return new Source(events);
        }

        @Override
        public Cursor init(DuckDBTableFunctionInitInfo info) {
            info.setMaxThreads(1);
            int[] columns = new int[Math.toIntExact(info.getColumnCount())];
            for (int output = 0; output < columns.length; output++) {
                columns[output] = Math.toIntExact(info.getColumnIndex(output));
            }
            return new Cursor(columns);
        }

        @Override
        public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter output) {
            List<Event> events = info.<Source>getBindData().events();
            Cursor cursor = info.getInitData();
            int first = cursor.next;
            int count = (int) Math.min(output.capacity(), events.size() - first);
            if (count <= 0) {
                return 0;
            }
            for (int index = 0; index < cursor.columns.length; index++) {
                COLUMNS.get(cursor.columns[index]).writer().write(output.vector(index), events, first, count);
            }
            cursor.next = first + count;
            return count;
        }
    }
}
