package io.mallard.duckdb;

import io.mallard.application.storage.StorageEngine.RecentVisit;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.event.EpochMicros;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Each visitor's latest event with a visit id since an instant, from both tiers (journaled events are loaded first). */
final class RecentVisits {
    private static final String LATEST_PER_VISITOR = Sql.named("recent-visits");

    private RecentVisits() {
    }

    static List<RecentVisit> since(EventSurface surface, Instant since) {
        List<RecentVisit> found = new ArrayList<>();
        try {
            surface.forEachSince(LATEST_PER_VISITOR, since, statement -> statement.setLong(1, EpochMicros.of(since)),
                    row -> found.add(new RecentVisit(row.getString("visitor_id"), row.getLong("visit_id"),
                            EpochMicros.toInstant(row.getLong("last_micros")))));
        } catch (SQLException e) {
            throw new StorageUnavailableException("cannot read the open visits: " + e.getMessage(), e);
        }
        return found;
    }
}
