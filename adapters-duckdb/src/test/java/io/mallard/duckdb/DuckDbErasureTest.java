package io.mallard.duckdb;

import io.mallard.application.erasure.EventEraser.Erased;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.SiteId;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure against real files: events in the journal, the hot table and Parquet, with a range that
 * cuts UTC days (a site east of UTC), then a restart to prove nothing comes back.
 */
class DuckDbErasureTest {
    static final SiteId SITE = new SiteId("example.com");
    /** 2026-03-02 in Europe/Paris (UTC+1 in winter). */
    static final Instant FROM = Instant.parse("2026-03-01T23:00:00Z");
    static final Instant UNTIL = Instant.parse("2026-03-02T23:00:00Z");

    @TempDir
    Path dataDir;
    @AutoClose
    JournaledStorage storage;
    DuckDbEventEraser eraser;

    @BeforeEach
    void open() {
        storage = JournaledStorage.open(dataDir);
        eraser = new DuckDbEventEraser(storage.store(), storage.tiers(), () -> { });
    }

    static List<Event> visits(long from, long to, String site, String visitor, Instant at) {
        return LongStream.rangeClosed(from, to).mapToObj(id -> TestEvents.visit(id, site, visitor, at)).toList();
    }

    List<Long> storedIds() throws Exception {
        return storage.tiers().surface().query("SELECT event_id FROM {events} ORDER BY event_id", s -> { }, row -> row.getLong(1));
    }

    @Test
    void erasesTheRangeFromJournalHotAndColdTiersRewritingCutDaysAndNothingReturnsAfterARestart() throws Exception {
        List<Event> cold = new ArrayList<>();
        cold.addAll(visits(1, 5, "example.com", "keep", Instant.parse("2026-03-01T10:00:00Z")));
        cold.addAll(visits(6, 8, "example.com", "subject", Instant.parse("2026-03-01T23:30:00Z")));
        cold.addAll(visits(9, 12, "example.com", "subject", Instant.parse("2026-03-02T12:00:00Z")));
        cold.addAll(visits(13, 14, "example.com", "keep", Instant.parse("2026-03-02T23:30:00Z")));
        cold.addAll(visits(15, 16, "other.org", "keep", Instant.parse("2026-03-02T12:00:00Z")));
        cold.addAll(visits(17, 18, "example.com", "subject", Instant.parse("2026-03-02T22:59:59.999999Z")));
        storage.store().append(cold);
        storage.tiers().flushToCold();
        storage.store().append(visits(20, 22, "example.com", "subject", Instant.parse("2026-03-02T10:00:00Z")));
        storage.store().append(visits(23, 23, "example.com", "keep", Instant.parse("2026-03-05T10:00:00Z")));
        // These may still be in the journal only when the erasure starts: it must drain them first.
        storage.store().append(visits(30, 31, "Example.COM", "subject", Instant.parse("2026-03-02T09:00:00Z")));

        Erased erased = eraser.erase(SITE, FROM, UNTIL);

        // The hot events are flushed first: their 2026-03-02 files (one per spelling of the site) hold only erased events and go whole.
        assertThat(erased).isEqualTo(new Erased(3 + 4 + 2 + 3 + 2, 2, 2));
        List<Long> kept = List.of(1L, 2L, 3L, 4L, 5L, 13L, 14L, 15L, 16L, 23L);
        assertThat(storedIds()).containsExactlyElementsOf(kept);
        assertThat(parquetOnDisk("visitor_id = 'subject'")).isZero();
        assertThat(parquetOnDisk("true")).isEqualTo(kept.size());
        assertThat(journalMentions("subject")).isFalse();

        storage.close();
        open();
        assertThat(storedIds()).containsExactlyElementsOf(kept);
    }

    @Test
    void wholeDaysInsideTheRangeDropTheirFilesAndOtherSitesAreUntouched() throws Exception {
        storage.store().append(visits(1, 3, "example.com", "subject", Instant.parse("2026-03-02T00:00:00Z")));
        storage.store().append(visits(4, 6, "other.org", "keep", Instant.parse("2026-03-02T00:00:00Z")));
        storage.tiers().flushToCold();

        Erased erased = eraser.erase(SITE, Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-03T00:00:00Z"));

        assertThat(erased).isEqualTo(new Erased(3, 1, 0));
        assertThat(storedIds()).containsExactly(4L, 5L, 6L);
        assertThat(dataDir.resolve("events/site_id=example.com/date=2026-03-02")).isEmptyDirectory();
    }

    @Test
    void erasingARangeWithNoEventsChangesNothing() throws Exception {
        storage.store().append(visits(1, 2, "example.com", "keep", Instant.parse("2026-03-05T00:00:00Z")));
        storage.tiers().flushToCold();

        assertThat(eraser.erase(SITE, FROM, UNTIL)).isEqualTo(new Erased(0, 0, 0));
        assertThat(storedIds()).containsExactly(1L, 2L);
    }

    /** Rows matching {@code condition} in every Parquet file on disk, listed in the manifest or not. */
    long parquetOnDisk(String condition) throws Exception {
        try (Stream<Path> files = Files.walk(dataDir.resolve("events"))) {
            if (files.noneMatch(file -> file.toString().endsWith(".parquet"))) {
                return 0;
            }
        }
        try (var connection = storage.database().connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT count(*) FROM read_parquet('" + dataDir.resolve("events")
                     + "/**/*.parquet') WHERE " + condition)) {
            row.next();
            return row.getLong(1);
        }
    }

    boolean journalMentions(String text) throws Exception {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.list(dataDir.resolve("journal"))) {
            for (Path file : files.toList()) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
