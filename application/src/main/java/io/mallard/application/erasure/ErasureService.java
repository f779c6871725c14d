package io.mallard.application.erasure;

import io.mallard.application.ingest.Hit;
import io.mallard.application.site.SiteRegistry;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.site.Site;
import io.mallard.domain.visitor.VisitorIdHasher;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * GDPR Art. 17 erasure and site deletion. A date range is read in the site's time zone, both ends
 * included: {@code 2026-03-01..2026-03-01} for a Paris site is {@code 2026-02-28T23:00Z} up to,
 * not including, {@code 2026-03-01T23:00Z}. Listeners (query caches) hear about each erasure after
 * it completed.
 */
public final class ErasureService {
    /** The whole range DuckDB and Parquet timestamps can hold: "every event of the site". */
    public static final Instant BEGINNING = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant END = Instant.parse("9999-12-31T00:00:00Z");

    private final SiteRegistry sites;
    private final EventEraser eraser;
    private final VisitorIdHasher visitorIds;
    private final List<Runnable> listeners = new ArrayList<>();

    /** An erasure as answered to the caller: the request, the instants it covered, and what was removed. */
    public record Erasure(SiteId site, LocalDate startDate, LocalDate endDate, ZoneId timeZone, Instant from, Instant until,
                          EventEraser.Erased erased) {
    }

    public ErasureService(SiteRegistry sites, EventEraser eraser, VisitorIdHasher visitorIds) {
        this.sites = sites;
        this.eraser = eraser;
        this.visitorIds = visitorIds;
    }

    /** Runs after every erasure (cache invalidation). Register at wiring time only. */
    public void onErasure(Runnable listener) {
        listeners.add(listener);
    }

    public Erasure erase(SiteId site, LocalDate startDate, LocalDate endDate) {
        if (endDate.isBefore(startDate)) {
            throw new InvalidInputException("end_date", "end_date must not be before start_date");
        }
        ZoneId zone = sites.timeZone(site);
        Instant from = startDate.atStartOfDay(zone).toInstant();
        Instant until = endDate.plusDays(1).atStartOfDay(zone).toInstant();
        EventEraser.Erased erased = eraser.erase(site, from, until);
        listeners.forEach(Runnable::run);
        return new Erasure(site, startDate, endDate, zone, from, until, erased);
    }

    /**
     * Erases one identified user's events on every day and in every tier: {@code uid} is the site's
     * own key of the person, as its tracker sent it; it is hashed as ingestion hashes it (with the
     * site id as given and in lower case, as trackers may spell the site either way), and the
     * events of that visitor id go. The {@code uid} itself is never stored or logged.
     */
    public EventEraser.Erased eraseUser(SiteId site, String uid) {
        if (uid == null || uid.isBlank() || uid.length() > Hit.MAX_USER_KEY_LENGTH) {
            throw new InvalidInputException("uid", "uid must be 1 to " + Hit.MAX_USER_KEY_LENGTH + " characters, as the tracker sent it");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (SiteId spelling : List.of(site, new SiteId(site.value().toLowerCase(Locale.ROOT)))) {
            ids.add(visitorIds.identifiedUserId(spelling, uid));
        }
        EventEraser.Erased erased = eraser.eraseVisitors(site, ids);
        listeners.forEach(Runnable::run);
        return erased;
    }

    /**
     * Removes a site from the registry, then erases all its events (in that order, so a closed
     * instance stops accepting new ones first). {@link io.mallard.application.validation.NotFoundException} when not registered.
     */
    public EventEraser.Erased deleteSite(SiteId id) {
        Site site = sites.remove(id);
        EventEraser.Erased erased = eraser.erase(site.id(), BEGINNING, END);
        listeners.forEach(Runnable::run);
        return erased;
    }
}
