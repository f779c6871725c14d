package io.mallard.domain.visitor;

import io.mallard.domain.event.SiteId;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class VisitorIdHasherTest {
    static final SiteId SITE = new SiteId("example.com");
    static final LocalDate DAY = LocalDate.parse("2024-01-15");
    final VisitorIdHasher hasher = new VisitorIdHasher("a-secret-of-some-length");

    @Test
    void followsTheTwoStepDailyHmacWithTheSiteInTheMessage() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("mallard-metrics-salt".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] salt = mac.doFinal("a-secret-of-some-length:2024-01-15".getBytes(StandardCharsets.UTF_8));
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("192.0.2.1|UA|example.com".getBytes(StandardCharsets.UTF_8)));

        assertThat(hasher.visitorId(SITE, "192.0.2.1", "UA", DAY)).isEqualTo(expected).hasSize(64);
    }

    @Test
    void isStableWithinADayAndRotatesTheNextDay() {
        String today = hasher.visitorId(SITE, "192.0.2.1", "UA", DAY);

        assertThat(hasher.visitorId(SITE, "192.0.2.1", "UA", DAY)).isEqualTo(today);
        assertThat(hasher.visitorId(SITE, "192.0.2.1", "UA", DAY.plusDays(1))).isNotEqualTo(today);
    }

    @Test
    void differsPerSiteAddressAgentAndSecret() {
        String id = hasher.visitorId(SITE, "192.0.2.1", "UA", DAY);

        assertThat(hasher.visitorId(new SiteId("other.org"), "192.0.2.1", "UA", DAY)).isNotEqualTo(id);
        assertThat(hasher.visitorId(SITE, "192.0.2.2", "UA", DAY)).isNotEqualTo(id);
        assertThat(hasher.visitorId(SITE, "192.0.2.1", "UA2", DAY)).isNotEqualTo(id);
        assertThat(new VisitorIdHasher("another-secret-entirely").visitorId(SITE, "192.0.2.1", "UA", DAY)).isNotEqualTo(id);
    }
}
