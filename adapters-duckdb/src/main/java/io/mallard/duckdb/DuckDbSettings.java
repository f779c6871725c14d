package io.mallard.duckdb;

import io.mallard.application.storage.StorageContext;

import java.time.Duration;
import java.util.Optional;

/**
 * The DuckDB engine's own settings, read from the {@link StorageContext#options()} by their TOML
 * keys (the configuration validated them; the defaults are the reference's).
 *
 * @param memoryLimit   DuckDB's {@code memory_limit}, DuckDB's default when empty
 * @param flushCount    hot events that trigger a move to Parquet
 * @param flushInterval the longest time events stay in the hot tier
 */
public record DuckDbSettings(Optional<String> memoryLimit, int flushCount, Duration flushInterval) {
    public static final String MEMORY_LIMIT = "duckdb_memory_limit";
    public static final String FLUSH_COUNT = "flush_count";
    public static final String FLUSH_INTERVAL = "flush_interval";

    public static DuckDbSettings of(StorageContext context) {
        return new DuckDbSettings(context.option(MEMORY_LIMIT),
                context.option(FLUSH_COUNT).map(Integer::parseInt).orElse(1000),
                Duration.ofSeconds(context.option(FLUSH_INTERVAL).map(Long::parseLong).orElse(60L)));
    }
}
