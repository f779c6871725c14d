package io.mallard.application.storage;

import io.mallard.application.account.Session;
import io.mallard.application.account.User;
import io.mallard.application.validation.ConflictException;
import io.mallard.domain.site.Site;
import io.mallard.domain.stats.Goal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Copies one metadata store into another that is still empty: what moving from one node (the
 * embedded store) to several (PostgreSQL) carries over. Accounts keep their names, roles, sites and
 * password hashes, and their sessions stay valid (re-pointed at the accounts' new ids); API keys,
 * shared links and the unregistered-sites policy are copied as they are; sites with their goals and
 * segments (new ids, same order). Expired sessions are left behind.
 */
public final class MetadataCopy {
    /** What was copied, by kind. */
    public record Copied(int users, int sessions, int apiKeys, int sites, int goals, int shares, int segments) {
    }

    private MetadataCopy() {
    }

    /** {@link ConflictException} when {@code to} already holds an account or a site: nothing is copied then. */
    public static Copied copy(MetadataStore from, MetadataStore to, Instant now) {
        if (!to.credentials().users().isEmpty() || !to.sites().sites().isEmpty()) {
            throw new ConflictException("the target metadata store is in use already (it has accounts or sites): copy into an empty one");
        }
        Map<Long, Long> userIds = new HashMap<>();
        for (User user : from.credentials().users()) {
            userIds.put(user.id(), to.credentials().createUser(user.username(), user.role(), user.passwordHash(), user.sites(), user.createdAt()).id());
        }
        int sessions = 0;
        for (Session session : from.credentials().sessions()) {
            Long owner = userIds.get(session.userId());
            if (owner != null && !session.isExpiredAt(now)) {
                to.credentials().saveSession(new Session(session.tokenHash(), owner, session.createdAt(),
                        session.expiresAt()));
                sessions++;
            }
        }
        var keys = from.credentials().apiKeys();
        keys.forEach(to.credentials()::saveApiKey);
        from.sites().unregisteredSites().ifPresent(to.sites()::saveUnregisteredSites);
        int goals = 0;
        int segments = 0;
        var sites = from.sites().sites();
        for (Site site : sites) {
            to.sites().insert(site);
            for (Goal goal : from.goals().goals(site.id())) {
                to.goals().insert(site.id(), goal.kind(), goal.value());
                goals++;
            }
            for (var segment : from.segments().segments(site.id())) {
                to.segments().insert(site.id(), segment.name(), segment.filters(), segment.createdAt());
                segments++;
            }
        }
        var shares = from.shares().shares();
        shares.forEach(to.shares()::save);
        return new Copied(userIds.size(), sessions, keys.size(), sites.size(), goals, shares.size(), segments);
    }
}
