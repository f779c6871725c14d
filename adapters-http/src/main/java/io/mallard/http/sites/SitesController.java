package io.mallard.http.sites;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessPolicy;
import io.mallard.application.account.Caller;
import io.mallard.application.erasure.ErasureService;
import io.mallard.application.erasure.EventEraser.Erased;
import io.mallard.application.goal.GoalService;
import io.mallard.application.segment.SegmentService;
import io.mallard.application.share.ShareService;
import io.mallard.application.site.SiteRegistry;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.site.HostPattern;
import io.mallard.domain.site.Site;
import io.mallard.http.json.JsonBody;
import io.mallard.http.param.RequestValues;
import io.mallard.application.account.AccessRule;
import io.mallard.http.security.CallerResolver;
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
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The sites registry. Anyone who may read stats lists the sites they may read; admins register
 * sites, change their time zone and allowed hosts, and delete them with all their events
 * ({@code DELETE /api/sites/{id}?confirm={id}}: the id repeated, so a slip cannot erase a site).
 */
@Controller("/api/sites")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SitesController {
    private static final Logger LOG = LoggerFactory.getLogger(SitesController.class);

    private final SiteRegistry sites;
    private final ErasureService erasure;
    private final AccessPolicy policy;
    private final GoalService goals;
    private final ShareService shares;
    private final SegmentService segments;

    /** A site; {@code allowed_hosts} and {@code created_at} are left out for readers from outside (see {@link #forCaller}). */
    @Serdeable
    public record SiteView(String site_id, String time_zone, @Nullable List<String> allowed_hosts, @Nullable Instant created_at) {
        static SiteView of(Site site) {
            return new SiteView(site.id().value(), site.timeZone().getId(),
                    site.allowedHosts().stream().map(HostPattern::value).toList(), site.createdAt());
        }

        /**
         * What a caller is shown: everything to an account or a key; to a shared link's visitor or an
         * anonymous reader of an open instance, only the id and the time zone the dashboard needs (the
         * hosts a site accepts events from are its owner's business, not the public's).
         */
        static SiteView forCaller(Site site, Caller caller) {
            return caller instanceof Caller.ShareViewer || caller instanceof Caller.Anonymous
                    ? new SiteView(site.id().value(), site.timeZone().getId(), null, null) : of(site);
        }
    }

    @Serdeable
    public record DeletedSite(String site_id, long events_deleted, int files_deleted, int files_rewritten) {
    }

    public SitesController(SiteRegistry sites, ErasureService erasure, AccessPolicy policy, GoalService goals, ShareService shares,
                           SegmentService segments) {
        this.sites = sites;
        this.erasure = erasure;
        this.policy = policy;
        this.goals = goals;
        this.shares = shares;
        this.segments = segments;
    }

    @Get
    @AccessRule(Access.READ_STATS)
    public List<SiteView> list(HttpRequest<?> request) {
        return sites.sites().stream()
                .filter(site -> policy.mayAccess(CallerResolver.callerOf(request), site.id()))
                .map(site -> SiteView.forCaller(site, CallerResolver.callerOf(request))).toList();
    }

    @Get("/{id}")
    @AccessRule(Access.READ_STATS)
    public SiteView get(HttpRequest<?> request, String id) {
        return SiteView.forCaller(registered(request, id), CallerResolver.callerOf(request));
    }

    @Post(consumes = MediaType.ALL)
    @AccessRule(Access.ADMIN)
    public MutableHttpResponse<SiteView> create(HttpRequest<?> request, @Body @Nullable byte[] body) {
        JsonBody json = JsonBody.parse(body);
        SiteId id = SiteAccess.require(request, policy, json.text("site_id"));
        String zone = json.optionalText("time_zone");
        Site site = sites.create(id, zone == null ? ZoneId.of("UTC") : RequestValues.timeZone("time_zone", zone),
                hosts(json).orElse(List.of()));
        return HttpResponse.status(HttpStatus.CREATED).body(SiteView.of(site));
    }

    @Patch(value = "/{id}", consumes = MediaType.ALL)
    @AccessRule(Access.ADMIN)
    public SiteView update(HttpRequest<?> request, String id, @Body @Nullable byte[] body) {
        Site site = registered(request, id);
        JsonBody json = JsonBody.parse(body);
        Optional<ZoneId> zone = Optional.ofNullable(json.optionalText("time_zone")).map(value -> RequestValues.timeZone("time_zone", value));
        return SiteView.of(sites.update(site.id(), zone, hosts(json)));
    }

    @Delete("/{id}")
    @AccessRule(Access.ADMIN)
    public DeletedSite delete(HttpRequest<?> request, String id, @QueryValue @Nullable String confirm) {
        Site site = registered(request, id);
        if (confirm == null || !confirm.equalsIgnoreCase(site.id().value())) {
            throw new InvalidInputException("confirm", "deleting a site erases all its events: repeat the site id as confirm=" + site.id().value());
        }
        Erased erased = erasure.deleteSite(site.id());
        goals.removeAll(site.id());
        shares.removeAll(site.id());
        segments.removeAll(site.id());
        LOG.info("site {} deleted with {} event(s)", site.id().value(), erased.events());
        return new DeletedSite(site.id().value(), erased.events(), erased.filesDeleted(), erased.filesRewritten());
    }

    /** The registered site named by a path variable, if the caller may access it (404 / 403 otherwise). */
    private Site registered(HttpRequest<?> request, String id) {
        return sites.require(SiteAccess.require(request, policy, id));
    }

    /** The {@code allowed_hosts} list when the body has one. */
    private static Optional<List<HostPattern>> hosts(JsonBody json) {
        if (json.raw("allowed_hosts") == null) {
            return Optional.empty();
        }
        try {
            List<HostPattern> hosts = json.texts("allowed_hosts", Site.MAX_ALLOWED_HOSTS).stream().map(HostPattern::new).distinct().toList();
            return Optional.of(hosts);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("allowed_hosts", e.getMessage());
        }
    }
}
