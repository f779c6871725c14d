package io.mallard.metadata.jdbc;

import io.mallard.application.site.SiteStore;
import io.mallard.application.site.UnregisteredSites;
import io.mallard.application.validation.ConflictException;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.site.HostPattern;
import io.mallard.domain.site.Site;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@link SiteStore} over JDBC, in the metadata database's {@code sites} and {@code settings} tables. */
public final class JdbcSiteStore implements SiteStore {
    private static final String UNREGISTERED_SITES = "unregistered_sites";

    private final Jdbc jdbc;

    public JdbcSiteStore(Connections connections) {
        this.jdbc = new Jdbc(connections, "site storage");
    }

    @Override
    public List<Site> sites() {
        return jdbc.query("SELECT site_id, time_zone, allowed_hosts, created_at FROM sites ORDER BY site_id", row -> new Site(
                new SiteId(row.getString(1)), ZoneId.of(row.getString(2)), hosts(row.getString(3)), Jdbc.instant(row, 4)));
    }

    @Override
    public void insert(Site site) {
        if (!jdbc.query("SELECT 1 FROM sites WHERE site_id = ?", row -> true, site.id().value()).isEmpty()) {
            throw new ConflictException("site " + site.id().value() + " is already registered");
        }
        jdbc.update("INSERT INTO sites VALUES (?, ?, ?, ?)", site.id().value(), site.timeZone().getId(),
                joined(site.allowedHosts()), Jdbc.local(site.createdAt()));
    }

    @Override
    public void update(Site site) {
        jdbc.update("UPDATE sites SET time_zone = ?, allowed_hosts = ? WHERE site_id = ?",
                site.timeZone().getId(), joined(site.allowedHosts()), site.id().value());
    }

    @Override
    public boolean delete(SiteId site) {
        return jdbc.update("DELETE FROM sites WHERE site_id = ?", site.value()) > 0;
    }

    @Override
    public Optional<UnregisteredSites> unregisteredSites() {
        return jdbc.first("SELECT value FROM settings WHERE name = ?", row -> UnregisteredSites.valueOf(row.getString(1)), UNREGISTERED_SITES);
    }

    @Override
    public void saveUnregisteredSites(UnregisteredSites policy) {
        jdbc.update("INSERT INTO settings VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value", UNREGISTERED_SITES, policy.name());
    }

    private static String joined(List<HostPattern> hosts) {
        return hosts.stream().map(HostPattern::value).collect(Collectors.joining(","));
    }

    private static List<HostPattern> hosts(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.stream(joined.split(",")).map(HostPattern::new).toList();
    }
}
