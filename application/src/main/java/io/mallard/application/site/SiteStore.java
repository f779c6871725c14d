package io.mallard.application.site;

import io.mallard.domain.event.SiteId;
import io.mallard.domain.site.Site;

import java.util.List;
import java.util.Optional;

/**
 * Port: durable storage of the sites registry and of the instance's policy for unregistered sites.
 * Every method commits before it returns. Site ids are stored as given (the registry lower-cases them).
 */
public interface SiteStore {
    List<Site> sites();

    /** Adds a site; throws {@link io.mallard.application.validation.ConflictException} when the id is taken. */
    void insert(Site site);

    /** Replaces the time zone and allowed hosts of an existing site. */
    void update(Site site);

    /** Removes a site from the registry; false when it was not registered. Its events are not touched. */
    boolean delete(SiteId site);

    /** The stored policy, empty on an instance where nobody has chosen one. */
    Optional<UnregisteredSites> unregisteredSites();

    void saveUnregisteredSites(UnregisteredSites policy);
}
