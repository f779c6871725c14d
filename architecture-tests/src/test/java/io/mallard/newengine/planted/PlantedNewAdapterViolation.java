package io.mallard.newengine.planted;

import io.mallard.duckdb.EventSurface;

/** A deliberate violation (test-only): an adapter package nobody listed, using another adapter. */
public class PlantedNewAdapterViolation {
    public String placeholder(EventSurface surface) {
        return surface.toString();
    }
}
