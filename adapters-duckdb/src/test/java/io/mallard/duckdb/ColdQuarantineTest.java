package io.mallard.duckdb;

import io.mallard.application.storage.DataDamage;
import io.mallard.domain.event.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The background check reads every cold file in full: healthy files stay, a file whose pages are
 * damaged behind an intact header and footer is set aside, and queries go on without its events.
 */
class ColdQuarantineTest {
    static final Instant DAY_ONE = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant DAY_TWO = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path dataDir;

    static List<Event> events(long from, long count, Instant at) {
        return LongStream.range(from, from + count).mapToObj(id -> TestEvents.pageview(id, "example.com", at.plusSeconds(id))).toList();
    }

    private List<Path> coldFiles() throws Exception {
        try (Stream<Path> files = Files.walk(dataDir.resolve("events"))) {
            return files.filter(file -> file.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    private static long count(DuckDbTieredStorage tiers) throws SQLException {
        return tiers.surface().query("SELECT count(*) FROM {events}", statement -> { }, row -> row.getLong(1)).getFirst();
    }

    @Test
    void healthyFilesPassTheFullReadAndADamagedPageSetsItsFileAside() throws Exception {
        DataDamage damage = new DataDamage();
        try (DuckDbDatabase database = DuckDbDatabase.open(dataDir, null)) {
            DuckDbTieredStorage tiers = new DuckDbTieredStorage(database, 1, damage);
            tiers.writeCold(events(1, 5_000, DAY_ONE));
            tiers.writeCold(events(10_001, 3_000, DAY_TWO));

            while (tiers.verifyNextColdFile()) {
                // every file read once
            }
            assertThat(damage.findings()).as("healthy files are not set aside").isEmpty();
            assertThat(count(tiers)).isEqualTo(8_000);

            Path damaged = coldFiles().getFirst();
            byte[] bytes = Files.readAllBytes(damaged);
            for (int i = 4; i < bytes.length * 2 / 3; i++) {
                bytes[i] = (byte) (i * 7919);
            }
            Files.write(damaged, bytes);
            DuckDbTieredStorage restarted = new DuckDbTieredStorage(database, 2, damage);
            while (restarted.verifyNextColdFile()) {
                // the new instance has verified nothing yet
            }

            assertThat(damage.findings()).singleElement().satisfies(finding -> {
                assertThat(finding.kind()).isEqualTo(DataDamage.Kind.COLD_FILE);
                assertThat(finding.events()).isEqualTo(5_000);
            });
            assertThat(dataDir.resolve("quarantine").resolve(dataDir.relativize(damaged))).exists();
            assertThat(count(restarted)).as("the other day's events still answer").isEqualTo(3_000);
        }
    }
}
