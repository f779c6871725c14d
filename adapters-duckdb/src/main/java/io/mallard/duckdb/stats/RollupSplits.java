package io.mallard.duckdb.stats;

import io.mallard.duckdb.Sql;
import io.mallard.application.stats.RollupStore.Counts;
import io.mallard.application.stats.RollupStore.MissingSplit;
import io.mallard.application.stats.RollupStore.Split;
import io.mallard.domain.event.SiteId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Zone splits in {@code rollup_splits}: a rolled-up UTC day cut where a day of a site's zone begins,
 * with the counts on each side, so that daily series in that zone add whole UTC days and pieces.
 * A split belongs to its day's fingerprint: a changed day has none until it is cut again.
 */
final class RollupSplits {
    private static final String MISSING = Sql.named("rollup-missing-splits");
    private static final String CURRENT = Sql.named("rollup-current-splits");

    private RollupSplits() {
    }

    static List<MissingSplit> missing(Connection connection, SiteId site, ZoneId zone, String basis, int limit) throws SQLException {
        List<MissingSplit> missing = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(MISSING)) {
            RollupTables.bind(statement, RollupTables.key(site), basis);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next() && missing.size() < limit) {
                    LocalDate day = rows.getObject("day", LocalDate.class);
                    Instant at = zoneDayStartWithin(day, zone);
                    LocalDateTime stored = rows.getObject("split_at", LocalDateTime.class);
                    if (at != null && (stored == null || !stored.toInstant(ZoneOffset.UTC).equals(at))) {
                        missing.add(new MissingSplit(site, day, at, rows.getString("fingerprint")));
                    }
                }
            }
        }
        return missing;
    }

    /** Stores the split if the day's rollup still has its fingerprint; false otherwise. */
    static boolean save(Connection connection, MissingSplit split, Counts head, Counts tail) throws SQLException {
        String key = RollupTables.key(split.site());
        try (PreparedStatement statement = connection.prepareStatement("SELECT fingerprint FROM rollup_days WHERE site_id = ? AND day = ?")) {
            RollupTables.bind(statement, key, split.day());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next() || !split.fingerprint().equals(row.getString("fingerprint"))) {
                    return false;
                }
            }
        }
        RollupTables.update(connection, "DELETE FROM rollup_splits WHERE site_id = ? AND day = ?", key, split.day());
        RollupTables.update(connection, "INSERT INTO rollup_splits VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", key, split.day(),
                LocalDateTime.ofInstant(split.at(), ZoneOffset.UTC), split.fingerprint(), head.visitors(), head.visits(), head.pageviews(),
                tail.visitors(), tail.visits(), tail.pageviews());
        return true;
    }

    static Map<LocalDate, Split> current(Connection connection, SiteId site, LocalDate first, LocalDate last) throws SQLException {
        Map<LocalDate, Split> splits = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(CURRENT)) {
            RollupTables.bind(statement, RollupTables.key(site), first, last);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    splits.put(row.getObject("day", LocalDate.class), new Split(row.getObject("split_at", LocalDateTime.class).toInstant(ZoneOffset.UTC),
                            new Counts(row.getLong("head_visitors"), row.getLong("head_visits"), row.getLong("head_pageviews")),
                            new Counts(row.getLong("tail_visitors"), row.getLong("tail_visits"), row.getLong("tail_pageviews"))));
                }
            }
        }
        return Map.copyOf(splits);
    }

    /** The instant strictly inside UTC {@code day} where a day of {@code zone} begins; null when none does. */
    static Instant zoneDayStartWithin(LocalDate day, ZoneId zone) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = start.plus(Duration.ofDays(1));
        for (LocalDate local = day.minusDays(1); !local.isAfter(day.plusDays(1)); local = local.plusDays(1)) {
            Instant localStart = local.atStartOfDay(zone).toInstant();
            if (localStart.isAfter(start) && localStart.isBefore(end)) {
                return localStart;
            }
        }
        return null;
    }
}
