package io.mallard.application.account;

import io.mallard.domain.account.ApiKeyScope;
import io.mallard.domain.event.SiteId;

/** Who is calling: nobody, a signed-in user (session cookie), an API key holder, or the metrics scraper. */
public sealed interface Caller {
    /** Owner or admin session, or an Admin-scoped key. */
    default boolean isAdmin() {
        return false;
    }

    /** Whether the caller was granted the site (admins: every site). */
    default boolean mayRead(SiteId site) {
        return false;
    }

    record Anonymous() implements Caller {
    }

    record SignedIn(User user, Session session) implements Caller {
        @Override
        public boolean isAdmin() {
            return user.role().isAdmin();
        }

        @Override
        public boolean mayRead(SiteId site) {
            return user.mayRead(site);
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
        public boolean mayRead(SiteId site) {
            return key.mayRead(site);
        }
    }
}
