package io.mallard.http.sites;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessRule;
import io.mallard.application.share.ShareService;
import io.mallard.application.share.ShareService.Unlock;
import io.mallard.application.share.SharedLink;
import io.mallard.application.validation.NotFoundException;
import io.mallard.domain.network.TrustedProxies;
import io.mallard.http.error.ErrorBody;
import io.mallard.http.json.JsonBody;
import io.mallard.http.security.ThrottledAnswers;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * What the holder of a shared link may ask before reading stats: which site it shows and whether it
 * needs a password, and the unlock that turns the password into a grant. The grant travels in the
 * {@code X-Mallard-Share-Grant} header of each stats request, never in a cookie.
 */
@Controller("/api/shares/{shareId}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SharedLinkController {
    private final ShareService shares;
    private final TrustedProxies proxies;
    private final ExecutorService blocking;

    @Serdeable
    public record LinkView(String site_id, String name, boolean password_required) {
    }

    @Serdeable
    public record Grant(String grant, Instant expires_at) {
    }

    public SharedLinkController(ShareService shares, TrustedProxies proxies, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.shares = shares;
        this.proxies = proxies;
        this.blocking = blocking;
    }

    /** 404 for an unknown link: the same answer for a revoked one and one never made. */
    @Get
    @AccessRule(Access.PUBLIC)
    public LinkView describe(String shareId) {
        SharedLink link = shares.find(shareId).orElseThrow(() -> new NotFoundException("share_id", "this shared link does not exist or was revoked"));
        return new LinkView(link.site().value(), link.name(), link.passwordProtected());
    }

    /** {@code {"password": …}} → a grant for {@link ShareService#GRANT_TTL}; 401 for a wrong password, 429 while locked. */
    @Post(value = "/unlock", consumes = MediaType.ALL)
    @AccessRule(Access.SIGN_IN)
    public CompletableFuture<MutableHttpResponse<?>> unlock(HttpRequest<?> request, String shareId, @Body @Nullable byte[] body) {
        String password = JsonBody.parse(body).text("password");
        String client = ThrottledAnswers.clientAddress(request, proxies);
        return ThrottledAnswers.after(shares.unlockDelay(shareId), blocking, () -> answer(shares.unlock(shareId, password, client)));
    }

    private static MutableHttpResponse<?> answer(Unlock result) {
        return switch (result) {
            case Unlock.Granted granted -> HttpResponse.ok(new Grant(granted.grant(), granted.expiresAt()));
            case Unlock.Rejected rejected -> HttpResponse.status(HttpStatus.UNAUTHORIZED)
                    .body(ErrorBody.of("wrong password for this shared link", "password"));
            case Unlock.LockedOut locked -> HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, locked.retryAfter().toSeconds() + 1)))
                    .body(ErrorBody.of("too many wrong passwords from this address, retry later", null));
        };
    }
}
