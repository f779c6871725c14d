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
    void readsADesktopBrowserWithFrozenWindowsVersionAsYauaaReportsIt() {
        UserAgent agent = parser.parse("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0");

        assertThat(agent).isEqualTo(new UserAgent("Firefox", "128", "Windows NT", ">=10", "Desktop", false));
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
    void answersUnknownForGarbageWithoutThrowing() {
        UserAgent agent = parser.parse("\u0000\uFFFF not a browser at all");

        assertThat(agent.browser()).isNull();
    }
}
