package io.mallard.duckdb.stats;

import io.mallard.application.stats.RollupBuilder;
import io.mallard.application.stats.RollupStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the daily rollups' upkeep on its own thread: shortly after start and then every minute, it
 * drops rollups whose days changed (retention, erasure) and builds every finished day that has no
 * current rollup, newest first, each behind the users' queries in the query gate. A failed run is
 * logged and retried at the next one; until a day is rolled up, questions read its events.
 */
public final class RollupRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RollupRuntime.class);
    private static final int DAYS_PER_BATCH = 16;

    private final RollupBuilder builder;
    private final RollupStore store;
    private final ScheduledExecutorService scheduler;
    private boolean reportedOnce;

    public RollupRuntime(RollupBuilder builder, RollupStore store) {
        this.builder = builder;
        this.store = store;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("mallard-rollups").daemon(true).factory());
        scheduler.scheduleWithFixedDelay(this::upkeep, 5, 60, TimeUnit.SECONDS);
    }

    private void upkeep() {
        try {
            store.dropOutdated();
            long started = System.nanoTime();
            int built = 0;
            for (int batch = builder.buildStale(DAYS_PER_BATCH); batch > 0; batch = builder.buildStale(DAYS_PER_BATCH)) {
                built += batch;
            }
            if (built > 0 || !reportedOnce) {
                LOG.info("rollups current: {} day(s) built in {} ms", built, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                reportedOnce = true;
            }
        } catch (RuntimeException e) {
            LOG.warn("rollup upkeep failed, will retry in a minute: {}", e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
    }
}
