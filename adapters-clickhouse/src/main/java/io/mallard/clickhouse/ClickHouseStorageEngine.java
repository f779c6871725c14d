package io.mallard.clickhouse;

import com.clickhouse.client.api.Client;
import io.mallard.application.behavior.BehaviorQueries;
import io.mallard.application.erasure.EventEraser;
import io.mallard.application.stats.StatsQueries;
import io.mallard.application.storage.BulkLoad;
import io.mallard.application.storage.DataDamage;
import io.mallard.application.storage.EventStore;
import io.mallard.application.storage.StorageContext;
import io.mallard.application.storage.StorageEngine;
import io.mallard.application.storage.StorageFigures;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.application.storage.StoredEvents;
import io.mallard.journal.OwnerOnly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The scale-out engine: events in ClickHouse ({@link ClickHouseSchema}), reached over its HTTP
 * interface; every question answered there in SQL. The data directory keeps only the journal of
 * events acknowledged and not yet inserted ({@link ClickHouseEventStore}) and this node's name in
 * deduplication tokens, so any number of nodes can share one ClickHouse. Metadata stays with the
 * embedded store unless {@code MALLARD_METADATA_URL} names a shared one.
 */
public final class ClickHouseStorageEngine implements StorageEngine {
    static final String JOURNAL_DIRECTORY = "clickhouse-journal";
    static final String NODE_FILE = "clickhouse-node";

    private final Client client;
    private final ClickHouseSql sql;
    private final ClickHouseEventStore store;
    private final ClickHouseStatsQueries stats;
    private final ClickHouseBehaviorQueries behavior;
    private final ClickHouseEventEraser eraser;
    private final DataDamage damage;

    private ClickHouseStorageEngine(Client client, ClickHouseSql sql, ClickHouseEventStore store, Duration visitTimeout, DataDamage damage) {
        this.client = client;
        this.sql = sql;
        this.store = store;
        this.stats = new ClickHouseStatsQueries(sql, visitTimeout);
        this.behavior = new ClickHouseBehaviorQueries(sql, visitTimeout);
        this.eraser = new ClickHouseEventEraser(sql, store);
        this.damage = damage;
    }

    /** Connects, brings the schema up to date, and inserts what the journal kept; throws {@link StorageUnavailableException} when ClickHouse cannot be used. */
    static ClickHouseStorageEngine open(StorageContext context) {
        ClickHouseSettings settings = ClickHouseSettings.of(context);
        Client client = ClickHouseClients.open(settings);
        try {
            ClickHouseMigrations.migrate(client, settings);
            ClickHouseSql sql = new ClickHouseSql(client, settings.database(), settings.cluster());
            DataDamage damage = new DataDamage();
            ClickHouseEventStore store = ClickHouseEventStore.open(sql, context.dataDir().resolve(JOURNAL_DIRECTORY),
                    node(context.dataDir()), damage);
            return new ClickHouseStorageEngine(client, sql, store, context.visitTimeout(), damage);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** This data directory's name among the nodes, made once: a random id kept in {@value #NODE_FILE}. */
    private static String node(Path dataDir) {
        Path file = dataDir.resolve(NODE_FILE);
        try {
            if (!Files.exists(file)) {
                OwnerOnly.directories(dataDir);
                Path written = Files.createTempFile(dataDir, NODE_FILE, ".tmp", OwnerOnly.fileAttributes(dataDir));
                Files.writeString(written, UUID.randomUUID().toString(), StandardCharsets.US_ASCII);
                Files.move(written, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep this node's id in " + file, e);
        }
    }

    @Override
    public EventStore events() {
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

    @Override
    public long deleteBefore(LocalDate cutoff) {
        return eraser.deleteBefore(cutoff);
    }

    @Override
    public List<RecentVisit> recentVisits(Instant since) {
        SqlParams params = new SqlParams();
        return sql.rows("SELECT visitor_id, toInt64(argMax(visit_id, (timestamp, event_id))) AS visit, max(timestamp) AS last_event FROM "
                        + sql.events() + " WHERE visit_id != 0 AND timestamp >= " + params.instant(since) + " GROUP BY visitor_id", params)
                .stream().map(row -> new RecentVisit(row.getString("visitor_id"), row.getLong("visit"), row.getInstant("last_event"))).toList();
    }

    /** Events waiting for ClickHouse are buffered; everything in ClickHouse is counted as stored ({@code cold}). */
    @Override
    public StorageFigures figures() {
        long stored = sql.count("SELECT count() FROM " + sql.events(), new SqlParams());
        return new StorageFigures(store.waiting(), 0, stored, 0);
    }

    @Override
    public Activity activity() {
        return new Activity(store.waiting(), 0);
    }

    @Override
    public DataDamage damage() {
        return damage;
    }

    /**
     * Reading events back ({@link StoredEvents}), and {@link BulkLoad} for the generator, imports and
     * {@code copy-events}: each batch inserted at once, without the journal (a failed load is run
     * again), under a token made of its events' ids, so that loading the same events again (a copy
     * run twice) stores nothing more.
     */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == StoredEvents.class) {
            return Optional.of(type.cast(new ClickHouseStoredEvents(sql)));
        }
        if (type == BulkLoad.class) {
            BulkLoad load = events -> ClickHouseEventInserts.insert(client, sql.database(), events, ClickHouseEventRows.batchToken(events));
            return Optional.of(type.cast(load));
        }
        return Optional.empty();
    }

    @Override
    public void close(Duration timeout) {
        try {
            store.close(timeout);
        } finally {
            client.close();
        }
    }
}
