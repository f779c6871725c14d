package io.mallard.bootstrap.wiring;

import io.mallard.application.stats.QueryGate;
import io.mallard.domain.privacy.GeoPrecision;
import io.mallard.domain.site.Site;
import io.micronaut.context.BeanProvider;
import java.util.stream.Collectors;
import io.mallard.application.account.AccountService;
import io.mallard.application.agent.UserAgentParser;
import io.mallard.application.geo.GeoLocator;
import io.mallard.application.health.HealthService;
import io.mallard.application.ingest.EventIds;
import io.mallard.application.ingest.IngestPipeline;
import io.mallard.application.ingest.IngestService;
import io.mallard.application.ingest.TokenBuckets;
import io.mallard.application.ingest.VisitAssigner;
import io.mallard.application.site.SiteRegistry;
import io.mallard.application.site.Sites;
import io.mallard.bootstrap.Version;
import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.bootstrap.config.SecretFile;
import io.mallard.domain.visitor.VisitorIdHasher;
import io.mallard.geoip.BundledCountryLocator;
import io.mallard.geoip.MaxMindGeoLocator;
import io.mallard.geoip.NoOpGeoLocator;
import io.mallard.useragent.YauaaUserAgentParser;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.Supplier;

/** Builds the application's services from the configuration and the adapters. */
@Factory
public class Wiring {
    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);
    /** Keys tracked per token-bucket map: bounded memory even under a flood of distinct clients. */
    static final int MAX_RATE_LIMIT_KEYS = 100_000;
    static final int USER_AGENT_CACHE = 20_000;
    /** Visitors the visit assigner remembers at most: about 100 bytes each, so 20 MB. */
    static final int MAX_OPEN_VISITS = 200_000;

    /** Secondary: a {@code Clock} passed to {@code Main.start} replaces it. */
    @Singleton
    @Secondary
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The engine {@code MALLARD_STORAGE} names; rollups and other background work read the sites' zones once they exist. */
    @Singleton
    @Bean(preDestroy = "close")
    StorageRuntime storage(MallardConfig config, Clock clock, QueryGate gate, BeanProvider<SiteRegistry> sites) {
        return new StorageRuntime(config, clock, gate,
                () -> sites.get().sites().stream().collect(Collectors.toMap(Site::id, Site::timeZone)));
    }

    @Singleton
    UserAgentParser userAgentParser() {
        return newUserAgentParser();
    }

    @Singleton
    GeoLocator geoLocator(MallardConfig config) {
        return newGeoLocator(config);
    }

    /** The User-Agent parser with its cache; also used by the traffic generator. */
    public static UserAgentParser newUserAgentParser() {
        return new YauaaUserAgentParser(USER_AGENT_CACHE);
    }

    /**
     * MaxMind when a database is configured, else the bundled country database; none when locations
     * are not kept ({@code MALLARD_GEOIP_PRECISION=none}) so its 8 MB are not loaded. Also used by the
     * traffic generator.
     */
    public static GeoLocator newGeoLocator(MallardConfig config) {
        if (config.geoPrecision() == GeoPrecision.NONE) {
            return new NoOpGeoLocator();
        }
        return config.geoipDb().<GeoLocator>map(MaxMindGeoLocator::new).orElseGet(BundledCountryLocator::new);
    }

    @Singleton
    IngestService ingestService(MallardConfig config, StorageRuntime storage, SiteRegistry sites, UserAgentParser userAgents,
                                GeoLocator geoLocator, Clock clock) {
        VisitAssigner visits = new VisitAssigner(config.visitTimeout(), MAX_OPEN_VISITS);
        int restored = visits.restoreOpenVisits(storage.engine(), clock.instant());
        LOG.info("{} visit(s) of the last day restored", restored);
        return ingestService(config, storage, sites, userAgents, geoLocator, clock, visits);
    }

    /** Visitor ids from the secret ({@code MALLARD_SECRET} or {@code data_dir/.secret}): ingestion's, and erasure's by {@code uid}. */
    public static VisitorIdHasher visitorIdHasher(MallardConfig config) {
        return new VisitorIdHasher(SecretFile.resolve(config.secret(), config.dataDir()), config.identityRotation());
    }

    /** Also used by the traffic generator, which feeds the same pipeline without HTTP. */
    public static IngestService ingestService(MallardConfig config, StorageRuntime storage, Sites sites,
                                              UserAgentParser userAgents, GeoLocator geoLocator, Clock clock, VisitAssigner visits) {
        IngestPipeline.Settings settings = new IngestPipeline.Settings(
                config.trustedProxies(), sites,
                new TokenBuckets(config.rateLimit(), MAX_RATE_LIMIT_KEYS, System::nanoTime),
                new TokenBuckets(config.clientRateLimit(), MAX_RATE_LIMIT_KEYS, System::nanoTime),
                config.filterBots(), userAgents, visitorIdHasher(config), geoLocator, config.geoPrecision());
        return new IngestService(IngestPipeline.steps(settings), config.privacy(), new EventIds(clock),
                randomIds(), storage.engine().events(), visits);
    }

    @Singleton
    HealthService healthService(MallardConfig config, StorageRuntime storage, GeoLocator geoLocator, AccountService accounts) {
        return new HealthService(Version.current(), storage.engine(), () -> !accounts.setupRequired(), geoLocator, config.filterBots());
    }

    private static Supplier<String> randomIds() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        };
    }
}
