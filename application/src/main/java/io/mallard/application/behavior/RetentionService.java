package io.mallard.application.behavior;

import io.mallard.application.site.SiteRegistry;
import io.mallard.application.stats.QueryGate;
import io.mallard.application.stats.StatsQuery;
import io.mallard.domain.event.EpochMicros;
import io.mallard.domain.stats.DateRange;
import io.mallard.domain.stats.Interval;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cohort retention: the {@link BehaviorQueries#retention} grid (the {@code retention} function
 * with condition 1 = the cohort event in the visitor's first period and condition {@code k + 1} =
 * a return event {@code k} periods later), over periods that follow the site's calendar and time
 * zone.
 */
public final class RetentionService {
    private final BehaviorQueries queries;
    private final SiteRegistry sites;
    private final QueryGate gate;
    private final IdentityWindow identity;
    private final Clock clock;

    public RetentionService(BehaviorQueries queries, SiteRegistry sites, QueryGate gate, IdentityWindow identity, Clock clock) {
        this.queries = queries;
        this.sites = sites;
        this.gate = gate;
        this.identity = identity;
        this.clock = clock;
    }

    public RetentionReport retention(RetentionQuery retention) {
        ZoneId zone = sites.timeZone(retention.site());
        LocalDate last = LocalDate.now(clock.withZone(zone));
        LocalDate first = periodStart(retention.unit(), last).minus(retention.periods() - 1L, unit(retention.unit()));
        StatsQuery query = new StatsQuery(retention.site(), zone, new DateRange(first, last), retention.filters());
        long[] starts = retention.unit().buckets(query.range(), query.zone()).stream()
                .mapToLong(EpochMicros::of).toArray();
        int periods = starts.length;
        long[][] grid = gate.run(() -> queries.retention(query,
                new BehaviorQueries.RetentionScan(retention.cohortEvent(), retention.returnEvent(), starts)));
        List<RetentionReport.Cohort> cohorts = new ArrayList<>();
        for (int cohort = 0; cohort < periods; cohort++) {
            long[] retained = grid[cohort];
            double[] rates = Arrays.stream(retained).mapToDouble(count -> Rates.of(count, retained[0])).toArray();
            LocalDate start = EpochMicros.toInstant(starts[cohort]).atZone(query.zone()).toLocalDate();
            cohorts.add(new RetentionReport.Cohort(start, retained[0], retained, rates));
        }
        return new RetentionReport(retention.unit().label(), cohorts, identity.warnRetention(length(retention.unit()).multipliedBy(periods - 1L)));
    }

    private static LocalDate periodStart(Interval unit, LocalDate day) {
        return switch (unit) {
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            default -> day;
        };
    }

    private static ChronoUnit unit(Interval unit) {
        return switch (unit) {
            case WEEK -> ChronoUnit.WEEKS;
            case MONTH -> ChronoUnit.MONTHS;
            default -> ChronoUnit.DAYS;
        };
    }

    private static Duration length(Interval unit) {
        return switch (unit) {
            case WEEK -> Duration.ofDays(7);
            case MONTH -> Duration.ofDays(28);
            default -> Duration.ofDays(1);
        };
    }
}
