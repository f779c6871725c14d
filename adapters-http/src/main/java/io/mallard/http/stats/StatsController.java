package io.mallard.http.stats;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessPolicy;
import io.mallard.application.stats.Breakdown;
import io.mallard.application.stats.Realtime;
import io.mallard.application.stats.SeriesPoint;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.stats.StatsService;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.application.validation.NotFoundException;
import io.mallard.domain.stats.Dimension;
import io.mallard.domain.stats.Interval;
import io.mallard.application.account.AccessRule;
import io.mallard.http.security.SiteAccess;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * The stats API. Every route reads one site (the caller must be allowed to read it) over a period
 * in the site's time zone, narrowed by {@code filters}; definitions in {@code docs/METRICS.md}.
 */
@Controller("/api/stats")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatsController {
    private final StatsService stats;
    private final AccessPolicy policy;

    public StatsController(StatsService stats, AccessPolicy policy) {
        this.stats = stats;
        this.policy = policy;
    }

    @Get("/main")
    @AccessRule(Access.READ_STATS)
    public StatsViews.Main main(HttpRequest<?> request) {
        StatsRequest parameters = read(request);
        StatsQuery query = parameters.query();
        StatsViews.Main main = StatsViews.Main.of(stats.totals(query), query, stats.missingData(query));
        return parameters.comparison().map(comparison -> {
            StatsQuery before = query.over(comparison.apply(query.range()));
            return main.comparedWith(StatsViews.Main.of(stats.totals(before), before, stats.missingData(before)));
        }).orElse(main);
    }

    @Get("/timeseries")
    @AccessRule(Access.READ_STATS)
    public List<StatsViews.Point> timeseries(HttpRequest<?> request) {
        StatsRequest parameters = read(request);
        StatsQuery query = parameters.query();
        Interval interval = parameters.interval();
        List<SeriesPoint> series = stats.series(query, interval);
        List<SeriesPoint> comparison = parameters.comparison()
                .map(compare -> stats.series(query.over(compare.apply(query.range())), interval)).orElse(null);
        return StatsViews.Point.of(series, comparison, interval, query.zone());
    }

    /** Visitors and pageviews, in total and per bucket, without visit figures: the site list's cards. */
    @Get("/overview")
    @AccessRule(Access.READ_STATS)
    public StatsViews.SiteOverview overview(HttpRequest<?> request) {
        StatsRequest parameters = read(request);
        StatsQuery query = parameters.query();
        Interval interval = parameters.interval();
        return StatsViews.SiteOverview.of(stats.overview(query, interval), query, interval);
    }

    @Get("/sessions")
    @AccessRule(Access.READ_STATS)
    public StatsViews.Sessions sessions(HttpRequest<?> request) {
        return StatsViews.Sessions.of(stats.totals(read(request).query()));
    }

    @Get("/breakdown/goals")
    @AccessRule(Access.READ_STATS)
    public List<StatsViews.GoalRow> goals(HttpRequest<?> request) {
        StatsQuery query = read(request).query();
        long visitors = stats.totals(query).visitors();
        return stats.goals(query).stream().map(conversions -> StatsViews.GoalRow.of(conversions, visitors)).toList();
    }

    @Get("/breakdown/props/{key}")
    @AccessRule(Access.READ_STATS)
    public List<StatsViews.Row> props(HttpRequest<?> request, String key) {
        StatsRequest parameters = read(request);
        Breakdown breakdown;
        try {
            breakdown = new Breakdown(Dimension.PROP, key);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("key", e.getMessage());
        }
        return rows(parameters, breakdown);
    }

    @Get("/breakdown/{dimension}")
    @AccessRule(Access.READ_STATS)
    public List<StatsViews.Row> breakdown(HttpRequest<?> request, String dimension) {
        Dimension found = Dimension.byBreakdownName(dimension).filter(named -> named != Dimension.PROP)
                .orElseThrow(() -> new NotFoundException("dimension", "no breakdown " + dimension + "; known: "
                        + Dimension.breakdownNames() + ", goals"));
        return rows(read(request), Breakdown.of(found));
    }

    @Get("/realtime")
    @AccessRule(Access.READ_STATS)
    public RealtimeView realtime(HttpRequest<?> request) {
        Realtime realtime = stats.realtime(SiteAccess.require(request, policy, request.getParameters().get("site_id")));
        return new RealtimeView(realtime.currentVisitors(),
                realtime.pageviewsPerMinute().stream().map(minute -> new MinuteView(minute.start(), minute.pageviews())).toList());
    }

    @Serdeable
    public record RealtimeView(long current_visitors, List<MinuteView> pageviews_per_minute) {
    }

    @Serdeable
    public record MinuteView(Instant minute, long pageviews) {
    }

    @Get("/export")
    @AccessRule(Access.READ_STATS)
    public MutableHttpResponse<?> export(HttpRequest<?> request) {
        StatsRequest parameters = read(request);
        String format = parameters.text("format") == null ? "csv" : parameters.text("format");
        StatsQuery query = parameters.query();
        String name = "mallard-" + query.site().value() + "-" + query.range().first() + "-" + query.range().last();
        var rows = stats.daily(query);
        return switch (format) {
            case "csv" -> HttpResponse.ok(DailyExport.csv(rows)).contentType(new MediaType("text/csv; charset=utf-8"))
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
            case "json" -> HttpResponse.ok(rows.stream().map(DailyExport.Day::of).toList()).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".json\"");
            default -> throw new InvalidInputException("format", "format must be csv or json");
        };
    }

    private List<StatsViews.Row> rows(StatsRequest parameters, Breakdown breakdown) {
        return stats.breakdown(parameters.query(), breakdown, parameters.limit(), parameters.page()).stream().map(StatsViews.Row::of).toList();
    }

    private StatsRequest read(HttpRequest<?> request) {
        return StatsRequest.read(request, stats, policy);
    }
}
