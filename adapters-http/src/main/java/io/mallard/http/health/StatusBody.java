package io.mallard.http.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mallard.application.health.InstanceStatus;
import io.micronaut.serde.annotation.Serdeable;

/** {@code /health/detailed}, with the reference's field names where it has them. */
@Serdeable
public record StatusBody(
        String status,
        String version,
        @JsonProperty("storage_ready") boolean storageReady,
        @JsonProperty("buffered_events") long bufferedEvents,
        @JsonProperty("hot_events") long hotEvents,
        @JsonProperty("cold_events") long coldEvents,
        @JsonProperty("auth_configured") boolean authConfigured,
        @JsonProperty("geoip_loaded") boolean geoipLoaded,
        @JsonProperty("filter_bots") boolean filterBots,
        @JsonProperty("behavioral_engine") String behavioralEngine) {

    static StatusBody from(InstanceStatus status) {
        return new StatusBody(status.storageReady() ? "ok" : "degraded", status.version(), status.storageReady(),
                status.bufferedEvents(), status.hotEvents(), status.coldEvents(), status.authConfigured(), status.geoipLoaded(),
                status.filterBots(), status.behavioralEngine());
    }
}
