package io.mallard.application.account;

/**
 * The access rule of a route. Every HTTP route declares one; {@link AccessPolicy} decides it.
 */
public enum Access {
    /** Anyone: ingestion, health, the tracker, login and setup. */
    PUBLIC,
    /** Reading stats: any signed-in user or API key (the site is checked per request), or anyone on an open-access instance. */
    READ_STATS,
    /** A signed-in browser session (logout, password change). */
    SESSION,
    /** An owner or admin session, or an Admin-scoped API key. */
    ADMIN,
    /** The metrics scraper ({@code MALLARD_METRICS_TOKEN} as a bearer token), or anyone {@link #ADMIN} allows. */
    METRICS
}
