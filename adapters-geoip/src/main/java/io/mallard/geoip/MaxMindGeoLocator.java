package io.mallard.geoip;

import com.maxmind.db.CHMCache;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.CityResponse;
import io.mallard.application.geo.GeoLocator;
import io.mallard.application.geo.Location;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;

/**
 * {@link GeoLocator} over a MaxMind GeoIP2/GeoLite2 City database ({@code MALLARD_GEOIP_DB}).
 * Region is the most specific subdivision's name, city the city's English name. Addresses not in
 * the database (private ranges, loopback) locate to {@link Location#UNKNOWN}.
 */
public final class MaxMindGeoLocator implements GeoLocator, AutoCloseable {
    private final DatabaseReader reader;

    public MaxMindGeoLocator(Path database) {
        try {
            this.reader = new DatabaseReader.Builder(database.toFile()).withCache(new CHMCache()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read GeoIP database " + database + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Location locate(InetAddress address) {
        try {
            return reader.tryCity(address).map(MaxMindGeoLocator::toLocation).orElse(Location.UNKNOWN);
        } catch (IOException | GeoIp2Exception | RuntimeException unreadable) {
            return Location.UNKNOWN;
        }
    }

    private static Location toLocation(CityResponse city) {
        String country = city.country() == null ? null : city.country().isoCode();
        String region = city.mostSpecificSubdivision() == null ? null : city.mostSpecificSubdivision().name();
        String cityName = city.city() == null ? null : city.city().name();
        return new Location(country, region, cityName);
    }

    @Override
    public boolean isLoaded() {
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
