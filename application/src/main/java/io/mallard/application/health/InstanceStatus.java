package io.mallard.application.health;

import io.mallard.application.storage.DataDamage;

import java.util.List;

/**
 * What {@code /health/detailed} reports: enough for an operator to see the instance is healthy,
 * nothing about visitors.
 *
 * @param storageReady   storage answers queries and can make new events durable
 * @param journalWritable new events can be made durable (false: a full or failing disk)
 * @param bufferedEvents events acknowledged (durable in the journal) and not yet visible to queries
 * @param hotEvents      committed events not yet moved to Parquet
 * @param coldEvents     events in Parquet files
 * @param authConfigured an owner account exists (false: first-run setup is pending)
 * @param damage         damaged data set aside (journal regions, cold files): what is missing
 */
public record InstanceStatus(String version, boolean storageReady, boolean journalWritable, long bufferedEvents, long hotEvents,
                             long coldEvents, boolean authConfigured, boolean geoipLoaded, boolean filterBots,
                             String behavioralEngine, List<DataDamage.Finding> damage) {
    public InstanceStatus {
        damage = List.copyOf(damage);
    }
}
