package io.mallard.duckdb;

import io.mallard.domain.event.Event;

import java.nio.file.Path;
import java.util.List;

/** Real storage for a test in {@code dataDir}: the database, the event store with its journal, and the tiers; closed together. */
public record JournaledStorage(DuckDbDatabase database, DuckDbEventStore store, DuckDbTieredStorage tiers) implements AutoCloseable {
    public static JournaledStorage open(Path dataDir) {
        DuckDbDatabase database = DuckDbDatabase.open(dataDir, null);
        return new JournaledStorage(database, DuckDbEventStore.open(database, dataDir.resolve("journal")),
                new DuckDbTieredStorage(database, System.nanoTime()));
    }

    /** Stores the events as ingestion does: journaled, and then in the hot tier. */
    public void storeHot(List<Event> events) {
        store.append(events);
    }

    /** Stores the events in Parquet (one file per site and UTC day). */
    public void storeCold(List<Event> events) {
        tiers.writeCold(events);
    }

    @Override
    public void close() throws Exception {
        store.close();
        database.close();
    }
}
