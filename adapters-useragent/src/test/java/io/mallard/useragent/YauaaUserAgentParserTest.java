package io.mallard.useragent;

import io.mallard.application.agent.UserAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class YauaaUserAgentParserTest {
    static YauaaUserAgentParser parser;

    @BeforeAll
    static void build() {
        parser = new YauaaUserAgentParser(1000);
    }

    @Test
    void readsADesktopBrowserWithFrozenWindowsVersionUnderTheNameItsUsersKnow() {
        UserAgent agent = parser.parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0");

        assertThat(agent).isEqualTo(new UserAgent("Firefox", "128", "Windows", ">=10", "Desktop", false));
    }

    @Test
    void aMacIsMacOs() {
        UserAgent agent = parser.parse("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/17.4 Safari/605.1.15");

        assertThat(agent.os()).isEqualTo("macOS");
        assertThat(YauaaUserAgentParser.systemName("Linux")).as("other names are Yauaa's").isEqualTo("Linux");
    }

    @Test
    void readsAPhoneAsMobile() {
        UserAgent agent = parser.parse("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1");

        assertThat(agent.browser()).isEqualTo("Safari");
        assertThat(agent.os()).isEqualTo("iOS");
        assertThat(agent.deviceType()).isEqualTo("Mobile");
        assertThat(agent.robot()).isFalse();
    }

    @Test
    void aUserAgentIsCachedOnceParsed() {
        String agent = "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0";
        assertThat(parser.isCached(agent)).isFalse();

        UserAgent first = parser.parse(agent);

        assertThat(parser.isCached(agent)).isTrue();
        assertThat(parser.parse(agent)).isSameAs(first);
    }

    @Test
    void classifiesCrawlersAsRobots() {
        assertThat(parser.parse("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)").robot()).isTrue();
    }

    @Test
    void anUnknownProductTokenIsReadAsOtherAndNoneOfItsTextSurvives() {
        UserAgent agent = parser.parse("Mozilla/5.0 (X11; Linux x86_64) jane.doe@example.org/1.0");

        assertThat(agent.browser()).isEqualTo("Other");
        assertThat(agent.browserVersion()).isNull();
        assertThat(agent.toString()).doesNotContainIgnoringCase("jane");
    }

    @Test
    void everyUserAgentOfTheTrafficModelKeepsAKnownBrowserAndSystem() {
        for (String header : java.util.List.of(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
                "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
                "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
                "Mozilla/5.0 (Android 14; Mobile; rv:131.0) Gecko/131.0 Firefox/131.0",
                "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 OPR/115.0.0.0",
                "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36")) {
            UserAgent agent = parser.parse(header);
            assertThat(agent.browser()).as(header).isNotNull().isNotEqualTo("Other");
            assertThat(agent.os()).as(header).isNotNull().isNotEqualTo("Other");
            assertThat(agent.browserVersion()).as(header).isNotNull();
        }
    }

    @Test
    void answersUnknownForGarbageWithoutThrowing() {
        UserAgent agent = parser.parse("\u0000\uFFFF not a browser at all");

        assertThat(agent.browser()).isNull();
    }
}
