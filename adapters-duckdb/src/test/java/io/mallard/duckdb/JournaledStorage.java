package io.mallard.duckdb;

import java.nio.file.Path;

/** Real storage for a test in {@code dataDir}: the database, the event store with its journal, and the tiers; closed together. */
public record JournaledStorage(DuckDbDatabase database, DuckDbEventStore store, DuckDbTieredStorage tiers) implements AutoCloseable {
    public static JournaledStorage open(Path dataDir) {
        DuckDbDatabase database = DuckDbDatabase.open(dataDir, null);
        return new JournaledStorage(database, DuckDbEventStore.open(database, dataDir.resolve("journal")),
                new DuckDbTieredStorage(database, System.nanoTime()));
    }

    @Override
    public void close() throws Exception {
        store.close();
        database.close();
    }
}
