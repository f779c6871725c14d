package io.mallard.application.account;

import io.mallard.domain.account.ApiKeyScope;
import io.mallard.domain.account.Role;
import io.mallard.domain.event.SiteId;

import java.util.Set;

/**
 * Who is calling: nobody, a signed-in user (session cookie), an API key holder, a shared link's
 * visitor, or the metrics scraper. A caller has a role (admin or not) and a {@link SiteScope}; what it may do is the
 * intersection: an admin limited to some sites administers only those.
 */
public sealed interface Caller {
    /** Owner or admin session (of any scope), or an Admin-scoped key (of any scope). */
    default boolean isAdmin() {
        return false;
    }

    /** The sites this caller reads (and, if {@link #isAdmin}, administers). */
    default SiteScope siteScope() {
        return SiteScope.NONE;
    }

    /** The owner account, the one account only itself may change. */
    default boolean isOwner() {
        return false;
    }

    /** An admin of every site: may change instance-wide settings and create admins. */
    default boolean isInstanceAdmin() {
        return isAdmin() && siteScope() instanceof SiteScope.Every;
    }

    /** Whether the caller was granted the site. */
    default boolean mayRead(SiteId site) {
        return siteScope().includes(site);
    }

    record Anonymous() implements Caller {
    }

    record SignedIn(User user, Session session) implements Caller {
        @Override
        public boolean isAdmin() {
            return user.role().isAdmin();
        }

        @Override
        public SiteScope siteScope() {
            return user.siteScope();
        }

        @Override
        public boolean isOwner() {
            return user.role() == Role.OWNER;
        }
    }

    /**
     * A visitor holding a shared link ({@code shareId}) to one site's dashboard, unlocked if it has a
     * password: reads that site's stats and nothing else.
     */
    record ShareViewer(String shareId, SiteId site) implements Caller {
        @Override
        public SiteScope siteScope() {
            return new SiteScope.Only(Set.of(site));
        }
    }

    /** Presented {@code MALLARD_METRICS_TOKEN}: may scrape {@code /metrics} and nothing else. */
    record MetricsScraper() implements Caller {
    }

    record KeyHolder(ApiKey key) implements Caller {
        @Override
        public boolean isAdmin() {
            return key.scope() == ApiKeyScope.ADMIN;
        }

        @Override
        public SiteScope siteScope() {
            return key.siteScope();
        }
    }
}
