package io.mallard.metadata.jdbc;

import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.application.validation.ConflictException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The few JDBC moves the stores of this module make: a query mapped row by row, an update, or a
 * unit of work on one connection. Every value is a bound parameter; a unique-key violation (SQL
 * state {@value #UNIQUE_VIOLATION}: two nodes raced to take one name) becomes a
 * {@link ConflictException}, any other {@link SQLException} a {@link StorageUnavailableException}
 * (a 503 at the HTTP edge). Timestamps are stored as UTC {@code TIMESTAMP}s. The SQL is the subset
 * DuckDB and PostgreSQL share.
 */
final class Jdbc {
    static final String UNIQUE_VIOLATION = "23505";

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final Connections connections;
    private final String what;

    /** {@code what} names the storage in error messages ("credential storage"). */
    Jdbc(Connections connections, String what) {
        this.connections = connections;
        this.what = what;
    }

    <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) {
        return run(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters); ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(reader.read(rows));
                }
                return result;
            }
        });
    }

    /** The first row's value, if any row. */
    <T> java.util.Optional<T> first(String sql, RowReader<T> reader, Object... parameters) {
        return query(sql, reader, parameters).stream().findFirst();
    }

    int update(String sql, Object... parameters) {
        return run(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                return statement.executeUpdate();
            }
        });
    }

    <T> T run(Work<T> work) {
        try (Connection connection = connections.open()) {
            return work.run(connection);
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new ConflictException(what + ": already taken (" + e.getMessage() + ")");
            }
            throw new StorageUnavailableException(what + " failed: " + e.getMessage(), e);
        }
    }

    static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    static LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }
}
