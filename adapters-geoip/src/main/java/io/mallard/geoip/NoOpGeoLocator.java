package io.mallard.geoip;

import io.mallard.application.geo.GeoLocator;
import io.mallard.application.geo.Location;

import java.net.InetAddress;

/** The {@link GeoLocator} used when no database is configured: every address is unknown. */
public final class NoOpGeoLocator implements GeoLocator {
    @Override
    public Location locate(InetAddress address) {
        return Location.UNKNOWN;
    }

    @Override
    public boolean isLoaded() {
        return false;
    }
}
