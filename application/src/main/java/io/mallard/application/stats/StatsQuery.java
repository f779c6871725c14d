package io.mallard.application.stats;

import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Filters;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The normalized question every stats figure answers: which site, which days (in the site's time
 * zone), which events and visits. Equal questions are equal records, which makes this the key of
 * the query cache (with the endpoint and its own parameters).
 *
 * @param clip when not null, the instants actually read instead of the whole range: the part of a
 *             range that daily rollups do not cover ({@link RolledUpStatsQueries})
 */
public record StatsQuery(SiteId site, ZoneId zone, DateRange range, Filters filters, Clip clip) {
    /** A half-open interval of instants inside the range. */
    public record Clip(Instant from, Instant until) {
        public Clip {
            if (!from.isBefore(until)) {
                throw new IllegalArgumentException("a clip must not be empty: " + from + " - " + until);
            }
        }
    }

    public StatsQuery(SiteId site, ZoneId zone, DateRange range, Filters filters) {
        this(site, zone, range, filters, null);
    }

    public Instant from() {
        return clip != null ? clip.from() : range.from(zone);
    }

    public Instant until() {
        return clip != null ? clip.until() : range.until(zone);
    }

    public StatsQuery over(DateRange other) {
        return new StatsQuery(site, zone, other, filters);
    }

    public StatsQuery with(Filters other) {
        return new StatsQuery(site, zone, range, other);
    }

    /** The same question over the instants of {@code window} only. */
    public StatsQuery clippedTo(Clip window) {
        return new StatsQuery(site, zone, range, filters, window);
    }
}
