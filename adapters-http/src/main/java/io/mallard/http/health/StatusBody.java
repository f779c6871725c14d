package io.mallard.http.health;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.mallard.application.health.InstanceStatus;
import io.mallard.application.storage.DataDamage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * {@code /health/detailed}, with the reference's field names where it has them. {@code status} is
 * {@code ok}, {@code degraded} (damaged data was set aside: see {@code damage}) or {@code unavailable}.
 */
@Serdeable
public record StatusBody(
        String status,
        String version,
        @JsonProperty("storage_ready") boolean storageReady,
        @JsonProperty("journal_writable") boolean journalWritable,
        @JsonProperty("buffered_events") long bufferedEvents,
        @JsonProperty("hot_events") long hotEvents,
        @JsonProperty("cold_events") long coldEvents,
        @JsonProperty("auth_configured") boolean authConfigured,
        @JsonProperty("geoip_loaded") boolean geoipLoaded,
        @JsonProperty("filter_bots") boolean filterBots,
        @JsonProperty("behavioral_engine") String behavioralEngine,
        List<Damage> damage) {

    /** One damaged piece of data set aside: what, where it is kept, and what is missing because of it. */
    @Serdeable
    public record Damage(String kind, String location, @JsonProperty("kept_at") String keptAt, String detail,
                         @JsonProperty("found_at") Instant foundAt, @JsonProperty("site_id") @Nullable String siteId,
                         @Nullable LocalDate date, @JsonProperty("events_lost") @Nullable Long eventsLost) {
        static Damage of(DataDamage.Finding finding) {
            return new Damage(finding.kind().name().toLowerCase(Locale.ROOT), finding.location(), finding.keptAt(), finding.detail(),
                    finding.foundAt(), finding.site() == null ? null : finding.site().value(), finding.day(),
                    finding.events() < 0 ? null : finding.events());
        }
    }

    static StatusBody from(InstanceStatus status) {
        String summary = !status.storageReady() ? "unavailable" : status.damage().isEmpty() ? "ok" : "degraded";
        return new StatusBody(summary, status.version(), status.storageReady(), status.journalWritable(),
                status.bufferedEvents(), status.hotEvents(), status.coldEvents(), status.authConfigured(), status.geoipLoaded(),
                status.filterBots(), status.behavioralEngine(), status.damage().stream().map(Damage::of).toList());
    }
}
