package io.mallard.application.site;

import io.mallard.domain.event.SiteId;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Sites from the {@code MALLARD_SITE_IDS} allowlist: each site id is also its only allowed host. */
public final class ConfiguredSites implements Sites {
    private final Set<String> siteIds;

    public ConfiguredSites(Set<SiteId> siteIds) {
        this.siteIds = siteIds.stream().map(id -> id.value().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public boolean isOpen() {
        return siteIds.isEmpty();
    }

    @Override
    public SiteAdmission admit(SiteId site, String originHost) {
        if (isOpen()) {
            return SiteAdmission.ADMITTED;
        }
        String id = site.value().toLowerCase(Locale.ROOT);
        if (!siteIds.contains(id)) {
            return SiteAdmission.UNKNOWN_SITE;
        }
        if (originHost == null) {
            return SiteAdmission.ADMITTED;
        }
        String host = originHost.toLowerCase(Locale.ROOT);
        boolean own = host.equals(id) || host.equals("www." + id);
        return own ? SiteAdmission.ADMITTED : SiteAdmission.FOREIGN_ORIGIN;
    }
}
