package io.mallard.metadata.planted;

import org.duckdb.DuckDBConnection;

/** Planted violation: a shared JDBC metadata store naming one database's driver. Never used. */
@SuppressWarnings("unused")
public final class PlantedMetadataDriverUse {
    public static boolean isDuckDb(Object connection) {
        return connection instanceof DuckDBConnection;
    }
}
