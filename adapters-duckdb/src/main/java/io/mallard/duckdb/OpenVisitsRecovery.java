package io.mallard.duckdb;

import io.mallard.application.ingest.VisitAssigner;
import io.mallard.application.storage.StorageUnavailableException;
import io.mallard.domain.event.EpochMicros;

import java.sql.SQLException;
import java.time.Instant;

/**
 * After a restart, tells the {@link VisitAssigner} which visits the stored events left open, so a
 * visitor who comes back within the timeout continues the visit instead of starting a second one:
 * the latest event of each visitor within {@link VisitAssigner#PAGE_LEAVE_REACH} before
 * {@code now}, from both tiers (journaled events are loaded before this runs).
 */
public final class OpenVisitsRecovery {
    private static final String LATEST_PER_VISITOR = "SELECT visitor_id, epoch_us(max(\"timestamp\")), arg_max(visit_id, \"timestamp\") "
            + "FROM {events} WHERE \"timestamp\" >= make_timestamp(CAST(? AS BIGINT)) AND visit_id IS NOT NULL GROUP BY visitor_id";

    private OpenVisitsRecovery() {
    }

    /** The number of visitors restored. */
    public static int restore(EventSurface surface, VisitAssigner visits, Instant now) {
        Instant since = now.minus(VisitAssigner.PAGE_LEAVE_REACH);
        int[] restored = new int[1];
        try {
            surface.forEachSince(LATEST_PER_VISITOR, since, statement -> statement.setLong(1, EpochMicros.of(since)),
                    row -> {
                        visits.restore(VisitAssigner.key(row.getString(1)), new VisitAssigner.OpenVisit(row.getLong(3), row.getLong(2)));
                        restored[0]++;
                    });
        } catch (SQLException e) {
            throw new StorageUnavailableException("cannot read the open visits: " + e.getMessage(), e);
        }
        return restored[0];
    }
}
