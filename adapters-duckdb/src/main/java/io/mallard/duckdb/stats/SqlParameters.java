package io.mallard.duckdb.stats;

import io.mallard.domain.event.EpochMicros;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bound values of a statement being built: {@link #add} records a value and returns the
 * {@code ?} to write in its place, so SQL text and parameters cannot drift apart and no request
 * value is ever spliced into SQL.
 */
final class SqlParameters {
    private final List<Object> values = new ArrayList<>();

    String add(Object value) {
        values.add(value);
        return "?";
    }

    /** An instant as a DuckDB {@code TIMESTAMP} (UTC, microseconds). */
    String instant(Instant instant) {
        return "make_timestamp(CAST(" + add(EpochMicros.of(instant)) + " AS BIGINT))";
    }

    /** Instants as a one-column relation named {@code column}. */
    String instants(List<Instant> instants, String column) {
        String micros = String.join(",", instants.stream().map(instant -> Long.toString(EpochMicros.of(instant))).toList());
        return "SELECT unnest(list_transform(string_split(" + add(micros) + ", ','), lambda x: make_timestamp(CAST(x AS BIGINT)))) AS " + column;
    }

    void bind(PreparedStatement statement) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setObject(i + 1, values.get(i));
        }
    }

    static Instant instantOf(long micros) {
        return EpochMicros.toInstant(micros);
    }
}
