package io.mallard.application.ingest;

import io.mallard.application.geo.GeoLocator;
import io.mallard.application.geo.Location;
import io.mallard.domain.privacy.GeoPrecision;

/** Looks the client address up, keeping only as much location as the configured precision allows. */
public record LocateClient(GeoLocator locator, GeoPrecision precision) implements IngestStep {
    @Override
    public StepResult apply(PendingEvent event) {
        if (precision == GeoPrecision.NONE) {
            return new StepResult.Continue(event);
        }
        Location found = locator.locate(event.clientAddress());
        Location kept = new Location(
                found.countryCode(),
                precision.keepsRegion() ? found.region() : null,
                precision.keepsCity() ? found.city() : null);
        return new StepResult.Continue(event.withLocation(kept));
    }
}
