package io.mallard.bootstrap.planted;

import io.mallard.duckdb.DuckDbDatabase;

/** A deliberate violation (test-only): wiring that opens the DuckDB engine by its type instead of through the SPI. */
public class PlantedBootstrapEngineImport {
    public String placeholder(DuckDbDatabase database) {
        return database.toString();
    }
}
