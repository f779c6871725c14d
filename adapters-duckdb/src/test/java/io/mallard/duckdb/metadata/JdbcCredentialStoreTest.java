package io.mallard.duckdb.metadata;

import io.mallard.application.validation.ConflictException;
import io.mallard.application.account.ApiKey;
import io.mallard.application.account.Session;
import io.mallard.application.account.User;
import io.mallard.domain.account.ApiKeyScope;
import io.mallard.domain.account.Role;
import io.mallard.domain.account.Username;
import io.mallard.domain.event.SiteId;
import io.mallard.duckdb.DuckDbDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real DuckDB file, reopened to prove persistence. */
class JdbcCredentialStoreTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456Z");

    @TempDir
    Path dataDir;
    DuckDbDatabase database;
    JdbcCredentialStore store;

    @BeforeEach
    void open() {
        database = DuckDbDatabase.open(dataDir, null);
        store = new JdbcCredentialStore(database::connect);
    }

    @AfterEach
    void close() throws Exception {
        database.close();
    }

    void reopen() throws Exception {
        database.close();
        open();
    }

    @Test
    void usersSurviveARestartWithTheirRoleSitesAndHash() throws Exception {
        User owner = store.createUser(new Username("admin"), Role.OWNER, "$argon2id$h1", Set.of(), NOW);
        User viewer = store.createUser(new Username("Viewer@Example.com"), Role.VIEWER, "$argon2id$h2",
                Set.of(new SiteId("a.com"), new SiteId("b.org")), NOW);
        store.updatePasswordHash(owner.id(), "$argon2id$h3");

        reopen();

        assertThat(store.users()).containsExactly(
                new User(owner.id(), owner.username(), Role.OWNER, "$argon2id$h3", Set.of(), NOW),
                viewer);
        assertThat(viewer.username().value()).isEqualTo("viewer@example.com");
    }

    @Test
    void aTakenUsernameIsAConflict() {
        store.createUser(new Username("admin"), Role.OWNER, "h", Set.of(), NOW);

        assertThatThrownBy(() -> store.createUser(new Username("ADMIN"), Role.ADMIN, "h", Set.of(), NOW))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void sessionsAreSavedDeletedAndEndedPerUser() throws Exception {
        Instant later = NOW.plus(1, ChronoUnit.DAYS);
        store.saveSession(new Session("s1", 1, NOW, later));
        store.saveSession(new Session("s2", 1, NOW, later));
        store.saveSession(new Session("s3", 2, NOW, later));
        store.deleteSessionsOf(1, "s2");
        reopen();

        assertThat(store.sessions()).extracting(Session::tokenHash).containsExactlyInAnyOrder("s2", "s3");
        store.deleteSessionsOf(2, null);
        store.deleteSession("s2");
        assertThat(store.sessions()).isEmpty();
    }

    @Test
    void apiKeysKeepScopeSitesAndLastUseAndCanBeDeleted() throws Exception {
        ApiKey key = new ApiKey("hash1", "CI export", ApiKeyScope.READ_ONLY, Set.of(new SiteId("a.com")), NOW, null);
        store.saveApiKey(key);
        store.recordApiKeyUse("hash1", NOW.plusSeconds(60));
        reopen();

        assertThat(store.apiKeys()).containsExactly(new ApiKey("hash1", "CI export", ApiKeyScope.READ_ONLY,
                Set.of(new SiteId("a.com")), NOW, NOW.plusSeconds(60)));
        assertThat(store.deleteApiKey("hash1")).isTrue();
        assertThat(store.deleteApiKey("hash1")).isFalse();
        assertThat(store.apiKeys()).isEmpty();
    }
}
