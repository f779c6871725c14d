package io.mallard.application.stats;

import io.mallard.application.goal.GoalService;
import io.mallard.application.site.SiteRegistry;
import io.mallard.application.storage.DataDamage;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Filters;
import io.mallard.domain.stats.Goal;
import io.mallard.domain.stats.Interval;
import io.mallard.domain.stats.Period;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The stats use cases: resolves periods in the site's time zone, zero-fills series, and runs each
 * question through the {@link StatsCache} and the {@link QueryGate} to the {@link StatsQueries} port.
 * Access to the site is the caller's business (the HTTP adapter checks it before asking).
 */
public final class StatsService {
    private final StatsQueries queries;
    private final SiteRegistry sites;
    private final GoalService goals;
    private final StatsCache cache;
    private final QueryGate gate;
    private final Clock clock;
    private final DataDamage damage;

    public StatsService(StatsQueries queries, SiteRegistry sites, GoalService goals, StatsCache cache, QueryGate gate, Clock clock,
                        DataDamage damage) {
        this.damage = damage;
        this.queries = queries;
        this.sites = sites;
        this.goals = goals;
        this.cache = cache;
        this.gate = gate;
        this.clock = clock;
    }

    /** The question for a period of a site, resolved against today in the site's time zone. */
    /**
     * The question for a named period in the site's zone; {@code realtime} is cut to the last
     * {@value Realtime#MINUTES} minutes (up to a second past now, so that an event stored this instant counts).
     */
    public StatsQuery query(SiteId site, Period period, LocalDate date, LocalDate from, LocalDate to, Filters filters) {
        ZoneId zone = sites.timeZone(site);
        DateRange range = period.resolve(LocalDate.now(clock.withZone(zone)), date, from, to);
        StatsQuery query = new StatsQuery(site, zone, range, filters);
        if (period != Period.REALTIME) {
            return query;
        }
        Instant now = clock.instant();
        return query.clippedTo(new StatsQuery.Clip(now.minus(Duration.ofMinutes(Realtime.MINUTES)), now.plusSeconds(1)));
    }

    /**
     * What the answers to {@code query} lack because storage set damaged data aside (empty: nothing):
     * one sentence per damaged file of the site in the query's UTC days.
     */
    public List<String> missingData(StatsQuery query) {
        LocalDate first = LocalDate.ofInstant(query.from(), java.time.ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(query.until().minusNanos(1), java.time.ZoneOffset.UTC);
        return damage.affecting(query.site(), first, last).stream()
                .map(finding -> "data missing: " + (finding.events() >= 0 ? finding.events() + " event(s)" : "the events")
                        + " of " + finding.day() + " (UTC) were in a damaged file, set aside (see /health/detailed)")
                .distinct().toList();
    }

    public Totals totals(StatsQuery query) {
        return answer(query, List.of("totals", query), () -> queries.totals(query));
    }

    /**
     * Every bucket of the range, in order, empty buckets included; {@link InvalidInputException}
     * (input {@code interval}) when the range has more than {@value Interval#MAX_BUCKETS} of them.
     */
    public List<SeriesPoint> series(StatsQuery query, Interval interval) {
        List<Instant> starts = buckets(query, interval);
        return answer(query, List.of("series", query, interval), () -> zeroFilled(starts, queries.series(query, starts), SeriesPoint::start, SeriesPoint::empty));
    }

    /** Like {@link #series}, visitors and pageviews only, with the range's totals. */
    public Overview overview(StatsQuery query, Interval interval) {
        List<Instant> starts = buckets(query, interval);
        return answer(query, List.of("overview", query, interval), () -> {
            Overview found = queries.overview(query, starts);
            return new Overview(found.visitors(), found.pageviews(),
                    zeroFilled(starts, found.buckets(), Overview.Bucket::start, Overview.Bucket::empty));
        });
    }

    private static List<Instant> buckets(StatsQuery query, Interval interval) {
        try {
            return interval.buckets(query.range(), query.zone());
        } catch (IllegalArgumentException tooMany) {
            throw new InvalidInputException("interval", tooMany.getMessage());
        }
    }

    /** Rows by visitors descending, then value; {@code offset} rows skipped, at most {@code limit} returned. */
    public List<BreakdownRow> breakdownRows(StatsQuery query, Breakdown breakdown, int limit, int offset) {
        return answer(query, List.of("breakdown", query, breakdown, limit, offset), () -> queries.breakdown(query, breakdown, limit, offset));
    }

    public List<GoalConversions> goals(StatsQuery query) {
        List<Goal> siteGoals = goals.goalsIfRegistered(query.site());
        if (siteGoals.isEmpty()) {
            return List.of();
        }
        return answer(query, List.of("goals", query, siteGoals), () -> queries.goals(query, siteGoals));
    }

    /** One row per day of the range, days without events included. */
    public List<DailyRow> daily(StatsQuery query) {
        return answer(query, List.of("daily", query), () -> {
            List<LocalDate> days = query.range().first().datesUntil(query.range().last().plusDays(1)).toList();
            return zeroFilled(days, queries.daily(query), DailyRow::date, day -> new DailyRow(day, 0, 0, null, null));
        });
    }

    /** Never cached: "now" changes every second. Minutes are UTC-aligned and zero-filled. */
    public Realtime realtime(SiteId site) {
        Instant now = clock.instant();
        Instant currentMinute = now.truncatedTo(ChronoUnit.MINUTES);
        Instant firstMinute = currentMinute.minus(Duration.ofMinutes(Realtime.MINUTES - 1L));
        Realtime found = gate.run(() -> queries.realtime(site, now.minus(Duration.ofMinutes(Realtime.CURRENT_MINUTES)), firstMinute));
        List<Instant> minutes = new ArrayList<>();
        for (Instant minute = firstMinute; !minute.isAfter(currentMinute); minute = minute.plus(Duration.ofMinutes(1))) {
            minutes.add(minute);
        }
        return new Realtime(found.currentVisitors(),
                zeroFilled(minutes, found.pageviewsPerMinute(), Realtime.Minute::start, minute -> new Realtime.Minute(minute, 0)));
    }

    /**
     * The cached answer to {@code query} (live while its range reaches the present), else computed
     * through the gate. A realtime question (the only one cut to instants here) is never cached: its
     * window moves with the clock, so its key never comes again and would only push others out.
     */
    private <T> T answer(StatsQuery query, Object key, Supplier<T> compute) {
        if (query.clip() != null) {
            return gate.run(compute);
        }
        return cache.get(key, query.until().isAfter(clock.instant()), () -> gate.run(compute));
    }

    private static <K, T> List<T> zeroFilled(List<K> keys, List<T> found, Function<T, K> keyOf, Function<K, T> empty) {
        Map<K, T> byKey = new HashMap<>();
        found.forEach(row -> byKey.put(keyOf.apply(row), row));
        return keys.stream().map(key -> byKey.getOrDefault(key, empty.apply(key))).toList();
    }
}
