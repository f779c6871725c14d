package io.mallard.application.health;

import io.mallard.application.geo.GeoLocator;
import io.mallard.application.storage.StorageEngine;
import io.mallard.application.storage.StorageFigures;
import io.mallard.application.storage.StorageUnavailableException;

import java.util.function.BooleanSupplier;

/** Use case: liveness, readiness (a real storage query) and the detailed status of the instance. */
public final class HealthService {
    private final String version;
    private final StorageEngine storage;
    private final BooleanSupplier authConfigured;
    private final GeoLocator geoLocator;
    private final boolean filterBots;

    public HealthService(String version, StorageEngine storage, BooleanSupplier authConfigured, GeoLocator geoLocator,
                         boolean filterBots) {
        this.version = version;
        this.storage = storage;
        this.authConfigured = authConfigured;
        this.geoLocator = geoLocator;
        this.filterBots = filterBots;
    }

    /** True when storage answers a real query now and can make new events durable. */
    public boolean isReady() {
        return passes(storage.events()::checkReadable) && passes(storage.events()::checkWritable);
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

    /** The hot and cold counts are -1 while storage cannot answer. */
    public InstanceStatus status() {
        boolean readable = passes(storage.events()::checkReadable);
        boolean writable = passes(storage.events()::checkWritable);
        StorageFigures figures = readable ? figures() : null;
        // Buffered events are counted in memory: reported even while storage cannot answer, as before the SPI.
        return new InstanceStatus(version, readable && writable, writable, storage.activity().bufferedEvents(),
                figures == null ? -1 : figures.hotEvents(), figures == null ? -1 : figures.coldEvents(),
                authConfigured.getAsBoolean(), geoLocator.isLoaded(), filterBots, BEHAVIORAL_ENGINE, storage.damage().findings());
    }

    private StorageFigures figures() {
        try {
            return storage.figures();
        } catch (StorageUnavailableException e) {
            return null;
        }
    }
}
