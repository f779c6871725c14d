package io.mallard.bootstrap.wiring;

import io.mallard.application.behavior.BehaviorQueries;
import io.mallard.application.behavior.FlowService;
import io.mallard.application.behavior.FunnelService;
import io.mallard.application.behavior.IdentityWindow;
import io.mallard.application.behavior.RetentionService;
import io.mallard.application.behavior.SequenceService;
import io.mallard.application.stats.QueryGate;
import io.mallard.application.site.SiteRegistry;
import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.duckdb.stats.DuckDbBehaviorQueries;
import io.mallard.duckdb.stats.DuckDbRollupStore;
import io.mallard.duckdb.stats.TrailBehaviorQueries;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The behavioral use cases over DuckDB: the engine in {@code domain} fed by a stream of each
 * visitor's events, read from the rollups' day trails where they answer and from events otherwise;
 * heavy questions share the stats {@link QueryGate}.
 */
@Factory
public class BehaviorWiring {
    @Singleton
    BehaviorQueries behaviorQueries(MallardConfig config, StorageRuntime storage, DuckDbRollupStore rollups) {
        return new TrailBehaviorQueries(new DuckDbBehaviorQueries(storage.tiers().surface(), config.visitTimeout()), rollups);
    }

    @Singleton
    IdentityWindow identityWindow(MallardConfig config) {
        return new IdentityWindow(config.identityRotation());
    }

    @Singleton
    FunnelService funnelService(BehaviorQueries queries, QueryGate gate, IdentityWindow identity) {
        return new FunnelService(queries, gate, identity);
    }

    @Singleton
    RetentionService retentionService(BehaviorQueries queries, SiteRegistry sites, QueryGate gate, IdentityWindow identity,
                                      Clock clock) {
        return new RetentionService(queries, sites, gate, identity, clock);
    }

    @Singleton
    SequenceService sequenceService(BehaviorQueries queries, QueryGate gate) {
        return new SequenceService(queries, gate);
    }

    @Singleton
    FlowService flowService(BehaviorQueries queries, QueryGate gate) {
        return new FlowService(queries, gate);
    }
}
