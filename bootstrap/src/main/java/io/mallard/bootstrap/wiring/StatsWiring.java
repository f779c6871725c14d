package io.mallard.bootstrap.wiring;

import io.mallard.application.erasure.ErasureService;
import io.mallard.application.goal.GoalService;
import io.mallard.domain.site.Site;
import io.mallard.application.site.SiteRegistry;
import io.mallard.application.stats.QueryGate;
import io.mallard.application.stats.RolledUpStatsQueries;
import io.mallard.application.stats.RollupBuilder;
import io.mallard.application.stats.RollupStore;
import io.mallard.application.stats.StatsQueries;
import io.mallard.application.stats.StatsCache;
import io.mallard.application.stats.StatsService;
import io.mallard.auth.JdbcGoalStore;
import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.duckdb.stats.DuckDbRollupStore;
import io.mallard.duckdb.stats.DuckDbStatsQueries;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.stream.Collectors;

/**
 * The stats use cases over DuckDB. The query cache is cleared after every erasure and every change
 * to the sites registry, so no answer outlives the data or settings it was computed from. Questions
 * go through the daily rollups ({@link RolledUpStatsQueries}), kept current by {@link RollupRuntime};
 * an erasure drops the rollups of the days it rewrote at once.
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
        return new GoalService(new JdbcGoalStore(storage.database()::connect), sites);
    }

    @Singleton
    DuckDbRollupStore rollupStore(MallardConfig config, StorageRuntime storage, ErasureService erasure) {
        DuckDbRollupStore rollups = new DuckDbRollupStore(storage.database(), storage.tiers().surface(), config.visitTimeout());
        erasure.onErasure(rollups::dropOutdated);
        return rollups;
    }

    @Singleton
    @Bean(preDestroy = "close")
    RollupRuntime rollupRuntime(MallardConfig config, StorageRuntime storage, RollupStore rollups, QueryGate gate, Clock clock,
                                SiteRegistry sites) {
        RollupBuilder builder = new RollupBuilder(eventQueries(config, storage), rollups, gate, clock,
                () -> sites.sites().stream().collect(Collectors.toMap(Site::id, Site::timeZone)));
        return new RollupRuntime(builder, rollups);
    }

    @Singleton
    StatsService statsService(MallardConfig config, StorageRuntime storage, RollupStore rollups, SiteRegistry sites, GoalService goals,
                              StatsCache cache, QueryGate gate, Clock clock) {
        StatsQueries queries = new RolledUpStatsQueries(eventQueries(config, storage), rollups);
        return new StatsService(queries, sites, goals, cache, gate, clock, storage.damage());
    }

    private static StatsQueries eventQueries(MallardConfig config, StorageRuntime storage) {
        return new DuckDbStatsQueries(storage.tiers().surface(), config.visitTimeout());
    }
}
