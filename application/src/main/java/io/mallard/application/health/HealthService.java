package io.mallard.application.health;

import io.mallard.application.geo.GeoLocator;
import io.mallard.application.storage.DataDamage;
import io.mallard.application.storage.EventStore;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.application.storage.TieredStorage;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/** Use case: liveness, readiness (a real storage query) and the detailed status of the instance. */
public final class HealthService {
    private final String version;
    private final EventStore store;
    private final TieredStorage tiers;
    private final LongSupplier bufferedEvents;
    private final LongSupplier coldEvents;
    private final BooleanSupplier authConfigured;
    private final GeoLocator geoLocator;
    private final boolean filterBots;
    private final DataDamage damage;

    public HealthService(String version, EventStore store, TieredStorage tiers, LongSupplier bufferedEvents,
                         LongSupplier coldEvents, BooleanSupplier authConfigured, GeoLocator geoLocator, boolean filterBots,
                         DataDamage damage) {
        this.damage = damage;
        this.version = version;
        this.store = store;
        this.tiers = tiers;
        this.bufferedEvents = bufferedEvents;
        this.coldEvents = coldEvents;
        this.authConfigured = authConfigured;
        this.geoLocator = geoLocator;
        this.filterBots = filterBots;
    }

    /** True when storage answers a real query now and can make new events durable. */
    public boolean isReady() {
        return passes(store::checkReadable) && passes(store::checkWritable);
    }

    /** Whether a storage check returns instead of throwing {@link StorageUnavailableException}. */
    private static boolean passes(Runnable check) {
        try {
            check.run();
            return true;
        } catch (StorageUnavailableException e) {
            return false;
        }
    }

    /**
     * What answers behavioral queries: always the engine in {@code domain}, built in (the reference
     * reports whether its optional DuckDB extension loaded; this one cannot be missing).
     */
    static final String BEHAVIORAL_ENGINE = "in-process";

    public InstanceStatus status() {
        boolean readable = passes(store::checkReadable);
        boolean writable = passes(store::checkWritable);
        return new InstanceStatus(version, readable && writable, writable, bufferedEvents.getAsLong(),
                readable ? tiers.hotEventCount() : -1, readable ? coldEvents.getAsLong() : -1,
                authConfigured.getAsBoolean(), geoLocator.isLoaded(), filterBots, BEHAVIORAL_ENGINE, damage.findings());
    }
}
