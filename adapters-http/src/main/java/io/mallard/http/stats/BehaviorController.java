package io.mallard.http.stats;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessPolicy;
import io.mallard.application.behavior.FlowQuery;
import io.mallard.application.behavior.FlowService;
import io.mallard.application.behavior.FunnelQuery;
import io.mallard.application.behavior.FunnelReport;
import io.mallard.application.behavior.FunnelService;
import io.mallard.application.behavior.RetentionQuery;
import io.mallard.application.behavior.RetentionService;
import io.mallard.application.behavior.SequenceQuery;
import io.mallard.application.behavior.SequenceService;
import io.mallard.application.stats.StatsQuery;
import io.mallard.application.stats.StatsService;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.behavior.FunnelMode;
import io.mallard.domain.behavior.StepCondition;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.Interval;
import io.mallard.http.param.RequestValues;
import io.mallard.application.account.AccessRule;
import io.mallard.http.security.SiteAccess;
import io.micronaut.http.HttpParameters;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

/**
 * Behavioral analytics: funnels, retention cohorts, sequence patterns and page flows, computed
 * in-process by the engine over the same events, filters and time zone as the stats API.
 * Definitions in {@code docs/METRICS.md}.
 */
@Controller("/api/stats")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BehaviorController {
    private final StatsService stats;
    private final FunnelService funnels;
    private final RetentionService retention;
    private final SequenceService sequences;
    private final FlowService flows;
    private final AccessPolicy policy;

    public BehaviorController(StatsService stats, FunnelService funnels, RetentionService retention, SequenceService sequences,
                              FlowService flows, AccessPolicy policy) {
        this.stats = stats;
        this.funnels = funnels;
        this.retention = retention;
        this.sequences = sequences;
        this.flows = flows;
        this.policy = policy;
    }

    /** {@code steps} (1–32), {@code window} (default 1 day), {@code mode}; {@code format=histogram} for the reference's shape. */
    @Get("/funnel")
    @AccessRule(Access.READ_STATS)
    public Object funnel(HttpRequest<?> request) {
        StatsRequest parameters = StatsRequest.read(request, stats, policy).wholeDays();
        HttpParameters values = request.getParameters();
        List<StepCondition> steps = BehaviorParameters.steps("steps", values.get("steps"), 1);
        FunnelQuery query = new FunnelQuery(parameters.query(), steps, BehaviorParameters.window(values.get("window")),
                BehaviorParameters.modes(values.get("mode")));
        String format = values.get("format");
        if (format != null && !format.isBlank() && !format.equals("histogram") && !format.equals("steps")) {
            throw new InvalidInputException("format", "format must be steps or histogram");
        }
        FunnelReport report = funnels.funnel(query);
        if ("histogram".equals(format)) {
            return BehaviorViews.FurthestStep.of(report);
        }
        return new BehaviorViews.Funnel(report.visitors(), query.window().micros() / 1_000_000,
                query.modes().stream().map(FunnelMode::label).sorted().toList(), BehaviorViews.FunnelStep.of(report),
                StatsViews.Range.of(parameters.query()), report.warnings());
    }

    /**
     * {@code period=day|week|month} (default week) and {@code periods=N}, or the reference's
     * {@code weeks=N}; {@code cohort_event} and {@code return_event} (default: any event).
     */
    @Get("/retention")
    @AccessRule(Access.READ_STATS)
    public BehaviorViews.Retention retention(HttpRequest<?> request) {
        HttpParameters values = request.getParameters();
        SiteId site = SiteAccess.require(request, policy, values.get("site_id"));
        boolean referenceWeeks = values.get("weeks") != null && values.get("periods") == null;
        Interval unit = referenceWeeks ? Interval.WEEK : BehaviorParameters.retentionUnit(values.get("period"));
        String count = referenceWeeks ? "weeks" : "periods";
        int max = RetentionQuery.maxPeriods(unit);
        int periods = RequestValues.integer(count, values.get(count), Math.min(12, max), 1, max);
        RetentionQuery query = new RetentionQuery(site, FiltersParameter.parse(values.get(FiltersParameter.NAME)), unit, periods,
                BehaviorParameters.optionalStep("cohort_event", values.get("cohort_event")),
                BehaviorParameters.optionalStep("return_event", values.get("return_event")));
        return BehaviorViews.Retention.of(retention.retention(query));
    }

    /** {@code steps} (2–32) in order with anything between, or {@code pattern} over them as {@code (?1)..(?N)}. */
    @Get("/sequences")
    @AccessRule(Access.READ_STATS)
    public BehaviorViews.Sequences sequences(HttpRequest<?> request) {
        StatsRequest parameters = StatsRequest.read(request, stats, policy).wholeDays();
        HttpParameters values = request.getParameters();
        List<StepCondition> steps = BehaviorParameters.steps("steps", values.get("steps"), 2);
        String pattern = values.get("pattern");
        String text = pattern == null || pattern.isBlank() ? SequenceQuery.orderedPattern(steps.size()) : pattern;
        StatsQuery query = parameters.query();
        SequenceQuery sequence = new SequenceQuery(query, steps, BehaviorParameters.pattern(text, steps.size()));
        return BehaviorViews.Sequences.of(sequences.sequences(sequence), StatsViews.Range.of(query));
    }

    /** {@code page} (wildcards allowed), {@code direction=next|previous}, {@code depth} 1–5, {@code limit}. */
    @Get("/flow")
    @AccessRule(Access.READ_STATS)
    public List<BehaviorViews.FlowPath> flow(HttpRequest<?> request) {
        StatsRequest parameters = StatsRequest.read(request, stats, policy).wholeDays();
        HttpParameters values = request.getParameters();
        FlowQuery query = new FlowQuery(parameters.query(), BehaviorParameters.page(values.get("page")),
                BehaviorParameters.direction(values.get("direction")),
                RequestValues.integer("depth", values.get("depth"), 1, 1, FlowQuery.MAX_DEPTH), parameters.limit());
        return BehaviorViews.FlowPath.of(flows.flow(query));
    }
}
