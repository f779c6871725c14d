package io.mallard.application.goal;

import io.mallard.application.site.SiteRegistry;
import io.mallard.application.validation.ConflictException;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.application.validation.NotFoundException;
import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.Goal;

import java.util.List;

/** Goals of registered sites: at most {@value Goal#MAX_PER_SITE} per site, no two alike. */
public final class GoalService {
    private final GoalStore store;
    private final SiteRegistry sites;

    public GoalService(GoalStore store, SiteRegistry sites) {
        this.store = store;
        this.sites = sites;
    }

    /** The goals of a site ({@link NotFoundException} when the site is not registered). */
    public List<Goal> goals(SiteId site) {
        return store.goals(sites.require(site).id());
    }

    /** The goals of a site, none for a site that is not registered (stats of an open instance). */
    public List<Goal> goalsIfRegistered(SiteId site) {
        return sites.find(site).map(found -> store.goals(found.id())).orElse(List.of());
    }

    public synchronized Goal add(SiteId site, String kind, String value) {
        SiteId registered = sites.require(site).id();
        Goal.Kind parsedKind;
        try {
            parsedKind = Goal.Kind.fromLabel(kind == null ? "" : kind);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("kind", e.getMessage());
        }
        Goal goal;
        try {
            goal = new Goal(0, registered, parsedKind, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("value", e.getMessage());
        }
        List<Goal> existing = store.goals(registered);
        if (existing.stream().anyMatch(other -> other.kind() == goal.kind() && other.value().equals(goal.value()))) {
            throw new ConflictException("site " + registered.value() + " already has the goal " + goal.displayName());
        }
        if (existing.size() >= Goal.MAX_PER_SITE) {
            throw new ConflictException("a site has at most " + Goal.MAX_PER_SITE + " goals");
        }
        return store.insert(registered, goal.kind(), goal.value());
    }

    public synchronized void remove(SiteId site, long id) {
        SiteId registered = sites.require(site).id();
        if (!store.delete(registered, id)) {
            throw new NotFoundException("goal_id", "site " + registered.value() + " has no goal " + id);
        }
    }

    /** Forgets every goal of a site (called when the site is deleted; no error when it has none). */
    public void removeAll(SiteId site) {
        store.deleteAll(site);
    }
}
