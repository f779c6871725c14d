package io.mallard.application.site;

import io.mallard.domain.event.SiteId;

/**
 * Port: which sites may send events, and from which page hosts.
 *
 * <p>A registered site accepts events whose {@code Origin} (when the browser sends one) is the
 * site's own host or one of its allowed hosts, on any port. When no site is registered the
 * instance is open: any well-formed site id may ingest (the reference's behaviour with an empty
 * allowlist). Thread-safe.
 */
public interface Sites {
    SiteAdmission admit(SiteId site, String originHost);

    enum SiteAdmission { ADMITTED, UNKNOWN_SITE, FOREIGN_ORIGIN }
}
