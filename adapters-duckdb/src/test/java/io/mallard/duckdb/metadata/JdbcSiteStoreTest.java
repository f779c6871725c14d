package io.mallard.duckdb.metadata;

import io.mallard.application.site.UnregisteredSites;
import io.mallard.application.validation.ConflictException;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.site.HostPattern;
import io.mallard.domain.site.Site;
import io.mallard.duckdb.DuckDbDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real DuckDB file, reopened to prove persistence. */
class JdbcSiteStoreTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456Z");

    @TempDir
    Path dataDir;
    DuckDbDatabase database;
    JdbcSiteStore store;

    @BeforeEach
    void open() {
        database = DuckDbDatabase.open(dataDir, null);
        store = new JdbcSiteStore(database::connect);
    }

    @AfterEach
    void close() throws Exception {
        database.close();
    }

    @Test
    void sitesSurviveARestartWithTheirTimeZoneAndHosts() throws Exception {
        Site paris = new Site(new SiteId("paris.example"), ZoneId.of("Europe/Paris"),
                List.of(new HostPattern("shop.paris.example"), new HostPattern("*.cdn.example")), NOW);
        Site utc = new Site(new SiteId("a.example"), ZoneOffset.UTC, List.of(), NOW);
        store.insert(paris);
        store.insert(utc);
        store.update(paris.withTimeZone(ZoneId.of("America/New_York")));

        database.close();
        open();

        assertThat(store.sites()).containsExactly(utc, paris.withTimeZone(ZoneId.of("America/New_York")));
        assertThat(store.delete(new SiteId("a.example"))).isTrue();
        assertThat(store.delete(new SiteId("a.example"))).isFalse();
        assertThat(store.sites()).extracting(Site::id).containsExactly(new SiteId("paris.example"));
    }

    @Test
    void aTakenSiteIdIsAConflict() {
        Site site = new Site(new SiteId("a.example"), ZoneOffset.UTC, List.of(), NOW);
        store.insert(site);
        assertThatThrownBy(() -> store.insert(site)).isInstanceOf(ConflictException.class);
    }

    @Test
    void theUnregisteredSitesPolicyIsUnsetUntilChosenAndThenPersists() throws Exception {
        assertThat(store.unregisteredSites()).isEmpty();
        store.saveUnregisteredSites(UnregisteredSites.ACCEPT);
        store.saveUnregisteredSites(UnregisteredSites.REFUSE);

        database.close();
        open();

        assertThat(store.unregisteredSites()).contains(UnregisteredSites.REFUSE);
    }
}
