package io.mallard.dashboard.page;

import io.mallard.application.geo.GeoLocator;
import io.micronaut.core.annotation.Nullable;

/**
 * What a page template needs: which screen it is ({@code name}, read by the dashboard script from
 * {@code <body data-page>}), its title, the site it is about (if any) and the versioned URLs of
 * the script, style sheet, icon and world map; {@code shareId} on a shared link's page (read by the script
 * from {@code <body data-share>}: the API calls then carry the link instead of a session), and the
 * credit the location database's licence asks for where locations are shown.
 */
public record Page(String name, String title, @Nullable String siteId, @Nullable String shareId, String script, String style, String icon,
                   String worldMap, @Nullable GeoLocator.Attribution geoCredit) {
    public boolean shared() {
        return shareId != null;
    }
}
