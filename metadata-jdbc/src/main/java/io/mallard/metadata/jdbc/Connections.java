package io.mallard.metadata.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Where the JDBC stores get connections to the metadata database (embedded DuckDB or PostgreSQL) (each is closed after use). */
@FunctionalInterface
public interface Connections {
    Connection open() throws SQLException;
}
