package io.mallard.journal.planted;

import io.mallard.duckdb.DuckDbDatabase;

/** Deliberate violation (test-only): the shared journal reaching into one engine. */
public class PlantedJournalEngineUse {
    public boolean describe(DuckDbDatabase database) {
        return database.isOpen();
    }
}
