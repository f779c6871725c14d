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
 */
public record StatsQuery(SiteId site, ZoneId zone, DateRange range, Filters filters) {
    public Instant from() {
        return range.from(zone);
    }

    public Instant until() {
        return range.until(zone);
    }

    public StatsQuery over(DateRange other) {
        return new StatsQuery(site, zone, other, filters);
    }

    public StatsQuery with(Filters other) {
        return new StatsQuery(site, zone, range, other);
    }
}
