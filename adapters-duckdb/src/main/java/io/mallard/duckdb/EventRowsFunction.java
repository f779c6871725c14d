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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The table function {@code mallard_events(batch)}: hands a batch of events held in Java to DuckDB a
 * vector (2,048 rows) at a time, so {@code INSERT … SELECT} and {@code COPY … TO} read them in one
 * statement. Each column is written with one call per vector (strings as one UTF-8 batch), where
 * DuckDB's Appender crossed into native code once per string: the loader spent 13–20 µs per event
 * in the Appender and its staging table, this function and an insert into memory 4–8 (PERF.md).
 *
 * <p>Columns are the event table's, in its order, except {@code timestamp_us} (microseconds since
 * the epoch; SQL turns it into {@code "timestamp"} with {@code make_timestamp}). A batch is
 * visible to SQL only between {@link #offer} and the {@link Batch}'s close; a statement naming a
 * closed or unknown batch fails.
 */
final class EventRowsFunction {
    static final String NAME = "mallard_events";

    private final Map<Long, List<Event>> batches = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();

    /** A batch offered to SQL: {@link #rows()} names it in a FROM clause until it is closed. */
    final class Batch implements AutoCloseable {
        private final long id;

        private Batch(long id) {
            this.id = id;
        }

        /** The relation of the batch's rows, e.g. {@code mallard_events(7)}. */
        String rows() {
            return NAME + "(" + id + ")";
        }

        @Override
        public void close() {
            batches.remove(id);
        }
    }

    /** Registers the function in the database instance of {@code connection} (every connection of it sees it). */
    void register(DuckDBConnection connection) throws SQLException {
        DuckDBFunctions.tableFunction()
                .withName(NAME)
                .withParameter(DuckDBColumnType.BIGINT)
                .withFunction(new Scan())
                .register(connection);
    }

    Batch offer(List<Event> events) {
        long id = nextId.incrementAndGet();
        batches.put(id, events);
        return new Batch(id);
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

    /** Bind: the batch named by the argument; init: a cursor over it; apply: the next vector of rows. */
    private final class Scan implements DuckDBTableFunction<List<Event>, int[], Object> {
        @Override
        public List<Event> bind(DuckDBTableFunctionBindInfo info) throws SQLException {
            long id = info.getParameter(0).getLong();
            List<Event> events = batches.get(id);
            if (events == null) {
                throw new SQLException("no event batch " + id + " is offered");
            }
            for (Column column : COLUMNS) {
                if (column.type() == DuckDBColumnType.DECIMAL) {
                    info.addResultColumn(column.name(), DuckDBLogicalType.decimal(18, 2));
                } else {
                    info.addResultColumn(column.name(), column.type());
                }
            }
            info.setCardinality(events.size(), true);
            return events;
        }

        @Override
        public int[] init(DuckDBTableFunctionInitInfo info) {
            info.setMaxThreads(1);
            return new int[] {0};
        }

        @Override
        public long apply(DuckDBTableFunctionCallInfo info, DuckDBDataChunkWriter output) {
            List<Event> events = info.getBindData();
            int[] cursor = info.getInitData();
            int first = cursor[0];
            int count = (int) Math.min(output.capacity(), events.size() - first);
            if (count <= 0) {
                return 0;
            }
            for (int index = 0; index < COLUMNS.size(); index++) {
                COLUMNS.get(index).writer().write(output.vector(index), events, first, count);
            }
            cursor[0] = first + count;
            return count;
        }
    }
}
