package io.mallard.application.geo;

import java.net.InetAddress;

/**
 * Port: IP address to location. Thread-safe; never throws for an address it does not know
 * (answers {@link Location#UNKNOWN}); never logs or stores the address.
 */
public interface GeoLocator {
    Location locate(InetAddress address);

    /** True when a real database answers lookups (reported by /health/detailed). */
    boolean isLoaded();
}
