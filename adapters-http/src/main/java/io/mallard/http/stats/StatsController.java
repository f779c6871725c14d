package io.mallard.http.stats;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessPolicy;
import io.mallard.application.query.Pagination;
import io.mallard.application.query.Query;
import io.mallard.application.query.QueryDimension;
import io.mallard.application.query.QueryResult;
import io.mallard.application.query.QueryService;
import io.mallard.application.stats.Breakdown;
import io.mallard.application.stats.Realtime;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stats API. Every route reads one site (the caller must be allowed to read it) over a period
 * in the site's time zone, narrowed by {@code filters}; definitions in {@code docs/METRICS.md}.
 * {@code main}, {@code sessions}, {@code timeseries} and the breakdowns state their question as a
 * {@link Query} (metrics × dimension × filters × range × pagination) and shape its answer; the
 * overview (one pass for the site list's totals and buckets), goals, realtime and the export ask
 * {@link StatsService} directly.
 */
@Controller("/api/stats")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StatsController {
    private final StatsService stats;
    private final QueryService queries;
    private final AccessPolicy policy;

    public StatsController(StatsService stats, QueryService queries, AccessPolicy policy) {
        this.stats = stats;
        this.queries = queries;
        this.policy = policy;
    }

    @Get("/main")
    @AccessRule(Access.READ_STATS)
    public StatsViews.Main main(HttpRequest<?> request) {
        StatsRequest parameters = read(request);
        StatsQuery query = parameters.query();
        StatsViews.Main main = StatsViews.Main.of(queries.answer(Query.totals(query, StatsViews.Main.METRICS)), query, stats.missingData(query));
        return parameters.comparison().map(comparison -> {
            StatsQuery before = query.over(comparison.apply(query.range()));
            return main.comparedWith(StatsViews.Main.of(queries.answer(Query.totals(before, StatsViews.Main.METRICS)), before,
                    stats.missingData(before)));
        }).orElse(main);
    }

    @Get("/timeseries")
    @AccessRule(Access.READ_STATS)
    public List<StatsViews.Point> timeseries(HttpRequest<?> request) {
        StatsRequest parameters = read(request);
        StatsQuery query = parameters.query();
        Interval interval = parameters.interval();
        Query series = new Query(query, StatsViews.Point.METRICS, List.of(new QueryDimension.Time(interval)), List.of(), Pagination.DEFAULT);
        QueryResult comparison = parameters.comparison()
                .map(compare -> queries.answer(series.over(query.over(compare.apply(query.range()))))).orElse(null);
        return StatsViews.Point.of(queries.answer(series), comparison, interval, query.zone());
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
        return StatsViews.Sessions.of(queries.answer(Query.totals(read(request).query(), StatsViews.Sessions.METRICS)));
    }

    @Get("/breakdown/goals")
    @AccessRule(Access.READ_STATS)
    public List<StatsViews.GoalRow> goals(HttpRequest<?> request) {
        return goalRows(read(request).query());
    }

    private List<StatsViews.GoalRow> goalRows(StatsQuery query) {
        long visitors = stats.totals(query).visitors();
        return stats.goals(query).stream().map(conversions -> StatsViews.GoalRow.of(conversions, visitors)).toList();
    }

    /** Every breakdown but custom properties (whose keys are open-ended), by route name, each its first rows by visitors. */
    private Map<String, List<StatsViews.Row>> allBreakdowns(StatsRequest parameters) {
        Map<String, List<StatsViews.Row>> breakdowns = new LinkedHashMap<>();
        for (Dimension dimension : Dimension.values()) {
            if (dimension != Dimension.PROP) {
                breakdowns.put(dimension.breakdownName(), rows(parameters.query(), Breakdown.of(dimension), Pagination.DEFAULT));
            }
        }
        return breakdowns;
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
            case "zip" -> HttpResponse.ok(ZipExport.zip(rows, allBreakdowns(parameters), goalRows(query)))
                    .contentType(new MediaType("application/zip")).header("Content-Disposition", "attachment; filename=\"" + name + ".zip\"");
            case "csv" -> HttpResponse.ok(DailyExport.csv(rows)).contentType(new MediaType("text/csv; charset=utf-8"))
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
            case "json" -> HttpResponse.ok(rows.stream().map(DailyExport.Day::of).toList()).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".json\"");
            default -> throw new InvalidInputException("format", "format must be csv, json or zip");
        };
    }

    /** A breakdown is the question grouped by one property, in the breakdown's own order, one page of it. */
    private List<StatsViews.Row> rows(StatsRequest parameters, Breakdown breakdown) {
        return rows(parameters.query(), breakdown, new Pagination(parameters.limit(), (parameters.page() - 1) * parameters.limit()));
    }

    private List<StatsViews.Row> rows(StatsQuery question, Breakdown breakdown, Pagination page) {
        Query query = new Query(question, StatsViews.Row.METRICS,
                List.of(new QueryDimension.Property(breakdown.dimension(), breakdown.propKey())), List.of(), page);
        return StatsViews.Row.of(queries.answer(query));
    }

    private StatsRequest read(HttpRequest<?> request) {
        return StatsRequest.read(request, stats, policy);
    }
}
