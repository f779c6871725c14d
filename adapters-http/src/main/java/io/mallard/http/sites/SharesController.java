package io.mallard.http.sites;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessPolicy;
import io.mallard.application.account.AccessRule;
import io.mallard.application.share.ShareService;
import io.mallard.application.share.SharedLink;
import io.mallard.domain.event.SiteId;
import io.mallard.http.json.JsonBody;
import io.mallard.http.security.SecuritySettings;
import io.mallard.http.security.SiteAccess;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
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

import java.time.Instant;
import java.util.List;

/**
 * A site's shared links: {@code POST {"name"?, "password"?}} → 201 with the link's id and URL; list;
 * revoke. Administrators of the site only: a link hands the site's stats to whoever holds it.
 */
@Controller("/api/sites/{id}/shares")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SharesController {
    private final ShareService shares;
    private final AccessPolicy policy;
    private final SecuritySettings settings;

    @Serdeable
    public record ShareView(String share_id, String name, String url, boolean password_protected, Instant created_at) {
    }

    public SharesController(ShareService shares, AccessPolicy policy, SecuritySettings settings) {
        this.shares = shares;
        this.policy = policy;
        this.settings = settings;
    }

    @Get
    @AccessRule(Access.ADMIN)
    public List<ShareView> list(HttpRequest<?> request, String id) {
        SiteId site = SiteAccess.require(request, policy, id);
        return shares.list(site).stream().map(link -> view(request, link)).toList();
    }

    @Post(consumes = MediaType.ALL)
    @AccessRule(Access.ADMIN)
    public MutableHttpResponse<ShareView> create(HttpRequest<?> request, String id, @Body @Nullable byte[] body) {
        SiteId site = SiteAccess.require(request, policy, id);
        JsonBody json = JsonBody.parse(body);
        SharedLink link = shares.create(site, json.optionalText("name"), json.optionalText("password"));
        return HttpResponse.status(HttpStatus.CREATED).body(view(request, link));
    }

    @Delete("/{shareId}")
    @AccessRule(Access.ADMIN)
    public HttpResponse<?> revoke(HttpRequest<?> request, String id, String shareId) {
        shares.revoke(SiteAccess.require(request, policy, id), shareId);
        return HttpResponse.noContent();
    }

    private ShareView view(HttpRequest<?> request, SharedLink link) {
        return new ShareView(link.id(), link.name(), origin(request) + "/share/" + link.id(), link.passwordProtected(), link.createdAt());
    }

    /** The dashboard's origin ({@code MALLARD_DASHBOARD_ORIGIN}), else the one this request reached. */
    private String origin(HttpRequest<?> request) {
        return settings.dashboardOrigin().orElseGet(() -> (settings.secureCookies() || request.isSecure() ? "https" : "http")
                + "://" + request.getHeaders().get(HttpHeaders.HOST, String.class, "localhost"));
    }
}
