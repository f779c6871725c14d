package io.mallard.duckdb.stats;

import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.stats.Dimension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Decides which visits of a question are read from the stored visits ({@link StoredVisits}): its
 * whole UTC days whose rollup is usable and holds visits. The rest of the range becomes parts read
 * from events, which must share no visitor with those days (checked as the rollups check their
 * parts); when they do, or when no day qualifies, every visit is grouped from events as before.
 */
final class StoredVisitPlanner {
    private final DuckDbRollupStore rollups;

    /** {@code rollups} null: nothing is stored, every question groups its visits from events. */
    StoredVisitPlanner(DuckDbRollupStore rollups) {
        this.rollups = rollups;
    }

    /** For a question about events: only a visit filter needs visits. */
    StoredVisits planForEvents(StatsQuery query) {
        return query.filters().of(Dimension.Scope.VISIT).isEmpty() ? StoredVisits.NONE : plan(query);
    }

    /**
     * A clipped question is a part of a larger one, read from events because its days have no
     * usable rollup (the rollup builder's days, today, a zone's partial days): none of its visits
     * is stored, and it is answered without looking.
     */
    StoredVisits plan(StatsQuery query) {
        if (rollups == null || query.clip() != null) {
            return StoredVisits.NONE;
        }
        Instant from = query.from();
        Instant until = query.until();
        LocalDate first = utcDay(from.plus(Duration.ofDays(1)).minusNanos(1));
        LocalDate last = utcDay(until).minusDays(1);
        if (first.isAfter(last)) {
            return StoredVisits.NONE;
        }
        Set<LocalDate> stored = rollups.visitDays(query.site(), first, last);
        if (stored.isEmpty()) {
            return StoredVisits.NONE;
        }
        List<LocalDate> days = new ArrayList<>();
        List<StatsQuery.Clip> parts = new ArrayList<>();
        Instant cursor = from;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (stored.contains(day)) {
                Instant start = start(day);
                if (cursor.isBefore(start)) {
                    parts.add(new StatsQuery.Clip(cursor, start));
                }
                days.add(day);
                cursor = start(day.plusDays(1));
            }
        }
        if (cursor.isBefore(until)) {
            parts.add(new StatsQuery.Clip(cursor, until));
        }
        if (!parts.isEmpty() && !rollups.disjoint(query, parts, stored)) {
            return StoredVisits.NONE;
        }
        return new StoredVisits(RollupTables.key(query.site()), days, parts);
    }

    private static LocalDate utcDay(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
