package io.mallard.bootstrap.wiring;

import io.mallard.application.stats.QueryGate;
import io.mallard.application.storage.MetadataProvider;
import io.mallard.application.storage.MetadataStore;
import io.mallard.application.storage.RetentionSchedule;
import io.mallard.application.storage.StorageContext;
import io.mallard.application.storage.StorageEngine;
import io.mallard.application.storage.StorageProvider;
import io.mallard.bootstrap.config.ConfigException;
import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.bootstrap.config.Setting;
import io.mallard.domain.event.SiteId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Storage for one process: the engine {@code MALLARD_STORAGE} names, found among the installed
 * {@link StorageProvider}s, its metadata store (its own, or the embedded one), and the retention
 * schedule. Closing stops the schedule and closes the engine within the shutdown timeout.
 */
public final class StorageRuntime implements AutoCloseable {
    /** The metadata store an engine without one is paired with. */
    static final String EMBEDDED_METADATA = "embedded";
    /** The metadata store several nodes share, when {@code MALLARD_METADATA_URL} names it. */
    static final String SHARED_METADATA = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(StorageRuntime.class);

    private final MallardConfig config;
    private final StorageEngine engine;
    private final MetadataStore metadata;
    private final boolean ownMetadata;
    private final ScheduledExecutorService scheduler;
    private final List<Runnable> beforeClose = new java.util.concurrent.CopyOnWriteArrayList<>();

    public StorageRuntime(MallardConfig config, Clock clock, QueryGate gate, Supplier<Map<SiteId, ZoneId>> siteZones) {
        this.config = config;
        StorageContext context = new StorageContext(config.dataDir(), clock, config.visitTimeout(), gate, siteZones, engineOptions(config));
        StorageProvider provider = provider(config.storage());
        this.engine = provider.open(context);
        if (!provider.durable()) {
            LOG.warn("storage engine '{}' is not durable: events are lost when the server stops", provider.name());
        }
        this.ownMetadata = engine.metadata().isEmpty();
        boolean sharedMetadata = context.option(Setting.METADATA_URL.key()).isPresent();
        if (sharedMetadata && !ownMetadata) {
            engine.close(config.shutdownTimeout());
            throw new ConfigException(Setting.METADATA_URL.environmentVariable() + " needs an events engine that keeps no metadata of its own"
                    + " (clickhouse); the '" + provider.name() + "' engine keeps it in its data directory and serves one node only");
        }
        try {
            this.metadata = engine.metadata().orElseGet(() -> metadataProvider(sharedMetadata ? SHARED_METADATA : EMBEDDED_METADATA).open(context));
        } catch (RuntimeException e) {
            engine.close(config.shutdownTimeout());
            throw e;
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("mallard-retention").daemon(true).factory());
        RetentionSchedule retention = new RetentionSchedule(engine::deleteBefore, clock, config.retentionDays());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                long deleted = retention.tick();
                if (deleted > 0) {
                    LOG.info("retention deleted {} event(s) older than {} day(s)", deleted, config.retentionDays());
                }
            } catch (RuntimeException e) {
                LOG.error("retention failed, will retry: {}", e.getMessage());
            }
        }, 1, 60, TimeUnit.SECONDS);
    }

    /** The engine-specific settings an engine reads from its context, by TOML key. */
    public static Map<String, String> engineOptions(MallardConfig config) {
        Map<String, String> options = new java.util.HashMap<>();
        options.put(Setting.FLUSH_COUNT.key(), Integer.toString(config.flushCount()));
        options.put(Setting.FLUSH_INTERVAL.key(), Long.toString(config.flushInterval().toSeconds()));
        options.putAll(config.engineOptions());
        return options;
    }

    /** The installed engine with this name; a {@link ConfigException} naming the installed ones otherwise. */
    public static StorageProvider provider(String name) {
        List<StorageProvider> installed = ServiceLoader.load(StorageProvider.class).stream().map(ServiceLoader.Provider::get).toList();
        return installed.stream().filter(provider -> provider.name().equals(name)).findFirst()
                .orElseThrow(() -> new ConfigException("unknown storage engine '" + name + "' in " + Setting.STORAGE.environmentVariable()
                        + ": installed are " + installed.stream().map(StorageProvider::name).sorted().toList()));
    }

    /**
     * Opens the shared metadata store {@code MALLARD_METADATA_URL} names, on its own (the
     * {@code copy-metadata} command); a {@link ConfigException} when none is configured.
     */
    public static MetadataStore openSharedMetadata(MallardConfig config, Clock clock) {
        Map<String, String> options = engineOptions(config);
        if (!options.containsKey(Setting.METADATA_URL.key())) {
            throw new ConfigException("set " + Setting.METADATA_URL.environmentVariable() + " to the PostgreSQL to copy into");
        }
        return metadataProvider(SHARED_METADATA).open(new StorageContext(config.dataDir(), clock, config.visitTimeout(),
                new QueryGate(0, java.time.Duration.ZERO), Map::of, options));
    }

    private static MetadataProvider metadataProvider(String name) {
        return ServiceLoader.load(MetadataProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(provider -> provider.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no '" + name + "' metadata store is installed"));
    }

    public StorageEngine engine() {
        return engine;
    }

    public MetadataStore metadata() {
        return metadata;
    }

    /**
     * Runs {@code work} at shutdown while storage is still open (state kept in memory that must reach
     * the metadata store). Explicit, because the container's order of disposal is not a contract.
     */
    public void beforeClose(Runnable work) {
        beforeClose.add(work);
    }

    @Override
    public void close() throws InterruptedException {
        for (Runnable work : beforeClose) {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.error("work before closing storage failed: {}", e.getMessage());
            }
        }
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
        try {
            engine.close(config.shutdownTimeout());
        } finally {
            if (ownMetadata) {
                metadata.close();
            }
        }
    }
}
