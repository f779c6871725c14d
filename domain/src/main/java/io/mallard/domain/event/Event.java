package io.mallard.domain.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored analytics event: the reference's 25 columns plus {@code eventId}.
 *
 * <p>Everything except the first five fields is optional ({@code null} when unknown or withheld
 * by the privacy policy). No field ever holds an IP address or a raw User-Agent.
 *
 * @param eventId          unique, time-ordered id; replaying an event with a known id is a no-op
 * @param visitorId        pseudonymous id (hex HMAC), see {@link io.mallard.domain.visitor.VisitorIdHasher}
 * @param timestamp        when the server received the event (UTC)
 * @param pathname         normalised path of the page, see {@link io.mallard.domain.page.PageUrl}
 * @param referrerSource   a named source ("Google", "Twitter") or the referring host
 * @param screenSize       viewport class from the tracker's width: Mobile, Tablet, Laptop, Desktop
 * @param countryCode      ISO 3166-1 alpha-2
 * @param props            custom properties as a JSON object
 * @param engagement       the page-leave report's visible time and scroll depth; only on
 *                         {@link EventName#ENGAGEMENT} events, and null on those sent without one
 * @param visitId          the event id of the visit's first event, assigned at ingestion; null on
 *                         events stored before visits were assigned (the stats derive theirs)
 */
public record Event(
        long eventId,
        SiteId siteId,
        String visitorId,
        Instant timestamp,
        EventName eventName,
        String pathname,
        String hostname,
        String referrer,
        String referrerSource,
        String utmSource,
        String utmMedium,
        String utmCampaign,
        String utmContent,
        String utmTerm,
        String browser,
        String browserVersion,
        String os,
        String osVersion,
        String deviceType,
        String screenSize,
        String countryCode,
        String region,
        String city,
        Props props,
        BigDecimal revenueAmount,
        String revenueCurrency,
        Engagement engagement,
        Long visitId) {

    public Event {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(visitorId, "visitorId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(pathname, "pathname");
        if ((revenueAmount == null) != (revenueCurrency == null)) {
            throw new IllegalArgumentException("revenue amount and currency come together");
        }
        if (revenueAmount != null) {
            // Checked here, not only at ingestion: an event the storage cannot hold would fail every move to Parquet.
            Revenue.requireValid(revenueAmount, revenueCurrency);
        }
        if (engagement != null && !eventName.equals(EventName.ENGAGEMENT)) {
            throw new IllegalArgumentException("only engagement events carry an engagement report");
        }
    }

    /** This event, in the visit {@code id}. */
    public Event withVisitId(long id) {
        return new Event(eventId, siteId, visitorId, timestamp, eventName, pathname, hostname, referrer, referrerSource,
                utmSource, utmMedium, utmCampaign, utmContent, utmTerm, browser, browserVersion, os, osVersion, deviceType,
                screenSize, countryCode, region, city, props, revenueAmount, revenueCurrency, engagement, id);
    }
}
