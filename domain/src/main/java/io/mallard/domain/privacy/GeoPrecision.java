package io.mallard.domain.privacy;

import java.util.Locale;

/** How much location is kept from a GeoIP lookup: each step down the ladder keeps less. */
public enum GeoPrecision {
    CITY, REGION, COUNTRY, NONE;

    public boolean keepsCountry() {
        return this != NONE;
    }

    public boolean keepsRegion() {
        return this == CITY || this == REGION;
    }

    public boolean keepsCity() {
        return this == CITY;
    }

    public static GeoPrecision parse(String text) {
        return valueOf(text.strip().toUpperCase(Locale.ROOT));
    }

    /** The coarser of two precisions. */
    public GeoPrecision atMost(GeoPrecision other) {
        return ordinal() >= other.ordinal() ? this : other;
    }
}
