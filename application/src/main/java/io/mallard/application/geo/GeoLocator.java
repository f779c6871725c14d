package io.mallard.application.geo;

import java.net.InetAddress;
import java.util.Optional;

/**
 * Port: IP address to location. Thread-safe; never throws for an address it does not know
 * (answers {@link Location#UNKNOWN}); never logs or stores the address.
 */
public interface GeoLocator {
    Location locate(InetAddress address);

    /** The credit its data's licence asks for where locations are shown: the text and the link it carries. */
    record Attribution(String text, String url) {
    }

    /** What the dashboard must show beside locations from this database, if its licence asks for anything. */
    default Optional<Attribution> attribution() {
        return Optional.empty();
    }

    /** True when a real database answers lookups (reported by /health/detailed). */
    boolean isLoaded();
}
