package io.mallard.http.sites;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessPolicy;
import io.mallard.application.goal.GoalService;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.Goal;
import io.mallard.http.json.JsonBody;
import io.mallard.http.param.RequestValues;
import io.mallard.application.account.AccessRule;
import io.mallard.http.security.SiteAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A site's goals: {@code {"kind":"pageview","value":"/signup"}} (with {@code *} wildcards) or
 * {@code {"kind":"event","value":"purchase"}}. Readers of the site list them; admins change them.
 */
@Controller("/api/sites/{id}/goals")
@ExecuteOn(TaskExecutors.BLOCKING)
public class GoalsController {
    private final GoalService goals;
    private final AccessPolicy policy;

    @Serdeable
    public record GoalView(long goal_id, String kind, String value, String name) {
        static GoalView of(Goal goal) {
            return new GoalView(goal.id(), goal.kind().label(), goal.value(), goal.displayName());
        }
    }

    public GoalsController(GoalService goals, AccessPolicy policy) {
        this.goals = goals;
        this.policy = policy;
    }

    @Get
    @AccessRule(Access.READ_STATS)
    public List<GoalView> list(HttpRequest<?> request, String id) {
        return goals.goals(site(request, id)).stream().map(GoalView::of).toList();
    }

    @Post(consumes = MediaType.ALL)
    @AccessRule(Access.ADMIN)
    public MutableHttpResponse<GoalView> create(HttpRequest<?> request, String id, @Body @Nullable byte[] body) {
        SiteId site = site(request, id);
        JsonBody json = JsonBody.parse(body);
        Goal goal = goals.add(site, json.text("kind"), json.text("value"));
        return HttpResponse.status(HttpStatus.CREATED).body(GoalView.of(goal));
    }

    @Delete("/{goalId}")
    @AccessRule(Access.ADMIN)
    public HttpResponse<?> delete(HttpRequest<?> request, String id, String goalId) {
        SiteId site = site(request, id);
        goals.remove(site, RequestValues.id("goal_id", goalId));
        return HttpResponse.noContent();
    }

    private SiteId site(HttpRequest<?> request, String id) {
        return SiteAccess.require(request, policy, id);
    }
}
