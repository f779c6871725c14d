package io.mallard.domain.page;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageUrlTest {
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "https://example.com/, /",
            "https://example.com, /",
            "https://example.com/about/, /about",
            "https://example.com/about, /about",
            "https://example.com/docs/?q=1, /docs",
            "https://example.com/caf%C3%A9, /café",
            "https://example.com/a+b, /a+b",
            "https://example.com/page#section, /page",
            "https://example.com/app#/settings, /app#/settings",
            "https://example.com/app/#!/users/1, /app#!/users/1",
            "/relative/path/, /relative/path",
            "'https://example.com/with space', /with space"})
    void pathnamesAreNormalised(String url, String pathname) {
        assertThat(PageUrl.parse(url)).get().extracting(PageUrl::pathname).isEqualTo(pathname);
    }

    @Test
    void hostnamesLoseWwwAndCase() {
        assertThat(PageUrl.parse("https://WWW.Example.com/x").orElseThrow().hostname()).isEqualTo("example.com");
    }

    @Test
    void utmValuesAreUrlDecoded() {
        Utm utm = PageUrl.parse("https://e.com/?utm_source=news%20letter&utm_medium=e+mail&utm_campaign=caf%C3%A9&utm_content=&utm_term=x")
                .orElseThrow().utm();

        assertThat(utm).isEqualTo(new Utm("news letter", "e mail", "café", null, "x"));
    }

    @Test
    void nonHttpSchemesAreRejected() {
        assertThat(PageUrl.parse("javascript:alert(1)")).isEmpty();
        assertThat(PageUrl.parse("ftp://example.com/")).isEmpty();
        assertThat(PageUrl.parse("   ")).isEmpty();
    }

    @Test
    void aMalformedEscapeMakesTheUrlInvalid() {
        assertThat(PageUrl.parse("https://e.com/x%ZZ")).isEmpty();
        assertThat(PageUrl.parse("https://e.com/100%25")).get().extracting(PageUrl::pathname).isEqualTo("/100%");
    }

    @ParameterizedTest
    @CsvSource({"0, MOBILE", "575, MOBILE", "576, TABLET", "991, TABLET", "992, LAPTOP", "1439, LAPTOP", "1440, DESKTOP"})
    void screenSizesFollowTheBreakpoints(int width, ScreenSize size) {
        assertThat(ScreenSize.fromWidth(width)).isEqualTo(size);
    }
}
