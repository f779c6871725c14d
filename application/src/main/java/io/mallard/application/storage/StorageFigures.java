package io.mallard.application.storage;

/**
 * Sizes an operator watches. An engine without tiers reports every stored event as {@code cold}.
 *
 * @param bufferedEvents     acknowledged (durable) and not yet visible to queries
 * @param hotEvents          visible and still in the engine's short-term store (for DuckDB: not yet in Parquet)
 * @param coldEvents         in long-term storage
 * @param backgroundFailures failed background moves since start (each is retried)
 */
public record StorageFigures(long bufferedEvents, long hotEvents, long coldEvents, long backgroundFailures) {
}
