package io.mallard.application.ingest;

import io.mallard.domain.bot.BotPatterns;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FilterKnownBotsTest {
    final FilterKnownBots filter = new FilterKnownBots();

    @Test
    void rememberedVerdictsAreThePatternsVerdicts() {
        String[] agents = {"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "curl/8.5.0",
                "Mozilla/5.0 (compatible; Googlebot/2.1)", "", "   ", null, "Mozilla/5.0 HeadlessChrome/120.0"};
        for (int pass = 0; pass < 2; pass++) {
            for (String agent : agents) {
                assertThat(filter.isBot(agent)).as("%s, pass %d", agent, pass).isEqualTo(BotPatterns.matches(agent));
            }
        }
        assertThat(filter.isBot("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0")).isFalse();
        assertThat(filter.isBot("curl/8.5.0")).isTrue();
    }

    @Test
    void memoryStaysBoundedAndVerdictsStayRightAfterItEmpties() {
        for (int i = 0; i < FilterKnownBots.REMEMBERED * 3; i++) {
            String agent = i % 2 == 0 ? "Mozilla/5.0 Firefox/" + i : "python-requests/" + i;
            assertThat(filter.isBot(agent)).isEqualTo(i % 2 == 1);
            assertThat(filter.remembered()).isLessThanOrEqualTo(FilterKnownBots.REMEMBERED);
        }
    }
}
