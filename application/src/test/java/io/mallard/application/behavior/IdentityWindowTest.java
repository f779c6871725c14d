package io.mallard.application.behavior;

import io.mallard.domain.behavior.TimeSpan;
import io.mallard.domain.visitor.IdentityRotation;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityWindowTest {
    final IdentityWindow daily = IdentityWindow.DAILY;
    final IdentityWindow weekly = new IdentityWindow(IdentityRotation.WEEKLY);
    final IdentityWindow monthly = new IdentityWindow(IdentityRotation.MONTHLY);

    @Test
    void aFunnelWindowIsFlaggedOnlyWhenItOutlastsTheShortestIdLifetime() {
        assertThat(daily.warnFunnel(TimeSpan.ofSeconds(86_400))).isEmpty();
        assertThat(daily.warnFunnel(TimeSpan.ofSeconds(86_401))).singleElement().asString()
                .contains("one day (identity rotation 'daily')");
        assertThat(weekly.warnFunnel(TimeSpan.ofSeconds(7 * 86_400))).isEmpty();
        assertThat(weekly.warnFunnel(TimeSpan.ofSeconds(8 * 86_400))).singleElement().asString().contains("one week");
        assertThat(monthly.warnFunnel(TimeSpan.ofSeconds(28 * 86_400))).isEmpty();
        assertThat(monthly.warnFunnel(TimeSpan.ofSeconds(29 * 86_400))).singleElement().asString().contains("one month");
    }

    @Test
    void retentionIsFlaggedWhenItsSpanReachesTheIdLifetime() {
        assertThat(daily.warnRetention(Duration.ZERO)).as("one period: only the cohort itself").isEmpty();
        assertThat(daily.warnRetention(Duration.ofDays(1))).hasSize(1);
        assertThat(weekly.warnRetention(Duration.ofDays(6))).isEmpty();
        assertThat(weekly.warnRetention(Duration.ofDays(7))).singleElement().asString().contains("new visitor");
        assertThat(monthly.warnRetention(Duration.ofDays(3 * 7))).isEmpty();
        assertThat(monthly.warnRetention(Duration.ofDays(11 * 7))).hasSize(1);
    }
}
