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

    @Test
    void weeklyIdsLastTheUtcIsoWeekAndMonthlyIdsTheUtcMonth() {
        LocalDate monday = LocalDate.parse("2026-06-29");
        VisitorIdHasher weekly = new VisitorIdHasher("a-secret-of-some-length", IdentityRotation.WEEKLY);
        VisitorIdHasher monthly = new VisitorIdHasher("a-secret-of-some-length", IdentityRotation.MONTHLY);
        String week = weekly.visitorId(SITE, "192.0.2.1", "UA", monday);
        String june = monthly.visitorId(SITE, "192.0.2.1", "UA", monday);

        assertThat(weekly.visitorId(SITE, "192.0.2.1", "UA", monday.plusDays(6))).isEqualTo(week);
        assertThat(weekly.visitorId(SITE, "192.0.2.1", "UA", monday.plusDays(7))).isNotEqualTo(week);
        assertThat(weekly.visitorId(SITE, "192.0.2.1", "UA", monday.minusDays(1))).isNotEqualTo(week);
        assertThat(monthly.visitorId(SITE, "192.0.2.1", "UA", LocalDate.parse("2026-06-01"))).isEqualTo(june);
        assertThat(monthly.visitorId(SITE, "192.0.2.1", "UA", monday.plusDays(2))).isNotEqualTo(june);
        assertThat(week).isNotEqualTo(june).isNotEqualTo(hasher.visitorId(SITE, "192.0.2.1", "UA", monday));
    }

    @Test
    void saltLabelsNameTheRotationPeriodAcrossYearEnds() {
        assertThat(IdentityRotation.DAILY.saltLabel(LocalDate.parse("2026-11-21"))).isEqualTo("2026-11-21");
        assertThat(IdentityRotation.WEEKLY.saltLabel(LocalDate.parse("2026-11-21"))).isEqualTo("2026-W47");
        assertThat(IdentityRotation.WEEKLY.saltLabel(LocalDate.parse("2027-01-01"))).isEqualTo("2026-W53");
        assertThat(IdentityRotation.WEEKLY.saltLabel(LocalDate.parse("2025-12-29"))).isEqualTo("2026-W01");
        assertThat(IdentityRotation.MONTHLY.saltLabel(LocalDate.parse("2026-01-31"))).isEqualTo("2026-01");
        assertThat(IdentityRotation.parse(" Weekly ")).isEqualTo(IdentityRotation.WEEKLY);
    }

    @Test
    void anIdentifiedUserKeepsOneIdPerSiteThatIsNotTheKey() throws Exception {
        String id = hasher.identifiedUserId(SITE, "user-42");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("mallard-metrics-user".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.init(new SecretKeySpec(mac.doFinal("a-secret-of-some-length".getBytes(StandardCharsets.UTF_8)), "HmacSHA256"));

        assertThat(id).isEqualTo(HexFormat.of().formatHex(mac.doFinal("example.com|user-42".getBytes(StandardCharsets.UTF_8))));
        assertThat(new VisitorIdHasher("a-secret-of-some-length", IdentityRotation.MONTHLY).identifiedUserId(SITE, "user-42"))
                .isEqualTo(id);
        assertThat(hasher.identifiedUserId(new SiteId("other.org"), "user-42")).isNotEqualTo(id);
        assertThat(hasher.identifiedUserId(SITE, "user-43")).isNotEqualTo(id);
        assertThat(new VisitorIdHasher("another-secret-entirely").identifiedUserId(SITE, "user-42")).isNotEqualTo(id);
    }
}
