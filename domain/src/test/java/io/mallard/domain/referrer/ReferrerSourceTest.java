package io.mallard.domain.referrer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReferrerSourceTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "https://www.google.com/search?q=x, Google",
            "https://www.google.co.uk/, Google",
            "https://google.de/, Google",
            "https://www.bing.com/search, Bing",
            "https://duckduckgo.com/, DuckDuckGo",
            "https://t.co/abc, Twitter",
            "https://x.com/someone, Twitter",
            "https://old.reddit.com/r/java, Reddit",
            "https://news.ycombinator.com/item?id=1, Hacker News",
            "https://m.facebook.com/, Facebook",
            "https://www.some-blog.org/post, some-blog.org",
            "https://sub.domain.example.net/, sub.domain.example.net"})
    void knownSourcesAreNamedOthersByHost(String referrer, String source) {
        assertThat(ReferrerSource.of(referrer, "mysite.com", null)).hasValue(source);
    }

    @Test
    void aReferrerOnTheSitesOwnHostIsASelfReferral() {
        assertThat(ReferrerSource.of("https://www.mysite.com/previous", "mysite.com", "newsletter")).isEmpty();
    }

    @Test
    void withoutAReferrerUtmSourceNamesTheSource() {
        assertThat(ReferrerSource.of(null, "mysite.com", "newsletter")).hasValue("newsletter");
        assertThat(ReferrerSource.of("", "mysite.com", null)).isEmpty();
        assertThat(ReferrerSource.of("not a url", "mysite.com", null)).isEmpty();
    }
}
