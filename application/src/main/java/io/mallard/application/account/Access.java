package io.mallard.application.account;

/**
 * The access rule of a route. Every HTTP route declares one; {@link AccessPolicy} decides it.
 */
public enum Access {
    /** Anyone: ingestion, health, the tracker, the dashboard's pages. */
    PUBLIC,
    /**
     * Anyone, but a browser only from the dashboard's own origin: setup and login. A request that
     * names another origin ({@code Origin}, else {@code Referer}) is refused, so a page elsewhere
     * cannot claim a fresh instance or sign its visitor in to an account of the attacker's.
     */
    SIGN_IN,
    /** Reading stats: any signed-in user or API key (the site is checked per request), or anyone on an open-access instance. */
    READ_STATS,
    /** A signed-in browser session (logout, password change). */
    SESSION,
    /**
     * An owner or admin session, or an Admin-scoped API key, of any site scope: the route itself checks
     * the sites it touches ({@link AccessPolicy#requireAccess}) and what may be delegated ({@link Delegation}).
     */
    ADMIN,
    /** Instance-wide settings: the owner, an admin of every site, or an Admin key of every site. */
    INSTANCE_ADMIN,
    /** The metrics scraper ({@code MALLARD_METRICS_TOKEN} as a bearer token), or anyone {@link #INSTANCE_ADMIN} allows. */
    METRICS
}
