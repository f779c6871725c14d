package io.mallard.http.security;

import io.mallard.application.account.AccessPolicy;
import io.mallard.domain.event.SiteId;
import io.mallard.http.param.RequestValues;
import io.micronaut.http.HttpRequest;

/** The site a request names, checked against what its caller may access. */
public final class SiteAccess {
    private SiteAccess() {
    }

    /**
     * The site id in {@code value} (input {@code site_id}) when the request's caller may access it:
     * 400 when missing or malformed, 403 when not granted. Whether the site is registered is the
     * caller's business.
     */
    public static SiteId require(HttpRequest<?> request, AccessPolicy policy, String value) {
        SiteId site = RequestValues.siteId("site_id", value);
        policy.requireAccess(CallerResolver.callerOf(request), site);
        return site;
    }
}
