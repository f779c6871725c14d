package io.mallard.bootstrap;

import io.mallard.application.account.ApiKey;
import io.mallard.application.account.Session;
import io.mallard.application.account.User;
import io.mallard.application.share.SharedLink;
import io.mallard.application.site.UnregisteredSites;
import io.mallard.application.stats.QueryGate;
import io.mallard.application.storage.MetadataStore;
import io.mallard.application.storage.StorageContext;
import io.mallard.application.storage.StorageEngine;
import io.mallard.bootstrap.wiring.StorageRuntime;
import io.mallard.domain.account.ApiKeyScope;
import io.mallard.domain.account.Role;
import io.mallard.domain.account.Username;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.site.Site;
import io.mallard.domain.stats.Goal;
import io.mallard.storage.contract.LocalPostgres;
import io.mallard.bootstrap.copy.CopyMetadataCommand;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code copy-metadata}: an embedded data directory's accounts, keys, sites and goals into PostgreSQL, once. */
class CopyMetadataTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private static final SiteId SITE = new SiteId("copy.test");

    @TempDir
    Path work;

    @Test
    void anEmbeddedDirectorysMetadataMovesIntoAnEmptyPostgresOnce() throws Exception {
        Assumptions.assumeTrue(LocalPostgres.installed(), "PostgreSQL is installed by .ci/run (apt-get install postgresql)");
        Path source = work.resolve("embedded");
        User owner;
        try (StorageEngine engine = StorageRuntime.provider("duckdb").open(new StorageContext(source, Clock.systemUTC(), Duration.ofMinutes(30),
                new QueryGate(0, Duration.ZERO), Map::of, Map.of()))) {
            MetadataStore embedded = engine.metadata().orElseThrow();
            embedded.credentials().createUser(new Username("first"), Role.VIEWER, "$argon2id$v", Set.of(SITE), NOW);
            owner = embedded.credentials().createUser(new Username("admin"), Role.OWNER, "$argon2id$o", Set.of(), NOW);
            embedded.credentials().saveSession(new Session("live", owner.id(), NOW, NOW.plus(1, ChronoUnit.DAYS)));
            embedded.credentials().saveSession(new Session("expired", owner.id(), NOW.minus(2, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS)));
            embedded.credentials().saveApiKey(new ApiKey("key-hash", "exports", ApiKeyScope.READ_ONLY, Set.of(SITE), NOW, null));
            embedded.sites().insert(new Site(SITE, ZoneId.of("Europe/Paris"), List.of(), NOW));
            embedded.sites().saveUnregisteredSites(UnregisteredSites.REFUSE);
            embedded.goals().insert(SITE, Goal.Kind.EVENT, "Signup");
            embedded.segments().insert(SITE, "Mobile", "[[\"is\",\"visit:device\",[\"Mobile\"]]]", NOW);
            embedded.shares().save(new SharedLink("share-id", SITE, "Team", null, NOW));
        }
        try (LocalPostgres postgres = LocalPostgres.start(work.resolve("postgres"))) {
            Map<String, String> environment = Map.of("MALLARD_DATA_DIR", work.resolve("node").toString(), "MALLARD_STORAGE", "clickhouse",
                    "MALLARD_METADATA_URL", postgres.url(), "MALLARD_SECRET", "copy-metadata-secret-0123");

            assertThat(CopyMetadataCommand.run(new String[] {"--from", source.toString()}, environment)).isZero();
            assertThat(CopyMetadataCommand.run(new String[] {"--from", source.toString()}, environment)).as("into a store in use").isEqualTo(2);

            try (MetadataStore shared = StorageRuntime.openSharedMetadata(Main.loadConfig(new String[0], environment), Clock.systemUTC())) {
                List<User> users = shared.credentials().users();
                assertThat(users).extracting(user -> user.username().value()).containsExactly("first", "admin");
                User copiedOwner = users.get(1);
                assertThat(copiedOwner.passwordHash()).isEqualTo("$argon2id$o");
                assertThat(shared.credentials().sessions()).containsExactly(new Session("live", copiedOwner.id(), NOW, NOW.plus(1, ChronoUnit.DAYS)));
                assertThat(shared.credentials().apiKey("key-hash")).isPresent();
                assertThat(shared.sites().sites()).extracting(Site::timeZone).containsExactly(ZoneId.of("Europe/Paris"));
                assertThat(shared.sites().unregisteredSites()).contains(UnregisteredSites.REFUSE);
                assertThat(shared.goals().goals(SITE)).extracting(Goal::value).containsExactly("Signup");
                assertThat(shared.segments().segments(SITE)).extracting(segment -> segment.name()).containsExactly("Mobile");
                assertThat(shared.shares().shares()).extracting(SharedLink::id).containsExactly("share-id");
            }
        }
    }
}
