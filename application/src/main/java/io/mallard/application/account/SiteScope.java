package io.mallard.application.account;

import io.mallard.domain.event.SiteId;

import java.util.Set;

/**
 * The sites a caller acts on: {@link Every} site of the instance, or {@link Only} some (possibly
 * none). Keys and admin accounts store their grant as a set of sites where empty means every site;
 * a viewer's empty set means none.
 */
public sealed interface SiteScope {
    Every EVERY = new Every();
    Only NONE = new Only(Set.of());

    boolean includes(SiteId site);

    /** Whether every site {@code other} reaches is one this scope reaches too (a grant may only be passed on downwards). */
    boolean covers(SiteScope other);

    /** A key's or admin's stored grant: empty means every site. */
    static SiteScope ofGrant(Set<SiteId> sites) {
        return sites.isEmpty() ? EVERY : new Only(sites);
    }

    record Every() implements SiteScope {
        @Override
        public boolean includes(SiteId site) {
            return true;
        }

        @Override
        public boolean covers(SiteScope other) {
            return true;
        }
    }

    record Only(Set<SiteId> sites) implements SiteScope {
        public Only {
            sites = Set.copyOf(sites);
        }

        @Override
        public boolean includes(SiteId site) {
            return sites.contains(site);
        }

        @Override
        public boolean covers(SiteScope other) {
            return other instanceof Only only && sites.containsAll(only.sites());
        }
    }
}
