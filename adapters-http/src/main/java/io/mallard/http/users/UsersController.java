package io.mallard.http.users;

import io.mallard.application.account.Access;
import io.mallard.application.account.AccountService;
import io.mallard.application.account.User;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.account.Role;
import io.mallard.domain.account.Username;
import io.mallard.domain.event.SiteId;
import io.mallard.http.error.ErrorBody;
import io.mallard.http.json.JsonBody;
import io.mallard.application.account.AccessRule;
import io.mallard.http.security.CallerResolver;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Account management (admins): list, create admins and viewers with their sites, change, delete.
 * What a caller may create or change is decided by {@code Delegation}: an admin limited to some
 * sites manages only viewers within them, and only the owner changes the owner.
 */
@Controller("/api/users")
@ExecuteOn(TaskExecutors.BLOCKING)
@AccessRule(Access.ADMIN)
public class UsersController {
    private final AccountService accounts;

    @Serdeable
    public record UserView(long id, String username, String role, List<String> sites, Instant created_at) {
        static UserView of(User user) {
            return new UserView(user.id(), user.username().value(), user.role().name().toLowerCase(Locale.ROOT),
                    user.sites().stream().map(SiteId::value).sorted().toList(), user.createdAt());
        }
    }

    public UsersController(AccountService accounts) {
        this.accounts = accounts;
    }

    @Get
    public List<UserView> list(HttpRequest<?> request) {
        return accounts.users(CallerResolver.callerOf(request)).stream().map(UserView::of).toList();
    }

    @Post(consumes = MediaType.ALL)
    public MutableHttpResponse<UserView> create(HttpRequest<?> request, @Body @Nullable byte[] body) {
        JsonBody json = JsonBody.parse(body);
        Username username;
        try {
            username = new Username(json.text("username"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("username", e.getMessage());
        }
        User user = accounts.createUser(CallerResolver.callerOf(request), username, role(json.text("role")), json.text("password"), json.siteIds("sites"));
        return HttpResponse.status(HttpStatus.CREATED).body(UserView.of(user));
    }

    /** Changes {@code role}, {@code sites} and/or {@code password} (a reset that ends the account's sessions). */
    @Patch(value = "/{id}", consumes = MediaType.ALL)
    public UserView update(HttpRequest<?> request, long id, @Body @Nullable byte[] body) {
        JsonBody json = JsonBody.parse(body);
        Optional<Role> role = Optional.ofNullable(json.optionalText("role")).map(UsersController::role);
        Optional<Set<SiteId>> sites = json.raw("sites") == null ? Optional.empty() : Optional.of(json.siteIds("sites"));
        return UserView.of(accounts.updateUser(CallerResolver.callerOf(request), id, role, sites, Optional.ofNullable(json.optionalText("password"))));
    }

    private static Role role(String label) {
        try {
            return Role.valueOf(label.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role", "role must be admin or viewer");
        }
    }

    @Delete("/{id}")
    public MutableHttpResponse<?> delete(HttpRequest<?> request, long id) {
        return accounts.deleteUser(CallerResolver.callerOf(request), id) ? HttpResponse.noContent()
                : HttpResponse.status(HttpStatus.NOT_FOUND).body(ErrorBody.of("no such user", "id"));
    }
}
