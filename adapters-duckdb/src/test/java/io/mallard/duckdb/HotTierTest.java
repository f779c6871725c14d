package io.mallard.duckdb;

import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.event.Event;
import io.mallard.journal.EventJournal;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-memory hot tier: what queries see of it around a flush, and its bound. */
class HotTierTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dataDir;
    @AutoClose
    JournaledStorage storage;

    @BeforeEach
    void open() {
        storage = JournaledStorage.open(dataDir);
    }

    static List<Event> events(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(id -> TestEvents.pageview(id, "example.com", AT)).toList();
    }

    long count(DuckDBConnection connection, String relation) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM " + relation)) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * A query that listed the manifest before a flush committed reads the moved events from the hot
     * tier, which keeps them until that query ends; a query after the commit reads them from Parquet.
     */
    @Test
    void aQueryThatBeganBeforeAFlushStillSeesEachMovedEventOnce() throws Exception {
        storage.storeHot(events(1, 5));
        EventSurface surface = storage.tiers().surface();

        long during = storage.database().readers().whileReading(() -> {
            try (DuckDBConnection connection = storage.database().connect()) {
                connection.setAutoCommit(false);
                String relation = surface.relation(connection);
                assertThat(storage.tiers().flushToCold().events()).isEqualTo(5);
                storage.database().hot().deleteReleased();
                try {
                    return count(connection, relation);
                } finally {
                    connection.rollback();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        assertThat(during).isEqualTo(5);
        assertThat(surface.query("SELECT count(*) FROM {events}", s -> { }, row -> row.getLong(1))).containsExactly(5L);
        assertThat(storage.tiers().hotEventCount()).isZero();
        assertThat(storage.tiers().coldEventCount()).isEqualTo(5);
    }

    @Test
    void movedEventsLeaveMemoryOnceNoQueryCanReadThem() throws Exception {
        storage.storeHot(events(1, 5));
        storage.tiers().flushToCold();
        storage.storeHot(events(6, 7));

        storage.tiers().flushToCold();

        assertThat(storage.database().hot().between(io.mallard.journal.JournalPosition.START,
                storage.database().hot().loadedThrough())).extracting(Event::eventId).as("only the last flush's events, not yet released")
                .containsExactly(6L, 7L);
    }

    /** With flushes failing, memory would grow without bound: past the capacity new events are refused (a 503). */
    @Test
    void newEventsAreRefusedWhileTheHotTierHoldsItsCapacityAndAcceptedAgainAfterAFlush() throws Exception {
        int half = HotTable.CAPACITY / 2;
        storage.storeHot(events(1, half));
        storage.storeHot(events(half + 1, HotTable.CAPACITY));

        assertThatThrownBy(() -> storage.storeHot(events(HotTable.CAPACITY + 1, HotTable.CAPACITY + 1)))
                .isInstanceOf(StorageUnavailableException.class).hasMessageContaining("moved to Parquet");
        storage.tiers().flushToCold();
        storage.storeHot(events(HotTable.CAPACITY + 1, HotTable.CAPACITY + 1));
        assertThat(storage.tiers().coldEventCount() + storage.tiers().hotEventCount()).isEqualTo(HotTable.CAPACITY + 1);
    }

    /** A journal longer than the hot tier holds is replayed in pieces, each flushed to Parquet when the tier fills. */
    @Test
    void aJournalLongerThanTheHotTierIsReplayedInBoundedMemory() throws Exception {
        storage.close();
        long total = HotTable.CAPACITY + 20_000;
        try (EventJournal journal = EventJournal.open(dataDir.resolve("journal"))) {
            for (long first = 1; first <= total; first += 10_000) {
                journal.write(events(first, Math.min(total, first + 9_999)));
            }
        }
        DuckDbDatabase database = DuckDbDatabase.open(dataDir, null);
        DuckDbTieredStorage tiers = new DuckDbTieredStorage(database, 1);
        AtomicInteger flushes = new AtomicInteger();

        DuckDbEventStore store = DuckDbEventStore.open(database, dataDir.resolve("journal"), () -> {
            flushes.incrementAndGet();
            tiers.flushToCold();
        });
        storage = new JournaledStorage(database, store, tiers);

        assertThat(flushes).hasPositiveValue();
        assertThat(tiers.hotEventCount()).isLessThanOrEqualTo(HotTable.CAPACITY);
        assertThat(tiers.surface().query("SELECT count(*), count(DISTINCT event_id) FROM {events}", s -> { },
                row -> List.of(row.getLong(1), row.getLong(2)))).containsExactly(List.of(total, total));
    }
}
