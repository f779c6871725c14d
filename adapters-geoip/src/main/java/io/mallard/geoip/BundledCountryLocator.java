package io.mallard.geoip;

import com.maxmind.db.Reader;
import io.mallard.application.geo.GeoLocator;
import io.mallard.application.geo.Location;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The {@link GeoLocator} the server ships with: DB-IP's IP to Country Lite database (CC BY 4.0,
 * "IP Geolocation by DB-IP", https://db-ip.com), IPv4 and IPv6, read from the jar into memory
 * (about 8 MB). It knows countries only: region and city stay unknown. Used when no MaxMind
 * database is configured. Its records are {@code {"country_code": "DE"}}, DB-IP's own layout, so it
 * is read with the low-level MaxMind DB reader.
 */
public final class BundledCountryLocator implements GeoLocator {
    /** The database in the jar, gzipped; see its README beside it for where it comes from and its date. */
    static final String RESOURCE = "dbip-country-lite.mmdb.gz";
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");

    private final Reader reader;

    public BundledCountryLocator() {
        try (InputStream packed = BundledCountryLocator.class.getResourceAsStream(RESOURCE)) {
            if (packed == null) {
                throw new IllegalStateException("the bundled country database " + RESOURCE + " is missing from the jar");
            }
            this.reader = new Reader(new GZIPInputStream(packed));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled country database: " + e.getMessage(), e);
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Location locate(InetAddress address) {
        try {
            Map record = reader.get(address, Map.class);
            Object code = record == null ? null : record.get("country_code");
            return code instanceof String country && COUNTRY_CODE.matcher(country).matches()
                    ? new Location(country, null, null) : Location.UNKNOWN;
        } catch (IOException | RuntimeException unreadable) {
            return Location.UNKNOWN;
        }
    }

    /** CC BY 4.0: DB-IP asks for this link on pages that show its results. */
    @Override
    public Optional<Attribution> attribution() {
        return Optional.of(new Attribution("IP Geolocation by DB-IP", "https://db-ip.com"));
    }

    @Override
    public boolean isLoaded() {
        return true;
    }
}
