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
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The behavioral use cases: the engine in {@code domain} fed by the storage engine's stream of each
 * visitor's events; heavy questions share the stats {@link QueryGate}.
 */
@Factory
public class BehaviorWiring {
    @Singleton
    BehaviorQueries behaviorQueries(StorageRuntime storage) {
        return storage.engine().behavior();
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
