package io.mallard.duckdb.metadata;

import java.sql.Connection;
import java.sql.SQLException;

/** Where the JDBC stores get connections to the embedded database (each is closed after use). */
@FunctionalInterface
public interface Connections {
    Connection open() throws SQLException;
}
