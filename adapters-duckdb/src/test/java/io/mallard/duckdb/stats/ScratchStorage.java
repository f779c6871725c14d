package io.mallard.duckdb.stats;

import io.mallard.application.ingest.VisitAssigner;
import io.mallard.domain.event.Event;
import io.mallard.duckdb.DuckDbDatabase;
import io.mallard.duckdb.DuckDbTieredStorage;
import io.mallard.duckdb.JournaledStorage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Real two-tier storage in a temporary directory for property tests, deleted on close. */
final class ScratchStorage implements AutoCloseable {
    final Path dataDir;
    final JournaledStorage storage;
    final DuckDbDatabase database;
    final DuckDbTieredStorage tiers;

    ScratchStorage(String prefix) throws Exception {
        dataDir = Files.createTempDirectory(prefix);
        storage = JournaledStorage.open(dataDir);
        database = storage.database();
        tiers = storage.tiers();
    }

    /** Stores the first half of the events in Parquet and the rest in the hot table. */
    void storeHalfCold(List<Event> events) throws Exception {
        storage.storeCold(events.subList(0, events.size() / 2));
        storage.storeHot(events.subList(events.size() / 2, events.size()));
    }

    /**
     * Stores events (in time order) as ingestion would, visits assigned with {@code visitTimeout}:
     * those before {@code hotFrom} in Parquet, the rest in the hot table.
     */
    void storeWithHotTail(List<Event> inTimeOrder, Instant hotFrom, Duration visitTimeout) throws Exception {
        VisitAssigner visits = new VisitAssigner(visitTimeout, 1000);
        List<Event> cold = new ArrayList<>();
        List<Event> hot = new ArrayList<>();
        for (Event event : inTimeOrder) {
            (event.timestamp().isBefore(hotFrom) ? cold : hot).add(visits.assign(event));
        }
        storage.storeCold(cold);
        storage.storeHot(hot);
    }

    /** Stores the events in the hot table, as ingestion does. */
    void storeHot(List<Event> events) throws Exception {
        storage.storeHot(events);
    }

    @Override
    public void close() throws Exception {
        storage.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
