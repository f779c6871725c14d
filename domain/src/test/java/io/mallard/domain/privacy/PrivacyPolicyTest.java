package io.mallard.domain.privacy;

import io.mallard.domain.event.Event;
import io.mallard.domain.event.EventName;
import io.mallard.domain.event.SiteId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PrivacyPolicyTest {
    static final Event FULL = new Event(1, new SiteId("e.com"), "hash", Instant.parse("2026-03-01T10:42:17.123Z"),
            EventName.PAGEVIEW, "/", "e.com", "https://ref.org/p?q=secret#frag", "ref.org", null, null, null, null, null,
            "Firefox", "128", "Linux", "6", "Desktop", "Laptop", "DE", "Berlin", "Berlin", null, new BigDecimal("1.00"), "EUR", null, null);

    @Test
    void theStandardPolicyKeepsEverything() {
        assertThat(PrivacyPolicy.STANDARD.apply(FULL, () -> "random")).isEqualTo(FULL);
    }

    @Test
    void gdprModeReducesEveryListedField() {
        Event reduced = PrivacyPolicy.gdprMode(GeoPrecision.CITY).apply(FULL, () -> "random");

        assertThat(reduced.referrer()).isEqualTo("https://ref.org/p");
        assertThat(reduced.timestamp()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(reduced.browserVersion()).isNull();
        assertThat(reduced.osVersion()).isNull();
        assertThat(reduced.deviceType()).isNull();
        assertThat(reduced.screenSize()).isNull();
        assertThat(reduced.countryCode()).isEqualTo("DE");
        assertThat(reduced.region()).isNull();
        assertThat(reduced.city()).isNull();
        assertThat(reduced.visitorId()).isEqualTo("hash");
        assertThat(reduced.browser()).isEqualTo("Firefox");
    }

    @Test
    void gdprModeCombinesWithFlagsSetAlone() {
        PrivacyPolicy policy = PrivacyPolicy.configured(true, false, false, true, false, false, false, GeoPrecision.REGION);

        assertThat(policy).isEqualTo(new PrivacyPolicy(true, true, true, true, true, true, GeoPrecision.COUNTRY));
        assertThat(PrivacyPolicy.configured(false, false, true, false, false, false, false, GeoPrecision.CITY))
                .isEqualTo(new PrivacyPolicy(false, true, false, false, false, false, GeoPrecision.CITY));
    }

    @Test
    void suppressingVisitorIdsUsesTheSuppliedRandomId() {
        PrivacyPolicy policy = new PrivacyPolicy(false, false, true, false, false, false, GeoPrecision.CITY);

        assertThat(policy.apply(FULL, () -> "random").visitorId()).isEqualTo("random");
    }

    @Test
    void precisionNoneKeepsNoLocation() {
        PrivacyPolicy policy = new PrivacyPolicy(false, false, false, false, false, false, GeoPrecision.NONE);
        Event event = policy.apply(FULL, () -> "x");

        assertThat(event.countryCode()).isNull();
        assertThat(event.region()).isNull();
    }

    @Test
    void unparseableReferrersAreCutAtQueryOrFragment() {
        assertThat(PrivacyPolicy.withoutQuery("not a url?x=1")).isEqualTo("not a url");
        assertThat(PrivacyPolicy.withoutQuery("/path#frag")).isEqualTo("/path");
    }
}
