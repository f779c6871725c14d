package io.mallard.domain.privacy;

import io.mallard.domain.event.Event;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
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
        return event.toBuilder()
                .visitorId(suppressVisitorId ? randomVisitorId.get() : event.visitorId())
                .timestamp(roundTimestamps ? event.timestamp().truncatedTo(ChronoUnit.HOURS) : event.timestamp())
                .referrer(stripReferrerQuery ? withoutQuery(event.referrer()) : event.referrer())
                .browserVersion(suppressBrowserVersion ? null : event.browserVersion())
                .osVersion(suppressOsVersion ? null : event.osVersion())
                .deviceType(suppressScreenSize ? null : event.deviceType())
                .screenSize(suppressScreenSize ? null : event.screenSize())
                .countryCode(geoPrecision.keepsCountry() ? event.countryCode() : null)
                .region(geoPrecision.keepsRegion() ? event.region() : null)
                .city(geoPrecision.keepsCity() ? event.city() : null)
                .build();
    }

    /**
     * The privacy decision taken for every field of {@link Event}: what may reduce it, or why it is
     * kept as it is. A new field cannot be stored before it has one ({@code PrivacyDecisionsTest}),
     * and PRIVACY.md's table of stored fields says the same in prose.
     */
    public static final Map<String, String> FIELD_DECISIONS = Map.ofEntries(
            Map.entry("eventId", "kept: a time-ordered counter, no personal data"),
            Map.entry("siteId", "kept: the operator's own site"),
            Map.entry("visitorId", "a keyed hash of address and User-Agent rotated daily (or of the site's uid); suppressVisitorId"),
            Map.entry("timestamp", "server receive time; roundTimestamps"),
            Map.entry("eventName", "kept: chosen by the site"),
            Map.entry("pathname", "kept: the site's own page"),
            Map.entry("hostname", "kept: the site's own host"),
            Map.entry("referrer", "stripReferrerQuery"),
            Map.entry("referrerSource", "kept: a named source or host"),
            Map.entry("utmSource", "kept: campaign tags the site set"),
            Map.entry("utmMedium", "kept: campaign tags the site set"),
            Map.entry("utmCampaign", "kept: campaign tags the site set"),
            Map.entry("utmContent", "kept: campaign tags the site set"),
            Map.entry("utmTerm", "kept: campaign tags the site set"),
            Map.entry("browser", "closed vocabulary (AgentVocabulary)"),
            Map.entry("browserVersion", "numbers only; suppressBrowserVersion"),
            Map.entry("os", "closed vocabulary (AgentVocabulary)"),
            Map.entry("osVersion", "numbers only; suppressOsVersion"),
            Map.entry("deviceType", "closed vocabulary (AgentVocabulary); suppressScreenSize"),
            Map.entry("screenSize", "a class of the viewport width; suppressScreenSize"),
            Map.entry("countryCode", "geoPrecision"),
            Map.entry("region", "geoPrecision"),
            Map.entry("city", "geoPrecision"),
            Map.entry("props", "kept: the site decides what it sends (documented in PRIVACY.md)"),
            Map.entry("revenueAmount", "kept: the site's own sale"),
            Map.entry("revenueCurrency", "kept: the site's own sale"),
            Map.entry("engagement", "kept: visible time and scroll depth of a page"),
            Map.entry("visitId", "derived from event ids; suppressVisitorId makes each event its own visit"));

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
