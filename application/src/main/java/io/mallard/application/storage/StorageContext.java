package io.mallard.application.storage;

import io.mallard.application.stats.QueryGate;
import io.mallard.domain.event.SiteId;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the application gives an engine it opens.
 *
 * @param dataDir      the instance's data directory (exists, owned by the server); an engine may keep files under it
 * @param visitTimeout the gap that ends a visit (METRICS.md)
 * @param queryGate    the gate users' stats questions pass; an engine's heavy background work should queue behind it
 * @param siteZones    the registered sites' time zones, read when needed (the registry is built after the engine)
 * @param options      engine-specific settings by TOML key (for example {@code duckdb_memory_limit}), validated by the configuration
 */
public record StorageContext(Path dataDir, Clock clock, Duration visitTimeout, QueryGate queryGate,
                             Supplier<Map<SiteId, ZoneId>> siteZones, Map<String, String> options) {
    public StorageContext {
        options = Map.copyOf(options);
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }
}
