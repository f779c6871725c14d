package io.mallard.bootstrap.wiring;

import io.mallard.application.storage.DataDamage;
import io.mallard.application.storage.StorageMaintenance;
import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.duckdb.DuckDbDatabase;
import io.mallard.duckdb.DuckDbEventStore;
import io.mallard.duckdb.DuckDbTieredStorage;
import io.mallard.duckdb.HotTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Storage for one process: opens and migrates the database, reconciles cold files left by a crash
 * (and rows an older version kept in the database), loads what the journal holds beyond Parquet
 * into the hot tier (memory) — setting damaged journal regions and cold files aside ({@link DataDamage}) —
 * starts the journal writer (which adds each group it writes to the hot
 * tier) and the maintenance schedule (checked every second), and on close journals queued events,
 * flushes the hot tier to Parquet and checkpoints — within the shutdown timeout.
 */
public final class StorageRuntime implements AutoCloseable {
    /** The write-ahead journal's directory under the data directory. */
    public static final String JOURNAL_DIRECTORY = "journal";
    /** Seconds between two background checks of a cold file. */
    static final long COLD_CHECK_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(StorageRuntime.class);

    private final MallardConfig config;
    private final DuckDbDatabase database;
    private final DuckDbEventStore store;
    private final DuckDbTieredStorage tiers;
    private final StorageMaintenance maintenance;
    private final ScheduledExecutorService scheduler;
    private final DataDamage damage = new DataDamage();

    public StorageRuntime(MallardConfig config, Clock clock) {
        this.config = config;
        this.database = DuckDbDatabase.open(config.dataDir(), config.duckdbMemoryLimit().orElse(null));
        this.tiers = new DuckDbTieredStorage(database, clock.millis() * 1000, damage);
        int orphans = tiers.reconcile();
        if (orphans > 0) {
            LOG.info("removed {} Parquet file(s) left by an interrupted move", orphans);
        }
        tiers.checkColdFiles();
        this.store = DuckDbEventStore.open(database, config.dataDir().resolve(JOURNAL_DIRECTORY), tiers::flushToCold, damage);
        // The hot tier is memory: a flush starts by half of its capacity whatever MALLARD_FLUSH_COUNT says.
        this.maintenance = new StorageMaintenance(tiers, clock, Math.min(config.flushCount(), HotTable.CAPACITY / 2),
                config.flushInterval(), config.retentionDays());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("mallard-maintenance").daemon(true).factory());
        scheduler.scheduleWithFixedDelay(() -> retried("storage maintenance", maintenance::tick), 1, 1, TimeUnit.SECONDS);
        // One cold file read in full per interval, in the background: a day's file takes a fraction of a second.
        scheduler.scheduleWithFixedDelay(() -> retried("the background check of a cold file", tiers::verifyNextColdFile),
                COLD_CHECK_SECONDS, COLD_CHECK_SECONDS, TimeUnit.SECONDS);
    }

    /** What storage found damaged and set aside since start (and files set aside by earlier runs). */
    public DataDamage damage() {
        return damage;
    }

    public DuckDbEventStore store() {
        return store;
    }

    public DuckDbTieredStorage tiers() {
        return tiers;
    }

    /** Failed moves to Parquet since start. */
    public long flushFailures() {
        return maintenance.flushFailures();
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
    public void close() throws Exception {
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
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
    }

    private static long remainingMillis(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }
}
