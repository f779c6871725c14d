package io.mallard.http.plausible;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessPolicy;
import io.mallard.application.account.AccessRule;
import io.mallard.application.query.QueryService;
import io.mallard.application.stats.StatsService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Plausible's Stats API v2, {@code POST /api/v2/query}: a Plausible client's question, read by
 * {@link QueryV2Request} into the core query model and answered by the same {@link QueryService}
 * as every other stats route, then shaped by {@link QueryV2Answer} as Plausible shapes it. A bad
 * question is a 400 with {@code error} naming the field.
 */
@Controller("/api/v2")
@ExecuteOn(TaskExecutors.BLOCKING)
public class QueryV2Controller {
    private final StatsService stats;
    private final QueryService queries;
    private final AccessPolicy policy;

    public QueryV2Controller(StatsService stats, QueryService queries, AccessPolicy policy) {
        this.stats = stats;
        this.queries = queries;
        this.policy = policy;
    }

    @Post(value = "/query", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @AccessRule(Access.READ_STATS)
    public MutableHttpResponse<String> query(HttpRequest<?> request, @Body @Nullable byte[] body) {
        QueryV2Request question = QueryV2Request.read(body, request, stats, policy);
        return HttpResponse.ok(QueryV2Answer.of(question, queries.answer(question.query())));
    }
}
