package io.mallard.application.ingest;

/** Why an event was refused with an error status (not silently). */
public enum Refusal {
    /** The site is not registered (403). */
    UNKNOWN_SITE,
    /** The Origin header names a host that is not the site's (403). */
    FOREIGN_ORIGIN,
    /** The site's or the client's rate limit is exhausted (429). */
    RATE_LIMITED
}
