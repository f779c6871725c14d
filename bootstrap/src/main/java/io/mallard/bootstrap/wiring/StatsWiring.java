package io.mallard.bootstrap.wiring;

import io.mallard.application.erasure.ErasureService;
import io.mallard.application.goal.GoalService;
import io.mallard.application.query.QueryService;
import io.mallard.application.site.SiteRegistry;
import io.mallard.application.stats.QueryGate;
import io.mallard.application.stats.StatsCache;
import io.mallard.application.stats.StatsService;
import io.mallard.bootstrap.config.MallardConfig;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The stats use cases over the storage engine. The query cache is cleared after every erasure and
 * every change to the sites registry, so no answer outlives the data or settings it was computed from.
 */
@Factory
public class StatsWiring {
    @Singleton
    StatsCache statsCache(MallardConfig config, SiteRegistry sites, ErasureService erasure, Clock clock) {
        StatsCache cache = new StatsCache(config.cacheTtl(), config.cacheMaxEntries(), clock);
        erasure.onErasure(cache::clear);
        sites.onChange(cache::clear);
        return cache;
    }

    @Singleton
    QueryGate queryGate(MallardConfig config) {
        return new QueryGate(config.maxConcurrentQueries(), config.queryQueueTimeout());
    }

    @Singleton
    GoalService goalService(StorageRuntime storage, SiteRegistry sites) {
        return new GoalService(storage.metadata().goals(), sites);
    }

    @Singleton
    StatsService statsService(StorageRuntime storage, SiteRegistry sites, GoalService goals, StatsCache cache, QueryGate gate,
                              Clock clock) {
        return new StatsService(storage.engine().stats(), sites, goals, cache, gate, clock, storage.engine().damage());
    }

    /** Every stats question in the query model's form, answered through the stats service. */
    @Singleton
    QueryService queryService(StatsService stats) {
        return new QueryService(stats);
    }
}
