package io.mallard.application.health;

/**
 * What {@code /health/detailed} reports: enough for an operator to see the instance is healthy,
 * nothing about visitors.
 *
 * @param bufferedEvents events acknowledged (durable in the journal) and not yet visible to queries
 * @param hotEvents      committed events not yet moved to Parquet
 * @param coldEvents     events in Parquet files
 * @param authConfigured an owner account exists (false: first-run setup is pending)
 */
public record InstanceStatus(String version, boolean storageReady, long bufferedEvents, long hotEvents,
                             long coldEvents, boolean authConfigured, boolean geoipLoaded, boolean filterBots,
                             String behavioralEngine) {
}
