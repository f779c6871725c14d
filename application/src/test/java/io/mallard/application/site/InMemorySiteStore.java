package io.mallard.application.site;

import io.mallard.application.validation.ConflictException;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.site.Site;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SiteStore} fake for application tests. */
public final class InMemorySiteStore implements SiteStore {
    private final Map<SiteId, Site> sites = new LinkedHashMap<>();
    private UnregisteredSites policy;

    @Override
    public synchronized List<Site> sites() {
        return new ArrayList<>(sites.values());
    }

    @Override
    public synchronized void insert(Site site) {
        if (sites.putIfAbsent(site.id(), site) != null) {
            throw new ConflictException("taken");
        }
    }

    @Override
    public synchronized void update(Site site) {
        sites.replace(site.id(), site);
    }

    @Override
    public synchronized boolean delete(SiteId site) {
        return sites.remove(site) != null;
    }

    @Override
    public synchronized Optional<UnregisteredSites> unregisteredSites() {
        return Optional.ofNullable(policy);
    }

    @Override
    public synchronized void saveUnregisteredSites(UnregisteredSites policy) {
        this.policy = policy;
    }
}
