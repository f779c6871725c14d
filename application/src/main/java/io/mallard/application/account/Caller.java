package io.mallard.application.account;

import io.mallard.domain.account.ApiKeyScope;
import io.mallard.domain.event.SiteId;

/** Who is calling: nobody, a signed-in user (session cookie), an API key holder, or the metrics scraper. */
public sealed interface Caller {
    boolean isAdmin();

    boolean mayRead(SiteId site);

    record Anonymous() implements Caller {
        @Override
        public boolean isAdmin() {
            return false;
        }

        @Override
        public boolean mayRead(SiteId site) {
            return false;
        }
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
        @Override
        public boolean isAdmin() {
            return false;
        }

        @Override
        public boolean mayRead(SiteId site) {
            return false;
        }
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
