package io.mallard.application.site;

import io.mallard.application.validation.ConflictException;
import io.mallard.application.validation.NotFoundException;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.site.HostPattern;
import io.mallard.domain.site.Site;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sites registry: which sites exist, their time zones and allowed hosts, and whether
 * unregistered site ids may ingest. Ingestion asks it on every event, so it answers from an
 * immutable in-memory snapshot; changes are written to the {@link SiteStore} first and then
 * published. Site ids are case-insensitive and kept lower-case. Thread-safe.
 */
public final class SiteRegistry implements Sites {
    private final SiteStore store;
    private final Clock clock;
    private volatile Snapshot snapshot;
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private record Snapshot(Map<String, Site> sites, UnregisteredSites policy) {
        boolean acceptsUnregistered() {
            return policy.accepts(sites.size());
        }
    }

    public SiteRegistry(SiteStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        reread();
    }

    /** Registers each configured site ({@code MALLARD_SITE_IDS}) that is not registered yet, in UTC with no extra hosts. */
    public synchronized void registerConfigured(Collection<SiteId> configured) {
        for (SiteId id : configured) {
            SiteId canonical = canonical(id);
            if (!snapshot.sites().containsKey(canonical.value())) {
                store.insert(new Site(canonical, ZoneId.of("UTC"), List.of(), clock.instant()));
            }
        }
        reread();
    }

    public List<Site> sites() {
        return snapshot.sites().values().stream().sorted(Comparator.comparing(site -> site.id().value())).toList();
    }

    public Optional<Site> find(SiteId id) {
        return Optional.ofNullable(snapshot.sites().get(key(id)));
    }

    /** The time zone reports of this site use: its own, or UTC for a site that is not registered. */
    public ZoneId timeZone(SiteId id) {
        return find(id).map(Site::timeZone).orElse(ZoneOffset.UTC);
    }

    public synchronized Site create(SiteId id, ZoneId timeZone, List<HostPattern> allowedHosts) {
        SiteId canonical = canonical(id);
        if (snapshot.sites().containsKey(canonical.value())) {
            throw new ConflictException("site " + canonical.value() + " is already registered");
        }
        Site site = new Site(canonical, timeZone, allowedHosts, clock.instant());
        store.insert(site);
        reread();
        return site;
    }

    /** Changes the given settings of a registered site (an empty optional leaves that setting as it is). */
    public synchronized Site update(SiteId id, Optional<ZoneId> timeZone, Optional<List<HostPattern>> allowedHosts) {
        Site site = require(id);
        Site changed = site.withTimeZone(timeZone.orElse(site.timeZone()))
                .withAllowedHosts(allowedHosts.orElse(site.allowedHosts()));
        store.update(changed);
        reread();
        return changed;
    }

    /** Removes a site from the registry (its events are erased separately); {@link NotFoundException} when absent. */
    public synchronized Site remove(SiteId id) {
        Site site = require(id);
        store.delete(site.id());
        reread();
        return site;
    }

    public UnregisteredSites unregisteredSites() {
        return snapshot.policy();
    }

    /** Whether events for an unregistered site id are accepted right now. */
    public boolean acceptsUnregistered() {
        return snapshot.acceptsUnregistered();
    }

    public synchronized void setUnregisteredSites(UnregisteredSites policy) {
        store.saveUnregisteredSites(policy);
        reread();
    }

    @Override
    public SiteAdmission admit(SiteId site, String originHost) {
        Snapshot current = snapshot;
        Site registered = current.sites().get(key(site));
        if (registered == null) {
            return current.acceptsUnregistered() ? SiteAdmission.ADMITTED : SiteAdmission.UNKNOWN_SITE;
        }
        if (originHost == null || registered.acceptsHost(originHost)) {
            return SiteAdmission.ADMITTED;
        }
        return SiteAdmission.FOREIGN_ORIGIN;
    }

    /** The registered site, or {@link NotFoundException} naming {@code site_id}. */
    public Site require(SiteId id) {
        return find(id).orElseThrow(() -> new NotFoundException("site_id", "site " + id.value() + " is not registered"));
    }

    /** Runs after every change of a site's settings or of the registry (query caches hear it). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /**
     * Re-reads the registry and the policy from the store (after a change here, or by another node);
     * listeners hear it when something changed, so other nodes' logins and key uses do not empty the
     * query caches.
     */
    public void reread() {
        Map<String, Site> sites = store.sites().stream().collect(Collectors.toUnmodifiableMap(site -> key(site.id()), Function.identity()));
        Snapshot read = new Snapshot(sites, store.unregisteredSites().orElse(UnregisteredSites.AUTO));
        if (read.equals(snapshot)) {
            return;
        }
        snapshot = read;
        listeners.forEach(Runnable::run);
    }

    private static SiteId canonical(SiteId id) {
        return new SiteId(key(id));
    }

    private static String key(SiteId id) {
        return id.value().toLowerCase(Locale.ROOT);
    }
}
