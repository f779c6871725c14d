package io.mallard.duckdb;

import io.mallard.application.ingest.VisitAssigner;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.duckdb.TieredStorage.MoveReport;
import io.mallard.domain.event.Event;
import io.mallard.journal.EventJournal;
import io.mallard.journal.JournalPosition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.application.storage.StorageEngine;
import io.mallard.domain.event.EpochMicros;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DuckDbStorageTest {
    private static final Instant DAY1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-03-02T23:59:59Z");

    @TempDir
    Path dataDir;
    DuckDbDatabase database;
    DuckDbEventStore store;
    DuckDbTieredStorage tiers;

    @BeforeEach
    void open() {
        database = DuckDbDatabase.open(dataDir, null);
        store = DuckDbEventStore.open(database, journal());
        tiers = new DuckDbTieredStorage(database, 1);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
        database.close();
    }

    Path journal() {
        return dataDir.resolve("journal");
    }

    List<Event> all() throws Exception {
        return tiers.surface().query("SELECT * FROM {events} ORDER BY event_id", s -> { }, EventColumns::read);
    }

    static List<Event> events(long from, long to, String site, Instant at) {
        return LongStream.rangeClosed(from, to)
                .mapToObj(id -> id % 4 == 0 ? TestEvents.engagement(id, site, at) : TestEvents.pageview(id, site, at)).toList();
    }

    @Test
    void appendAsyncCompletesWithTheEventsJournaledAndFailsOnceTheStoreIsClosed() throws Exception {
        List<Event> batch = events(1, 3, "async.test", DAY1);

        store.appendAsync(batch).get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(all()).containsExactlyElementsOf(batch);

        store.close();
        assertThat(store.appendAsync(events(4, 4, "async.test", DAY1))).failsWithin(Duration.ofSeconds(5))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(StorageUnavailableException.class);
        store = DuckDbEventStore.open(database, journal());
        assertThat(all()).containsExactlyElementsOf(batch);
    }

    @Test
    void appendedEventsAreQueryableWithEveryFieldIntact() throws Exception {
        List<Event> written = events(1, 10, "example.com", DAY1);
        store.append(written);

        assertThat(all()).containsExactlyElementsOf(written);
    }

    @Test
    void flushMovesEveryHotEventToOneParquetFilePerSiteAndDayExactlyOnce() throws Exception {
        List<Event> written = new ArrayList<>(events(1, 10, "example.com", DAY1));
        written.addAll(events(11, 15, "example.com", DAY2));
        written.addAll(events(16, 20, "other.org", DAY1));
        store.append(written);

        MoveReport report = tiers.flushToCold();

        assertThat(report).isEqualTo(new MoveReport(20, 3, 0));
        assertThat(tiers.hotEventCount()).isZero();
        assertThat(tiers.coldEventCount()).isEqualTo(20);
        assertThat(all()).containsExactlyElementsOf(written);
        assertThat(Files.list(dataDir.resolve("events/site_id=example.com/date=2026-03-02"))).hasSize(1);
        assertThat(Files.list(dataDir.resolve("events/site_id=other.org/date=2026-03-01"))).hasSize(1);
    }

    /** A file written before V8 has no engagement columns: its events read with them null, next to newer ones. */
    @Test
    void parquetFilesWithoutTheNewerColumnsStillReadTheirMissingColumnsAsNull() throws Exception {
        List<Event> old = events(1, 3, "example.com", DAY1).stream().filter(event -> event.engagement() == null).toList();
        store.append(old);
        tiers.flushToCold();
        Path file;
        try (Stream<Path> files = Files.list(dataDir.resolve("events/site_id=example.com/date=2026-03-01"))) {
            file = files.findFirst().orElseThrow();
        }
        Path older = file.resolveSibling("older.parquet");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * EXCLUDE (engaged_ms, scroll_depth) FROM read_parquet('" + file + "')) TO '" + older
                    + "' (FORMAT parquet)");
        }
        Files.move(older, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        List<Event> newer = List.of(TestEvents.engagement(4, "example.com", DAY1));
        store.append(newer);

        List<Event> expected = new ArrayList<>(old);
        expected.addAll(newer);
        assertThat(all()).containsExactlyElementsOf(expected);
        tiers.flushToCold();
        assertThat(all()).as("the same with both files cold").containsExactlyElementsOf(expected);
    }

    @Test
    void anEmptyFlushWritesNothingAndQueriesWorkWithZeroColdFiles() throws Exception {
        assertThat(tiers.flushToCold()).isEqualTo(MoveReport.NOTHING);
        assertThat(all()).isEmpty();
        assertThat(dataDir.resolve("events")).doesNotExist();
    }

    @Test
    void compactionMergesAFinishedDaysFilesIntoOne() throws Exception {
        for (int flush = 0; flush < 3; flush++) {
            store.append(events(flush * 10 + 1, flush * 10 + 10, "example.com", DAY1));
            tiers.flushToCold();
        }
        Path day = dataDir.resolve("events/site_id=example.com/date=2026-03-01");
        assertThat(Files.list(day)).hasSize(3);

        MoveReport report = tiers.compactBefore(LocalDate.parse("2026-03-02"));

        assertThat(report).isEqualTo(new MoveReport(30, 1, 3));
        assertThat(Files.list(day)).hasSize(1);
        assertThat(all()).hasSize(30).extracting(Event::eventId).doesNotHaveDuplicates();
    }

    /** A flush writes arrival order with Snappy; compaction rewrites even a lone such file sorted with ZSTD, and then leaves it. */
    @Test
    void compactionRewritesAFlushedFileInTheOptimizedLayoutOnce() throws Exception {
        List<Event> written = new ArrayList<>();
        for (long id = 10; id >= 1; id--) {
            written.add(TestEvents.visit(id, "example.com", "visitor-" + (id % 3), DAY1.plusSeconds(100 - id)));
        }
        store.append(written);
        tiers.flushToCold();
        assertThat(parquetMetadata("compression")).containsOnly("SNAPPY");

        assertThat(tiers.compactBefore(LocalDate.parse("2026-03-02"))).isEqualTo(new MoveReport(10, 1, 1));

        assertThat(parquetMetadata("compression")).containsOnly("ZSTD");
        List<String> visitorsInFileOrder = parquetColumn("visitor_id");
        assertThat(visitorsInFileOrder).isSorted();
        assertThat(tiers.compactBefore(LocalDate.parse("2026-03-02"))).isEqualTo(MoveReport.NOTHING);
        assertThat(all()).containsExactlyInAnyOrderElementsOf(written);
    }

    List<String> parquetMetadata(String column) throws SQLException {
        return parquetQuery("SELECT DISTINCT " + column + " FROM parquet_metadata('" + dataDir + "/events/**/*.parquet')");
    }

    List<String> parquetColumn(String column) throws SQLException {
        return parquetQuery("SELECT " + column + " FROM read_parquet('" + dataDir + "/events/**/*.parquet')");
    }

    private List<String> parquetQuery(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    @Test
    void compactionLeavesOpenDaysAlone() throws Exception {
        store.append(events(1, 5, "example.com", DAY2));
        tiers.flushToCold();
        store.append(events(6, 9, "example.com", DAY2));
        tiers.flushToCold();

        assertThat(tiers.compactBefore(LocalDate.parse("2026-03-02"))).isEqualTo(MoveReport.NOTHING);
    }

    @Test
    void retentionDeletesOldEventsFromBothTiers() throws Exception {
        store.append(events(1, 5, "example.com", DAY1));
        tiers.flushToCold();
        store.append(events(6, 8, "example.com", DAY1));
        store.append(events(9, 10, "example.com", DAY2));

        MoveReport report = tiers.deleteBefore(LocalDate.parse("2026-03-02"));

        assertThat(report.events()).isEqualTo(8);
        assertThat(all()).extracting(Event::eventId).containsExactly(9L, 10L);
        assertThat(dataDir.resolve("events/site_id=example.com/date=2026-03-01")).isEmptyDirectory();
    }

    @Test
    void reconcileDeletesFilesTheManifestDoesNotListAndKeepsListedOnes() throws Exception {
        store.append(events(1, 5, "example.com", DAY1));
        tiers.flushToCold();
        Path orphan = dataDir.resolve("events/site_id=example.com/date=2026-03-01/part-999999.parquet");
        Files.writeString(orphan, "half-written");

        assertThat(tiers.reconcile()).isEqualTo(1);

        assertThat(orphan).doesNotExist();
        assertThat(all()).hasSize(5);
    }

    @Test
    void oldParquetFilesWithoutNewerColumnsReadAsNull() throws Exception {
        Path old = dataDir.resolve("events/site_id=example.com/date=2026-01-01/part-1.parquet");
        Files.createDirectories(old.getParent());
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT 42::BIGINT AS event_id, 'example.com' AS site_id, 'v' AS visitor_id, "
                    + "TIMESTAMP '2026-01-01 10:00:00' AS \"timestamp\", 'pageview' AS event_name, '/' AS pathname) TO '"
                    + old + "' (FORMAT parquet)");
            statement.execute("INSERT INTO cold_files (path, site_id, day, events, created_at) VALUES "
                    + "('events/site_id=example.com/date=2026-01-01/part-1.parquet', 'example.com', DATE '2026-01-01', 1, now())");
        }
        store.append(events(1, 1, "example.com", DAY1));

        List<Event> events = all();

        assertThat(events).hasSize(2);
        assertThat(events.get(1).eventId()).isEqualTo(42);
        assertThat(events.get(1).browser()).isNull();
        assertThat(events.get(1).revenueAmount()).isNull();
    }

    @Test
    void eventsJournaledButNotFlushedBeforeACrashAreLoadedAtOpenAndTheirSegmentsGoOnceFlushed() throws Exception {
        store.close();
        List<Event> journaled = events(1, 4, "example.com", DAY1);
        try (EventJournal journal = EventJournal.open(journal())) {
            journal.write(journaled.subList(0, 2));
            journal.write(journaled.subList(2, 4));
        }
        database.close();

        database = DuckDbDatabase.open(dataDir, null);
        tiers = new DuckDbTieredStorage(database, 1);
        store = DuckDbEventStore.open(database, journal());

        assertThat(all()).containsExactlyElementsOf(journaled);
        assertThat(journalSegments()).as("the journal holds the only durable copy until a flush").hasSize(1);
        tiers.flushToCold();
        assertThat(journalSegments()).isEmpty();
        assertThat(all()).containsExactlyElementsOf(journaled);
    }

    @Test
    void replayAfterACrashBetweenAFlushAndTheSegmentDeletionLoadsNothingTwice() throws Exception {
        store.close();
        database.close();
        List<Event> journaled = events(1, 6, "example.com", DAY1);
        database = DuckDbDatabase.open(dataDir, null);
        tiers = new DuckDbTieredStorage(database, 1);
        try (EventJournal journal = EventJournal.open(journal())) {
            JournalPosition afterFirst = journal.write(journaled.subList(0, 3));
            journal.write(journaled.subList(3, 6));
            // What a flush of the first record commits, the process dying before the journal drops anything.
            tiers.writeCold(journaled.subList(0, 3));
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("UPDATE journal_position SET segment = " + afterFirst.segment() + ", byte_offset = " + afterFirst.offset());
            }
        }

        store = DuckDbEventStore.open(database, journal());

        assertThat(all()).containsExactlyElementsOf(journaled);
        assertThat(tiers.hotEventCount()).isEqualTo(3);
    }

    @Test
    void flushedSegmentsAreDeletedSoACleanRestartLeavesNoJournalBehind() throws Exception {
        store.append(events(1, 3, "example.com", DAY1));
        assertThat(journalSegments()).hasSize(1);
        store.close();
        tiers.flushToCold();

        assertThat(journalSegments()).isEmpty();
        store = DuckDbEventStore.open(database, journal());
        assertThat(all()).hasSize(3);
    }

    /** The hot table lives in memory: closing the database loses it, and the journal brings it back. */
    @Test
    void hotEventsLostWithTheDatabaseAreLoadedAgainFromTheJournal() throws Exception {
        store.append(events(1, 3, "example.com", DAY1));
        store.close();
        database.close();

        database = DuckDbDatabase.open(dataDir, null);
        tiers = new DuckDbTieredStorage(database, 1);
        store = DuckDbEventStore.open(database, journal());

        assertThat(tiers.hotEventCount()).isEqualTo(3);
        assertThat(all()).containsExactlyElementsOf(events(1, 3, "example.com", DAY1));
    }

    /** A database an older version left with hot rows in mallard.duckdb: they move to Parquet at reconcile, once. */
    @Test
    void rowsAnOlderVersionKeptInTheDatabaseMoveToParquetOnce() throws Exception {
        store.close();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO events (event_id, site_id, visitor_id, \"timestamp\", event_name, pathname) VALUES "
                    + "(1, 'example.com', 'v1', TIMESTAMP '2026-03-01 10:00:00', 'pageview', '/'), "
                    + "(2, 'example.com', 'v2', TIMESTAMP '2026-03-02 10:00:00', 'pageview', '/a')");
        }

        tiers.reconcile();
        tiers.reconcile();

        assertThat(tiers.coldEventCount()).isEqualTo(2);
        store = DuckDbEventStore.open(database, journal());
        assertThat(all()).extracting(Event::eventId).containsExactly(1L, 2L);
        assertThat(Files.list(dataDir.resolve("events/site_id=example.com/date=2026-03-02"))).hasSize(1);
    }

    @Test
    void morePendingEventsThanTheBufferHoldsAreRefusedWhole() throws Exception {
        List<Event> tooMany = events(1, DuckDbEventStore.MAX_BUFFERED_EVENTS + 1, "example.com", DAY1);

        assertThatThrownBy(() -> store.append(tooMany)).isInstanceOf(StorageUnavailableException.class);
        assertThat(store.bufferedEvents()).isZero();
        assertThat(all()).isEmpty();
    }

    /** After a restart, a visitor back within the timeout continues the visit the stored events left open. */
    @Test
    void openVisitsOfTheLastDayAreRestoredFromBothTiers() throws Exception {
        Instant now = DAY2.plusSeconds(600);
        store.append(List.of(TestEvents.visit(1, "example.com", "cold-visitor", DAY2.minusSeconds(300)).withVisitId(1),
                TestEvents.visit(2, "example.com", "old-visitor", DAY2.minus(Duration.ofDays(2))).withVisitId(2)));
        tiers.flushToCold();
        store.append(List.of(TestEvents.visit(3, "example.org", "hot-visitor", DAY2).withVisitId(3),
                TestEvents.visit(4, "example.org", "legacy-visitor", DAY2)));

        VisitAssigner visits = new VisitAssigner(Duration.ofMinutes(30), 100);
        List<StorageEngine.RecentVisit> recent = RecentVisits.since(tiers.surface(), now.minus(VisitAssigner.PAGE_LEAVE_REACH));
        recent.forEach(visit -> visits.restore(VisitAssigner.key(visit.visitorId()),
                new VisitAssigner.OpenVisit(visit.visitId(), EpochMicros.of(visit.lastEvent()))));
        assertThat(recent).hasSize(2);

        assertThat(visits.assign(TestEvents.visit(10, "example.com", "cold-visitor", now)).visitId()).isEqualTo(1);
        assertThat(visits.assign(TestEvents.visit(11, "example.org", "hot-visitor", now)).visitId()).isEqualTo(3);
        assertThat(visits.assign(TestEvents.visit(12, "example.com", "old-visitor", now)).visitId()).as("two days old").isEqualTo(12);
    }

    @Test
    void aClosedStoreRefusesEvents() throws Exception {
        store.close();

        assertThatThrownBy(() -> store.append(events(1, 1, "example.com", DAY1)))
                .isInstanceOf(StorageUnavailableException.class);
        store = DuckDbEventStore.open(database, journal());
        assertThat(all()).isEmpty();
    }

    List<Path> journalSegments() throws IOException {
        try (Stream<Path> files = Files.list(journal())) {
            return files.toList();
        }
    }
}
