package io.mallard.domain.bot;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class BotPatternsTest {
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "Googlebot/2.1", "Mozilla/5.0 (compatible; bingbot/2.0)", "curl/8.0", "Wget/1.21",
            "python-requests/2.31", "Go-http-client/1.1", "HeadlessChrome/120", "facebookexternalhit/1.1", "UptimeRobot/2.0",
            "Mozilla/5.0 (compatible; GPTBot/1.0)", "okhttp/4.12"})
    void knownAutomatedClientsMatch(String userAgent) {
        assertThat(BotPatterns.matches(userAgent)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"})
    void browsersDoNotMatch(String userAgent) {
        assertThat(BotPatterns.matches(userAgent)).isFalse();
    }
}
