package io.mallard.application.account;

import io.mallard.domain.event.SiteId;

/**
 * Decides whether a caller may use a route with a given {@link Access} rule. Pure and thread-safe.
 *
 * @param openAccess {@code MALLARD_OPEN_ACCESS}: anonymous callers may read stats (a public, read-only instance)
 */
public record AccessPolicy(boolean openAccess) {
    public enum Decision { ALLOW, UNAUTHENTICATED, FORBIDDEN }

    /** Whether the caller may read (or, on a route ruled {@link Access#ADMIN}, administer) one site's data. */
    public boolean mayAccess(Caller caller, SiteId site) {
        return caller instanceof Caller.Anonymous ? openAccess : caller.mayRead(site);
    }

    /** {@link #mayAccess}, or {@link AccessDeniedException}. */
    public void requireAccess(Caller caller, SiteId site) {
        if (!mayAccess(caller, site)) {
            throw new AccessDeniedException("no access to site " + site.value());
        }
    }

    public Decision decide(Access access, Caller caller) {
        return switch (access) {
            case PUBLIC, SIGN_IN -> Decision.ALLOW;
            case READ_STATS -> switch (caller) {
                case Caller.Anonymous anonymous -> openAccess ? Decision.ALLOW : Decision.UNAUTHENTICATED;
                case Caller.MetricsScraper scraper -> openAccess ? Decision.ALLOW : Decision.FORBIDDEN;
                case Caller.SignedIn signedIn -> Decision.ALLOW;
                case Caller.KeyHolder holder -> Decision.ALLOW;
                case Caller.ShareViewer viewer -> Decision.ALLOW;
            };
            case SESSION -> caller instanceof Caller.SignedIn ? Decision.ALLOW
                    : caller instanceof Caller.Anonymous ? Decision.UNAUTHENTICATED : Decision.FORBIDDEN;
            case ADMIN -> caller.isAdmin() ? Decision.ALLOW : refusal(caller);
            case INSTANCE_ADMIN -> caller.isInstanceAdmin() ? Decision.ALLOW : refusal(caller);
            case METRICS -> caller instanceof Caller.MetricsScraper ? Decision.ALLOW : decide(Access.INSTANCE_ADMIN, caller);
        };
    }

    private static Decision refusal(Caller caller) {
        return caller instanceof Caller.Anonymous ? Decision.UNAUTHENTICATED : Decision.FORBIDDEN;
    }
}
