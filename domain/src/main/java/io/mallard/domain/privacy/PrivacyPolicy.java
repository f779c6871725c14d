package io.mallard.domain.privacy;

import io.mallard.domain.event.Event;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * What the operator allows us to keep of an event: the GDPR policy, applied as the last step of
 * ingestion so no earlier step can reintroduce a withheld field.
 *
 * <p>{@code MALLARD_GDPR_MODE=true} turns every flag on and caps GeoIP at country precision; each
 * flag can also be set alone. See PRIVACY.md for what each one changes in storage.
 */
public record PrivacyPolicy(
        boolean stripReferrerQuery,
        boolean roundTimestamps,
        boolean suppressVisitorId,
        boolean suppressBrowserVersion,
        boolean suppressOsVersion,
        boolean suppressScreenSize,
        GeoPrecision geoPrecision) {

    public static final PrivacyPolicy STANDARD =
            new PrivacyPolicy(false, false, false, false, false, false, GeoPrecision.CITY);

    /** The GDPR preset: every reduction but visitor-id suppression on, location at country level at most. */
    public static PrivacyPolicy gdprMode(GeoPrecision configured) {
        return configured(true, false, false, false, false, false, false, configured);
    }

    /**
     * The operator's policy: GDPR mode turns on every reduction except visitor-id suppression (it
     * breaks unique-visitor counts, so it is only ever explicit) and caps precision at country;
     * each flag can also be turned on alone, with or without GDPR mode.
     */
    public static PrivacyPolicy configured(boolean gdprMode, boolean stripReferrerQuery, boolean roundTimestamps,
                                           boolean suppressVisitorId, boolean suppressBrowserVersion,
                                           boolean suppressOsVersion, boolean suppressScreenSize, GeoPrecision precision) {
        return new PrivacyPolicy(gdprMode || stripReferrerQuery, gdprMode || roundTimestamps, suppressVisitorId,
                gdprMode || suppressBrowserVersion, gdprMode || suppressOsVersion, gdprMode || suppressScreenSize,
                gdprMode ? precision.atMost(GeoPrecision.COUNTRY) : precision);
    }

    /**
     * Applies the policy. {@code randomVisitorId} supplies the per-request id used when visitor ids
     * are suppressed.
     */
    public Event apply(Event event, Supplier<String> randomVisitorId) {
        return new Event(
                event.eventId(), event.siteId(),
                suppressVisitorId ? randomVisitorId.get() : event.visitorId(),
                roundTimestamps ? event.timestamp().truncatedTo(ChronoUnit.HOURS) : event.timestamp(),
                event.eventName(), event.pathname(), event.hostname(),
                stripReferrerQuery ? withoutQuery(event.referrer()) : event.referrer(),
                event.referrerSource(),
                event.utmSource(), event.utmMedium(), event.utmCampaign(), event.utmContent(), event.utmTerm(),
                event.browser(), suppressBrowserVersion ? null : event.browserVersion(),
                event.os(), suppressOsVersion ? null : event.osVersion(),
                suppressScreenSize ? null : event.deviceType(),
                suppressScreenSize ? null : event.screenSize(),
                geoPrecision.keepsCountry() ? event.countryCode() : null,
                geoPrecision.keepsRegion() ? event.region() : null,
                geoPrecision.keepsCity() ? event.city() : null,
                event.props(), event.revenueAmount(), event.revenueCurrency(), event.engagement(), event.visitId());
    }

    /** {@code https://a.com/p?q=1#x} → {@code https://a.com/p}; unparseable text is cut at '?' or '#'. */
    static String withoutQuery(String referrer) {
        if (referrer == null) {
            return null;
        }
        try {
            URI uri = new URI(referrer);
            if (uri.getScheme() != null && uri.getRawAuthority() != null) {
                return uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
            }
        } catch (URISyntaxException ignored) {
            // fall through to the textual cut
        }
        int cut = referrer.length();
        for (char c : new char[]{'?', '#'}) {
            int index = referrer.indexOf(c);
            if (index >= 0) {
                cut = Math.min(cut, index);
            }
        }
        return referrer.substring(0, cut);
    }
}
