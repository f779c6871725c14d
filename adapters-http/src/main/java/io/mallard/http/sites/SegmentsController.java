package io.mallard.http.sites;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.mallard.application.account.Access;
import io.mallard.application.account.AccessPolicy;
import io.mallard.application.account.AccessRule;
import io.mallard.application.segment.Segment;
import io.mallard.application.segment.SegmentService;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.event.SiteId;
import io.mallard.http.json.JsonBody;
import io.mallard.http.param.RequestValues;
import io.mallard.http.security.SiteAccess;
import io.mallard.http.stats.FiltersParameter;
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

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A site's segments: {@code POST {"name": "Paid traffic", "filters": [["is","utm_medium",["cpc"]]]}},
 * the filters in the stats API's form (checked as the stats routes check them). Readers of the site
 * list and apply them; administrators save and delete them.
 */
@Controller("/api/sites/{id}/segments")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SegmentsController {
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() {
    };

    private final SegmentService segments;
    private final AccessPolicy policy;

    @Serdeable
    public record SegmentView(long segment_id, String name, List<Object> filters, Instant created_at) {
        static SegmentView of(Segment segment) {
            try {
                return new SegmentView(segment.id(), segment.name(), JsonBody.mapper().readValue(segment.filters(), LIST), segment.createdAt());
            } catch (IOException e) {
                throw new IllegalStateException("a stored segment's filters are the JSON that was validated when it was saved", e);
            }
        }
    }

    public SegmentsController(SegmentService segments, AccessPolicy policy) {
        this.segments = segments;
        this.policy = policy;
    }

    @Get
    @AccessRule(Access.READ_STATS)
    public List<SegmentView> list(HttpRequest<?> request, String id) {
        return segments.segments(SiteAccess.require(request, policy, id)).stream().map(SegmentView::of).toList();
    }

    @Post(consumes = MediaType.ALL)
    @AccessRule(Access.ADMIN)
    public MutableHttpResponse<SegmentView> create(HttpRequest<?> request, String id, @Body @Nullable byte[] body) {
        SiteId site = SiteAccess.require(request, policy, id);
        JsonBody json = JsonBody.parse(body);
        JsonNode filters = json.raw("filters");
        if (filters == null || !filters.isArray() || filters.isEmpty()) {
            throw new InvalidInputException("filters", "filters must be a non-empty array of [operator, dimension, [values]]");
        }
        FiltersParameter.parse(filters.toString());
        Segment segment = segments.add(site, json.text("name"), filters.toString());
        return HttpResponse.status(HttpStatus.CREATED).body(SegmentView.of(segment));
    }

    @Delete("/{segmentId}")
    @AccessRule(Access.ADMIN)
    public HttpResponse<?> delete(HttpRequest<?> request, String id, String segmentId) {
        SiteId site = SiteAccess.require(request, policy, id);
        segments.remove(site, RequestValues.id("segment_id", segmentId));
        return HttpResponse.noContent();
    }
}
