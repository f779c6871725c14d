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
        return toBuilder().visitId(id).build();
    }

    /** A builder holding this event's fields, to change some by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A builder for a new event; {@link Builder#build} checks it as the constructor does. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sets fields by name: with 28 of them, most {@code String}s, a positional call can swap two
     * without the compiler noticing.
     */
    public static final class Builder {
        private long eventId;
        private SiteId siteId;
        private String visitorId;
        private Instant timestamp;
        private EventName eventName;
        private String pathname;
        private String hostname;
        private String referrer;
        private String referrerSource;
        private String utmSource;
        private String utmMedium;
        private String utmCampaign;
        private String utmContent;
        private String utmTerm;
        private String browser;
        private String browserVersion;
        private String os;
        private String osVersion;
        private String deviceType;
        private String screenSize;
        private String countryCode;
        private String region;
        private String city;
        private Props props;
        private BigDecimal revenueAmount;
        private String revenueCurrency;
        private Engagement engagement;
        private Long visitId;

        private Builder() {
        }

        private Builder(Event event) {
            eventId = event.eventId;
            siteId = event.siteId;
            visitorId = event.visitorId;
            timestamp = event.timestamp;
            eventName = event.eventName;
            pathname = event.pathname;
            hostname = event.hostname;
            referrer = event.referrer;
            referrerSource = event.referrerSource;
            utmSource = event.utmSource;
            utmMedium = event.utmMedium;
            utmCampaign = event.utmCampaign;
            utmContent = event.utmContent;
            utmTerm = event.utmTerm;
            browser = event.browser;
            browserVersion = event.browserVersion;
            os = event.os;
            osVersion = event.osVersion;
            deviceType = event.deviceType;
            screenSize = event.screenSize;
            countryCode = event.countryCode;
            region = event.region;
            city = event.city;
            props = event.props;
            revenueAmount = event.revenueAmount;
            revenueCurrency = event.revenueCurrency;
            engagement = event.engagement;
            visitId = event.visitId;
        }

        public Builder eventId(long value) { eventId = value; return this; }
        public Builder siteId(SiteId value) { siteId = value; return this; }
        public Builder visitorId(String value) { visitorId = value; return this; }
        public Builder timestamp(Instant value) { timestamp = value; return this; }
        public Builder eventName(EventName value) { eventName = value; return this; }
        public Builder pathname(String value) { pathname = value; return this; }
        public Builder hostname(String value) { hostname = value; return this; }
        public Builder referrer(String value) { referrer = value; return this; }
        public Builder referrerSource(String value) { referrerSource = value; return this; }
        public Builder utmSource(String value) { utmSource = value; return this; }
        public Builder utmMedium(String value) { utmMedium = value; return this; }
        public Builder utmCampaign(String value) { utmCampaign = value; return this; }
        public Builder utmContent(String value) { utmContent = value; return this; }
        public Builder utmTerm(String value) { utmTerm = value; return this; }
        public Builder browser(String value) { browser = value; return this; }
        public Builder browserVersion(String value) { browserVersion = value; return this; }
        public Builder os(String value) { os = value; return this; }
        public Builder osVersion(String value) { osVersion = value; return this; }
        public Builder deviceType(String value) { deviceType = value; return this; }
        public Builder screenSize(String value) { screenSize = value; return this; }
        public Builder countryCode(String value) { countryCode = value; return this; }
        public Builder region(String value) { region = value; return this; }
        public Builder city(String value) { city = value; return this; }
        public Builder props(Props value) { props = value; return this; }
        public Builder revenue(BigDecimal amount, String currency) { revenueAmount = amount; revenueCurrency = currency; return this; }
        public Builder engagement(Engagement value) { engagement = value; return this; }
        public Builder visitId(Long value) { visitId = value; return this; }

        public Event build() {
            return new Event(eventId, siteId, visitorId, timestamp, eventName, pathname, hostname, referrer, referrerSource,
                    utmSource, utmMedium, utmCampaign, utmContent, utmTerm, browser, browserVersion, os, osVersion, deviceType,
                    screenSize, countryCode, region, city, props, revenueAmount, revenueCurrency, engagement, visitId);
        }
    }
}
