package io.mallard.domain.site;

import io.mallard.domain.event.SiteId;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * A registered site. Its id is the tracker's {@code data-domain}; events are accepted from pages
 * on that host, on {@code www.} + that host, and on any of {@code allowedHosts}. Reports bucket
 * days in {@code timeZone}.
 */
public record Site(SiteId id, ZoneId timeZone, List<HostPattern> allowedHosts, Instant createdAt) {
    public static final int MAX_ALLOWED_HOSTS = 100;

    public Site {
        if (id == null || timeZone == null || createdAt == null) {
            throw new IllegalArgumentException("site id, time zone and creation time are required");
        }
        allowedHosts = List.copyOf(allowedHosts);
        if (allowedHosts.size() > MAX_ALLOWED_HOSTS) {
            throw new IllegalArgumentException("a site allows at most " + MAX_ALLOWED_HOSTS + " extra hosts");
        }
    }

    /** Whether a page on {@code host} (the {@code Origin} of a tracking request) may send this site's events. */
    public boolean acceptsHost(String host) {
        String own = id.value().toLowerCase(Locale.ROOT);
        String candidate = host.toLowerCase(Locale.ROOT);
        return candidate.equals(own) || candidate.equals("www." + own)
                || allowedHosts.stream().anyMatch(pattern -> pattern.matches(candidate));
    }

    public Site withTimeZone(ZoneId zone) {
        return new Site(id, zone, allowedHosts, createdAt);
    }

    public Site withAllowedHosts(List<HostPattern> hosts) {
        return new Site(id, timeZone, hosts, createdAt);
    }
}
