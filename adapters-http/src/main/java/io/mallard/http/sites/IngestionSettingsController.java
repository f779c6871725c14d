package io.mallard.http.sites;

import io.mallard.application.account.Access;
import io.mallard.application.site.SiteRegistry;
import io.mallard.application.site.UnregisteredSites;
import io.mallard.application.validation.InvalidInputException;
import io.mallard.http.json.JsonBody;
import io.mallard.application.account.AccessRule;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Locale;

/**
 * Instance-wide (so only an admin of every site changes it): whether sites that are not registered may ingest ("open mode"): {@code auto} (the default: only
 * while no site is registered, like the reference's empty allowlist), {@code accept} or {@code refuse}.
 */
@Controller("/api/settings/ingestion")
@ExecuteOn(TaskExecutors.BLOCKING)
@AccessRule(Access.INSTANCE_ADMIN)
public class IngestionSettingsController {
    private final SiteRegistry sites;

    @Serdeable
    public record IngestionSettings(String unregistered_sites, boolean accepting_unregistered) {
    }

    public IngestionSettingsController(SiteRegistry sites) {
        this.sites = sites;
    }

    @Get
    public IngestionSettings get() {
        return new IngestionSettings(sites.unregisteredSites().name().toLowerCase(Locale.ROOT), sites.acceptsUnregistered());
    }

    @Put(consumes = MediaType.ALL)
    public IngestionSettings put(@Body @Nullable byte[] body) {
        String value = JsonBody.parse(body).text("unregistered_sites");
        try {
            sites.setUnregisteredSites(UnregisteredSites.valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unregistered_sites", "unregistered_sites must be auto, accept or refuse");
        }
        return get();
    }
}
