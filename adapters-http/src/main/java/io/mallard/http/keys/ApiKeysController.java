package io.mallard.http.keys;

import io.mallard.application.account.Access;
import io.mallard.application.account.ApiKey;
import io.mallard.application.account.ApiKeyService;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.account.ApiKeyScope;
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
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * API key management (admins): {@code POST /api/keys} returns the plaintext key once; {@code GET}
 * lists keys without it; {@code DELETE /api/keys/{hash}} revokes at once. An admin limited to some
 * sites sees and issues only keys within them ({@code Delegation}).
 */
@Controller("/api/keys")
@ExecuteOn(TaskExecutors.BLOCKING)
@AccessRule(Access.ADMIN)
public class ApiKeysController {
    private static final Pattern KEY_HASH = Pattern.compile("[0-9a-f]{64}");

    private final ApiKeyService keys;

    @Serdeable
    public record KeyView(String key_hash, String name, String scope, List<String> sites, Instant created_at,
                          @Nullable Instant last_used_at) {
        static KeyView of(ApiKey key) {
            return new KeyView(key.keyHash(), key.name(), key.scope().label(),
                    key.sites().stream().map(SiteId::value).sorted().toList(), key.createdAt(), key.lastUsedAt());
        }
    }

    @Serdeable
    public record CreatedKeyView(String key, String key_hash, String name, String scope, List<String> sites, Instant created_at) {
    }

    public ApiKeysController(ApiKeyService keys) {
        this.keys = keys;
    }

    @Post(consumes = MediaType.ALL)
    public MutableHttpResponse<CreatedKeyView> create(HttpRequest<?> request, @Body @Nullable byte[] body) {
        JsonBody json = JsonBody.parse(body);
        String scopeLabel = json.optionalText("scope");
        ApiKeyScope scope;
        try {
            scope = scopeLabel == null ? ApiKeyScope.READ_ONLY : ApiKeyScope.fromLabel(scopeLabel);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("scope", e.getMessage());
        }
        ApiKeyService.CreatedKey created = keys.create(CallerResolver.callerOf(request), json.text("name"), scope, json.siteIds("sites"));
        KeyView view = KeyView.of(created.key());
        return HttpResponse.status(HttpStatus.CREATED)
                .body(new CreatedKeyView(created.plaintext(), view.key_hash(), view.name(), view.scope(), view.sites(), view.created_at()));
    }

    @Get
    public List<KeyView> list(HttpRequest<?> request) {
        return keys.list(CallerResolver.callerOf(request)).stream().map(KeyView::of).toList();
    }

    @Delete("/{hash}")
    public MutableHttpResponse<?> revoke(HttpRequest<?> request, String hash) {
        if (!KEY_HASH.matcher(hash).matches()) {
            throw new InvalidInputException("hash", "hash must be the key's 64 hex digit SHA-256");
        }
        return keys.revoke(CallerResolver.callerOf(request), hash) ? HttpResponse.noContent()
                : HttpResponse.status(HttpStatus.NOT_FOUND).body(ErrorBody.of("no such API key", "hash"));
    }
}
