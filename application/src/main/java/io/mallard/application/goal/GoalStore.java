package io.mallard.application.goal;

import io.mallard.domain.event.SiteId;
import io.mallard.domain.stats.Goal;

import java.util.List;

/** Port: durable storage of sites' goals. Every method commits before it returns. */
public interface GoalStore {
    /** A site's goals, oldest first. */
    List<Goal> goals(SiteId site);

    /** Stores a new goal of the given kind and value and returns it with its id. */
    Goal insert(SiteId site, Goal.Kind kind, String value);

    /** Removes one goal of the site; false when the site has no goal with that id. */
    boolean delete(SiteId site, long id);

    /** Removes every goal of a site (the site was deleted). */
    void deleteAll(SiteId site);
}
