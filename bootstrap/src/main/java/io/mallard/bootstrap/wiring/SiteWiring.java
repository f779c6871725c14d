package io.mallard.bootstrap.wiring;

import io.mallard.application.erasure.ErasureService;
import io.mallard.application.site.SiteRegistry;
import io.mallard.bootstrap.config.MallardConfig;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The sites registry (with the configured {@code MALLARD_SITE_IDS} registered) and erasure. */
@Factory
public class SiteWiring {
    @Singleton
    SiteRegistry siteRegistry(MallardConfig config, StorageRuntime storage, Clock clock) {
        SiteRegistry registry = new SiteRegistry(storage.metadata().sites(), clock);
        registry.registerConfigured(config.siteIds());
        return registry;
    }

    @Singleton
    ErasureService erasureService(MallardConfig config, SiteRegistry sites, StorageRuntime storage) {
        return new ErasureService(sites, storage.engine().eraser(), Wiring.visitorIdHasher(config));
    }
}
