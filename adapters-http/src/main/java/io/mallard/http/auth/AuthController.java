package io.mallard.http.auth;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccessPolicy;
import io.mallard.application.account.AccountService;
import io.mallard.application.account.AccountService.LoginResult;
import io.mallard.application.account.Caller;
import io.mallard.application.account.User;
import io.mallard.domain.network.TrustedProxies;
import io.mallard.http.error.ErrorBody;
import io.mallard.http.json.JsonBody;
import io.mallard.application.account.AccessRule;
import io.mallard.http.security.CallerResolver;
import io.mallard.http.security.SecuritySettings;
import io.mallard.http.security.SessionCookie;
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

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * First-run setup, login, logout, status and password change. The session token travels only in
 * the {@code mm_session} cookie, never in a JSON body. Runs on the blocking executor: Argon2id takes
 * tens of milliseconds by design.
 */
@Controller("/api/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuthController {
    private final AccountService accounts;
    private final CallerResolver callers;
    private final SecuritySettings settings;
    private final TrustedProxies proxies;
    private final ExecutorService blocking;
    private final AccessPolicy policy;

    /** {@code open_access}: stats may be read without signing in ({@code MALLARD_OPEN_ACCESS}), so the dashboard shows them read-only. */
    @Serdeable
    public record Status(boolean setup_required, boolean authenticated, @Nullable String username, @Nullable String role,
                         boolean open_access) {
    }

    public AuthController(AccountService accounts, CallerResolver callers, SecuritySettings settings, TrustedProxies proxies,
                          AccessPolicy policy, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.blocking = blocking;
        this.policy = policy;
        this.accounts = accounts;
        this.callers = callers;
        this.settings = settings;
        this.proxies = proxies;
    }

    @Get("/status")
    @AccessRule(Access.PUBLIC)
    public Status status(HttpRequest<?> request) {
        Caller caller = callers.resolve(request);
        boolean setupRequired = accounts.setupRequired();
        return switch (caller) {
            case Caller.SignedIn signedIn -> signedInStatus(setupRequired, signedIn.user());
            case Caller.KeyHolder key -> new Status(setupRequired, true, null, null, policy.openAccess());
            case Caller.Anonymous anonymous -> new Status(setupRequired, false, null, null, policy.openAccess());
            case Caller.MetricsScraper scraper -> new Status(setupRequired, false, null, null, policy.openAccess());
            case Caller.ShareViewer viewer -> new Status(setupRequired, false, null, null, policy.openAccess());
        };
    }

    /** Creates the owner: {@code {"password": …, "setup_code": …}}, the code the server printed at start-up. */
    @Post(value = "/setup", consumes = MediaType.ALL)
    @AccessRule(Access.SIGN_IN)
    public MutableHttpResponse<Status> setup(@Body @Nullable byte[] body) {
        JsonBody json = JsonBody.parse(body);
        LoginResult.SignedIn signedIn = accounts.setup(json.text("password"), json.optionalText("setup_code"));
        return HttpResponse.status(HttpStatus.CREATED).body(signedInStatus(false, signedIn.user()))
                .header(HttpHeaders.SET_COOKIE, SessionCookie.issue(signedIn.token(), settings));
    }

    /**
     * Signs in. While the account is under attack the answer comes after {@link
     * io.mallard.application.account.LoginThrottle#SLOW_DOWN}, scheduled rather than slept, so
     * waiting attempts hold no thread.
     */
    @Post(value = "/login", consumes = MediaType.ALL)
    @AccessRule(Access.SIGN_IN)
    public CompletableFuture<MutableHttpResponse<?>> login(HttpRequest<?> request, @Body @Nullable byte[] body) {
        JsonBody json = JsonBody.parse(body);
        String client = ThrottledAnswers.clientAddress(request, proxies);
        String username = json.optionalText("username");
        String password = json.text("password");
        return ThrottledAnswers.after(accounts.loginDelay(username), blocking, () -> answer(accounts.login(username, password, client)));
    }

    private MutableHttpResponse<?> answer(LoginResult result) {
        return switch (result) {
            case LoginResult.SignedIn signedIn -> HttpResponse.ok(signedInStatus(false, signedIn.user()))
                    .header(HttpHeaders.SET_COOKIE, SessionCookie.issue(signedIn.token(), settings));
            case LoginResult.Rejected rejected -> HttpResponse.status(HttpStatus.UNAUTHORIZED)
                    .body(ErrorBody.of("invalid username or password", null));
            case LoginResult.LockedOut locked -> HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, locked.retryAfter().toSeconds() + 1)))
                    .body(ErrorBody.of("too many failed logins from this address, retry later", null));
        };
    }

    @Post(value = "/logout", consumes = MediaType.ALL)
    @AccessRule(Access.SESSION)
    public MutableHttpResponse<?> logout(HttpRequest<?> request) {
        if (CallerResolver.callerOf(request) instanceof Caller.SignedIn signedIn) {
            accounts.logout(signedIn);
        }
        return HttpResponse.noContent().header(HttpHeaders.SET_COOKIE, SessionCookie.clear(settings));
    }

    @Post(value = "/password", consumes = MediaType.ALL)
    @AccessRule(Access.SESSION)
    public MutableHttpResponse<?> changePassword(HttpRequest<?> request, @Body @Nullable byte[] body) {
        JsonBody json = JsonBody.parse(body);
        Caller.SignedIn caller = (Caller.SignedIn) CallerResolver.callerOf(request);
        boolean changed = accounts.changePassword(caller, json.text("current_password"), json.text("new_password"));
        return changed ? HttpResponse.noContent()
                : HttpResponse.status(HttpStatus.FORBIDDEN).body(ErrorBody.of("current password is wrong", "current_password"));
    }

    private Status signedInStatus(boolean setupRequired, User user) {
        return new Status(setupRequired, true, user.username().value(), user.role().name().toLowerCase(Locale.ROOT), policy.openAccess());
    }
}
