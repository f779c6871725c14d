package io.mallard.storage.contract;

import io.mallard.application.stats.QueryGate;
import io.mallard.application.storage.StorageContext;
import io.mallard.application.storage.StorageEngine;
import io.mallard.application.storage.StorageProvider;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What an adapter tells the kit about its engine: the provider, and how to push stored events into
 * the engine's long-term form, so that the kit checks each answer across every place events live.
 */
public interface EngineUnderTest {
    /** The visit timeout every contract runs with (METRICS.md's default). */
    Duration VISIT_TIMEOUT = Duration.ofMinutes(30);

    StorageProvider provider();

    /**
     * Moves every stored event to where the engine keeps events for good (DuckDB: from the hot tier
     * to Parquet files). Engines with one place for events do nothing, the default.
     */
    default void settle(StorageEngine engine) {
    }

    /** Engine-specific settings for the context, by TOML key; none by default. */
    default Map<String, String> options() {
        return Map.of();
    }

    default StorageEngine open(Path dataDir) {
        return open(dataDir, Clock.systemUTC());
    }

    default StorageEngine open(Path dataDir, Clock clock) {
        return provider().open(new StorageContext(dataDir, clock, VISIT_TIMEOUT, new QueryGate(0, Duration.ZERO), Map::of, options()));
    }
}
