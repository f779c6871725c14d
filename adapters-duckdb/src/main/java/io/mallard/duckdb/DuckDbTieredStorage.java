package io.mallard.duckdb;

import io.mallard.application.erasure.EventEraser.Erased;
import io.mallard.application.storage.DataDamage;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.SiteId;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The two tiers over DuckDB and Parquet, and the moves between them. Each move is committed with
 * its manifest change in one DuckDB transaction (see {@code V2__cold_files.sql}): a crash before
 * the commit leaves an unlisted file that {@link #reconcile()} deletes at startup and the events
 * where they were (the journal, for hot events); a crash after leaves a complete move. Either way
 * each event is counted exactly once. The moves live in their own classes ({@link ColdMoves},
 * {@link Compaction}, {@link ColdRetention}, {@link RangeErasure}, {@link ColdReconciliation});
 * this class serialises them with its monitor, while appends and queries run alongside.
 */
public final class DuckDbTieredStorage implements TieredStorage {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbTieredStorage.class);

    private final ColdTier tier;
    private final ColdMoves moves;
    private final Compaction compaction;
    private final ColdRetention retention;
    private final ColdReconciliation reconciliation;

    public DuckDbTieredStorage(DuckDbDatabase database, long fileSequenceSeed) {
        this(database, fileSequenceSeed, new DataDamage());
    }

    /** Damaged cold files found by queries, moves or checks are set aside and reported to {@code damage}. */
    public DuckDbTieredStorage(DuckDbDatabase database, long fileSequenceSeed, DataDamage damage) {
        ColdLayout layout = new ColdLayout(database.dataDir());
        ColdQuarantine quarantine = new ColdQuarantine(database, layout, damage, this);
        this.tier = new ColdTier(database, layout, new ColdFileWriter(layout, fileSequenceSeed), database.readers(),
                new EventSurface(database, layout, quarantine), quarantine);
        this.moves = new ColdMoves(tier);
        this.compaction = new Compaction(tier);
        this.retention = new ColdRetention(tier);
        this.reconciliation = new ColdReconciliation(tier);
    }

    /**
     * Startup check of the cold files (their Parquet framing; files set aside by earlier runs are
     * reported again). Returns the files set aside now.
     */
    public int checkColdFiles() {
        return tier.quarantine().checkAtStartup();
    }

    /** Reads one more cold file in full, setting it aside if damaged; false once every file was read since start. */
    public boolean verifyNextColdFile() {
        return tier.quarantine().verifyNext();
    }

    public EventSurface surface() {
        return tier.surface();
    }

    @Override
    public long hotEventCount() {
        return tier.database().hot().waiting();
    }

    /** Events in the manifest's Parquet files. */
    public long coldEventCount() {
        try (DuckDBConnection connection = tier.database().connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(Sql.named("count-cold"))) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new StorageUnavailableException("count failed: " + e.getMessage(), e);
        }
    }

    /**
     * Moves every hot event loaded so far to Parquet: one new file per site and UTC day, listed in
     * the manifest in the transaction that records the journal position the move reaches, after
     * which queries skip those hot events and the journal drops the segments before it.
     */
    @Override
    public synchronized MoveReport flushToCold() {
        return moves.flushToCold();
    }

    /**
     * Writes events straight to Parquet, bypassing the journal and the hot tier: one file per site
     * and UTC day, listed in one transaction. For bulk loads such as the traffic generator, where a
     * run that crashes is simply run again.
     */
    public synchronized MoveReport writeCold(List<Event> events) {
        return moves.writeCold(events);
    }

    @Override
    public synchronized MoveReport compactBefore(LocalDate firstOpenDay) {
        return compaction.compactBefore(firstOpenDay);
    }

    /** Hot events older than the cutoff (a journal replayed after a long stop) are flushed first and go with the rest. */
    @Override
    public synchronized MoveReport deleteBefore(LocalDate cutoff) {
        moves.flushToCold();
        return retention.deleteBefore(cutoff);
    }

    /**
     * Deletes a site's events in {@code [from, until)} from the cold files in one transaction, then
     * removes the replaced files and checkpoints, so the database's write-ahead log no longer holds
     * the deleted rows either. Hot events are not touched: {@link DuckDbEventEraser} flushes them
     * to Parquet first.
     */
    public Erased erase(SiteId site, Instant from, Instant until) {
        return erase(site, new RangeErasure.Selection(from, until, null));
    }

    /** Like {@link #erase(SiteId, Instant, Instant)} for the events of some visitor ids, on every day. */
    public Erased eraseVisitors(SiteId site, Set<String> visitorIds) {
        return erase(site, RangeErasure.Selection.visitors(visitorIds));
    }

    private synchronized Erased erase(SiteId site, RangeErasure.Selection selection) {
        RangeErasure.Result result;
        try (DuckDBConnection connection = tier.database().connect()) {
            connection.setAutoCommit(false);
            try {
                result = new RangeErasure(tier.writer(), tier.surface()).run(connection, site, selection);
                connection.commit();
            } catch (SQLException | IOException e) {
                connection.rollback();
                throw e;
            }
            tier.readers().deleteExclusively(tier.layout(), result.replacedFiles());
        } catch (SQLException | IOException e) {
            throw new StorageUnavailableException("erasure failed: " + e.getMessage(), e);
        }
        try {
            tier.database().checkpoint();
        } catch (SQLException e) {
            LOG.warn("checkpoint after an erasure failed (the next automatic checkpoint clears the log): {}", e.getMessage());
        }
        return result.erased();
    }

    /**
     * Startup check after a crash or an upgrade: deletes Parquet files the manifest does not list,
     * drops manifest rows whose file has vanished, and moves to Parquet the rows a version before
     * V13 left in mallard.duckdb ({@link ColdReconciliation}). Returns the files deleted.
     */
    public synchronized int reconcile() {
        return reconciliation.reconcile();
    }
}
