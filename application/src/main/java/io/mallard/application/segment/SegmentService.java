package io.mallard.application.segment;

import io.mallard.application.site.SiteRegistry;
import io.mallard.application.validation.ConflictException;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.application.validation.NotFoundException;
import io.mallard.domain.event.SiteId;

import java.time.Clock;
import java.util.List;

/**
 * Segments of registered sites: at most {@value #MAX_PER_SITE} per site, names unique within a site.
 * The filters arrive validated (the HTTP edge parses them as the stats API does).
 */
public final class SegmentService {
    public static final int MAX_PER_SITE = 100;
    public static final int MAX_NAME_LENGTH = 100;

    private final SegmentStore store;
    private final SiteRegistry sites;
    private final Clock clock;

    public SegmentService(SegmentStore store, SiteRegistry sites, Clock clock) {
        this.store = store;
        this.sites = sites;
        this.clock = clock;
    }

    /** The segments of a registered site, oldest first ({@link NotFoundException} for an unregistered site). */
    public List<Segment> segments(SiteId site) {
        return store.segments(sites.require(site).id());
    }

    public synchronized Segment add(SiteId site, String name, String filters) {
        SiteId registered = sites.require(site).id();
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name", "name must be 1 to " + MAX_NAME_LENGTH + " printable characters");
        }
        String label = name.strip();
        List<Segment> existing = store.segments(registered);
        if (existing.stream().anyMatch(segment -> segment.name().equalsIgnoreCase(label))) {
            throw new ConflictException("site " + registered.value() + " already has a segment named " + label);
        }
        if (existing.size() >= MAX_PER_SITE) {
            throw new ConflictException("a site has at most " + MAX_PER_SITE + " segments");
        }
        return store.insert(registered, label, filters, clock.instant());
    }

    public synchronized void remove(SiteId site, long id) {
        SiteId registered = sites.require(site).id();
        if (!store.delete(registered, id)) {
            throw new NotFoundException("segment_id", "site " + registered.value() + " has no segment " + id);
        }
    }

    /** Forgets every segment of a site (called when the site is deleted). */
    public void removeAll(SiteId site) {
        store.deleteAll(site);
    }
}
