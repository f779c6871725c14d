package io.mallard.application.site;

/** Whether events for a site id that is not in the registry are accepted ("open mode"). */
public enum UnregisteredSites {
    /** Accepted while the registry is empty, refused once a site is registered: the reference's allowlist behaviour, and the default. */
    AUTO,
    /** Always accepted: an open instance that also keeps settings for some sites. */
    ACCEPT,
    /** Always refused: only registered sites ingest. */
    REFUSE;

    boolean accepts(int registeredSites) {
        return switch (this) {
            case AUTO -> registeredSites == 0;
            case ACCEPT -> true;
            case REFUSE -> false;
        };
    }
}
