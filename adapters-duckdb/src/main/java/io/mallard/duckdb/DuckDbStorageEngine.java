package io.mallard.duckdb;

import io.mallard.application.behavior.BehaviorQueries;
import io.mallard.application.erasure.EventEraser;
import io.mallard.application.stats.RolledUpStatsQueries;
import io.mallard.application.stats.RollupBuilder;
import io.mallard.application.stats.StatsQueries;
import io.mallard.application.storage.BulkLoad;
import io.mallard.application.storage.DataDamage;
import io.mallard.application.storage.MetadataStore;
import io.mallard.application.storage.StorageContext;
import io.mallard.application.storage.StorageEngine;
import io.mallard.application.storage.StorageFigures;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.application.storage.StoredEvents;
import io.mallard.domain.event.Event;
import io.mallard.duckdb.metadata.DuckDbMetadataStore;
import io.mallard.duckdb.stats.DuckDbBehaviorQueries;
import io.mallard.duckdb.stats.DuckDbRollupStore;
import io.mallard.duckdb.stats.DuckDbStatsQueries;
import io.mallard.duckdb.stats.RollupRuntime;
import io.mallard.duckdb.stats.TrailBehaviorQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded engine: a DuckDB file for metadata, rollups and the list of cold files, an
 * in-memory hot tier fed by a write-ahead journal, and Parquet files per site and UTC day.
 *
 * <p>Opening it migrates the database, reconciles cold files left by a crash, checks them (damaged
 * ones are set aside, {@link DataDamage}), loads what the journal holds beyond Parquet into the hot
 * tier and starts the journal writer, the maintenance schedule (flush and compaction, checked every
 * second), a background read of one cold file every {@value #COLD_CHECK_SECONDS} seconds and the
 * daily rollups' upkeep. Closing journals queued events, flushes the hot tier to Parquet and
 * checkpoints, within the timeout.
 */
public final class DuckDbStorageEngine implements StorageEngine {
    /** The write-ahead journal's directory under the data directory. */
    public static final String JOURNAL_DIRECTORY = "journal";
    /** Seconds between two background checks of a cold file. */
    static final long COLD_CHECK_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbStorageEngine.class);

    private final DuckDbDatabase database;
    private final Clock clock;
    private final DataDamage damage = new DataDamage();
    private final DuckDbTieredStorage tiers;
    private final DuckDbEventStore store;
    private final StorageMaintenance maintenance;
    private final ScheduledExecutorService scheduler;
    private final DuckDbRollupStore rollups;
    private final RollupRuntime rollupRuntime;
    private final StatsQueries stats;
    private final BehaviorQueries behavior;
    private final EventEraser eraser;
    private final DuckDbStatsQueries eventStats;
    private final MetadataStore metadata;

    public DuckDbStorageEngine(StorageContext context, DuckDbSettings settings) {
        this.clock = context.clock();
        this.database = DuckDbDatabase.open(context.dataDir(), settings.memoryLimit().orElse(null));
        this.tiers = new DuckDbTieredStorage(database, context.clock().millis() * 1000, damage);
        int orphans = tiers.reconcile();
        if (orphans > 0) {
            LOG.info("removed {} Parquet file(s) left by an interrupted move", orphans);
        }
        tiers.checkColdFiles();
        this.store = DuckDbEventStore.open(database, context.dataDir().resolve(JOURNAL_DIRECTORY), tiers::flushToCold, damage);
        // The hot tier is memory: a flush starts by half of its capacity whatever the flush count says.
        this.maintenance = new StorageMaintenance(tiers, context.clock(), Math.min(settings.flushCount(), HotTable.CAPACITY / 2),
                settings.flushInterval());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("mallard-maintenance").daemon(true).factory());
        scheduler.scheduleWithFixedDelay(() -> retried("storage maintenance", maintenance::tick), 1, 1, TimeUnit.SECONDS);
        // One cold file read in full per interval, in the background: a day's file takes a fraction of a second.
        scheduler.scheduleWithFixedDelay(() -> retried("the background check of a cold file", tiers::verifyNextColdFile),
                COLD_CHECK_SECONDS, COLD_CHECK_SECONDS, TimeUnit.SECONDS);
        this.rollups = new DuckDbRollupStore(database, tiers.surface(), context.visitTimeout());
        DuckDbStatsQueries events = new DuckDbStatsQueries(tiers.surface(), context.visitTimeout(), rollups, database,
                DuckDbStatsQueries.SHARED_VIEW_EVENTS);
        this.stats = new RolledUpStatsQueries(events, rollups);
        this.rollupRuntime = new RollupRuntime(new RollupBuilder(events, rollups, context.queryGate(), context.clock(), context.siteZones()),
                rollups);
        this.behavior = new TrailBehaviorQueries(new DuckDbBehaviorQueries(tiers.surface(), context.visitTimeout(), rollups), rollups);
        this.eventStats = events;
        this.eraser = new DuckDbEventEraser(store, tiers, this::forgetDeletedEvents);
        this.metadata = new DuckDbMetadataStore(database, false);
    }

    @Override
    public DuckDbEventStore events() {
        return store;
    }

    @Override
    public StatsQueries stats() {
        return stats;
    }

    @Override
    public BehaviorQueries behavior() {
        return behavior;
    }

    @Override
    public EventEraser eraser() {
        return eraser;
    }

    /** Covers journaled events too: they are in the hot tier from the moment they are acknowledged. */
    @Override
    public long deleteBefore(LocalDate cutoff) {
        long deleted = tiers.deleteBefore(cutoff).events();
        forgetDeletedEvents();
        return deleted;
    }

    /** After events were deleted: rollups of changed days and every shared view go. */
    private void forgetDeletedEvents() {
        rollups.dropOutdated();
        eventStats.forgetSharedViews();
    }

    @Override
    public List<RecentVisit> recentVisits(Instant since) {
        return RecentVisits.since(tiers.surface(), since);
    }

    @Override
    public StorageFigures figures() {
        return new StorageFigures(store.bufferedEvents(), tiers.hotEventCount(), tiers.coldEventCount(), maintenance.flushFailures());
    }

    @Override
    public Activity activity() {
        return new Activity(store.bufferedEvents(), maintenance.flushFailures());
    }

    @Override
    public DataDamage damage() {
        return damage;
    }

    /** The metadata tables live in the same database file. */
    @Override
    public Optional<MetadataStore> metadata() {
        return Optional.of(metadata);
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == StoredEvents.class) {
            return Optional.of(type.cast(new DuckDbStoredEvents(tiers.surface())));
        }
        if (type == BulkLoad.class) {
            return Optional.of(type.cast(new BulkLoad() {
                @Override
                public void load(List<Event> events) {
                    tiers.writeCold(events);
                }

                @Override
                public void finish() {
                    // Loaded history is finished: every day up to today goes to its final layout.
                    tiers.compactBefore(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1));
                }
            }));
        }
        return Optional.empty();
    }

    /** Internals for the tests and tools of this engine. */
    public DuckDbTieredStorage tiers() {
        return tiers;
    }

    public DuckDbDatabase database() {
        return database;
    }

    /** Runs scheduled work; a failure is logged and the schedule tries again at its next turn. */
    private static void retried(String what, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.error("{} failed, will retry: {}", what, e.getMessage());
        }
    }

    @Override
    public void close(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            rollupRuntime.close();
            scheduler.shutdown();
            scheduler.awaitTermination(remainingMillis(deadline), TimeUnit.MILLISECONDS);
            store.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (System.nanoTime() < deadline) {
                var report = maintenance.flush();
                LOG.info("shutdown flush moved {} event(s) to Parquet", report.events());
            } else {
                LOG.warn("shutdown timeout reached; hot events stay in the journal and are loaded again at the next start");
            }
            database.checkpoint();
            database.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while closing storage", e);
        } catch (SQLException e) {
            throw new StorageUnavailableException("cannot close the database: " + e.getMessage(), e);
        }
    }

    private static long remainingMillis(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
