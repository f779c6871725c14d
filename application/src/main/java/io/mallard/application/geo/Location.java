package io.mallard.application.geo;

/** Where an IP address is, as far as the database says: ISO country code, region name, city name. */
public record Location(String countryCode, String region, String city) {
    public static final Location UNKNOWN = new Location(null, null, null);
}
