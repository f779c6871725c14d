package io.mallard.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's pages and files over HTTP: strict CSP with nothing inline, caching, and bad paths. */
class DashboardPagesTest {
    static final List<String> PAGES = List.of("/login", "/setup", "/sites", "/sites/example.com", "/sites/example.com/behavior", "/settings");
    static final Pattern SCRIPT_OR_STYLE = Pattern.compile("<script[^>]*>|<style|\\sstyle=|\\son[a-z]+=", Pattern.CASE_INSENSITIVE);
    static final Pattern ASSET_URL = Pattern.compile("(?:src|href)=\"(/assets/[a-z.]+\\?v=[0-9a-f]{12})\"");

    @TempDir
    static Path dataDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(dataDir, Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyScreenIsHtmlUnderTheStrictPolicyWithNoInlineScriptOrStyle() throws Exception {
        for (String page : PAGES) {
            HttpResponse<String> response = server.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
            Matcher inline = SCRIPT_OR_STYLE.matcher(response.body());
            while (inline.find()) {
                assertThat(inline.group()).as("%s: only external scripts", page).matches("<script src=\"/assets/dashboard\\.js\\?v=[0-9a-f]{12}\" defer>");
            }
        }
    }

    @Test
    void theSiteIdIsEscapedAndAMalformedOneIsNotFound() throws Exception {
        assertThat(server.get("/sites/a%3Cb").statusCode()).isEqualTo(404);
        assertThat(server.get("/sites/example.com").body()).contains("data-site=\"example.com\"");
        assertThat(server.get("/").statusCode()).isEqualTo(303);
        assertThat(server.get("/").headers().firstValue("Location")).contains("/sites");
    }

    @Test
    void versionedFilesAreImmutableAndOthersRevalidateByEtag() throws Exception {
        Matcher asset = ASSET_URL.matcher(server.get("/sites").body());
        assertThat(asset.find()).isTrue();
        HttpResponse<String> versioned = server.get(asset.group(1));
        assertThat(versioned.statusCode()).isEqualTo(200);
        assertThat(versioned.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");

        HttpResponse<String> unversioned = server.get(asset.group(1).replaceAll("\\?v=.*", ""));
        assertThat(unversioned.headers().firstValue("Cache-Control")).contains("public, no-cache");
        String etag = unversioned.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> revalidated = server.get(asset.group(1).replaceAll("\\?v=.*", ""), "If-None-Match", etag);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();

        Matcher map = Pattern.compile("data-map=\"(/assets/world\\.svg\\?v=[0-9a-f]{12})\"").matcher(server.get("/sites/shop.test").body());
        assertThat(map.find()).as("the site page names the map's versioned URL").isTrue();
        HttpResponse<String> outlines = server.get(map.group(1));
        assertThat(outlines.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(outlines.headers().firstValue("Cache-Control")).contains("public, max-age=31536000, immutable");
        assertThat(outlines.body()).contains("data-cc=\"DE\"", "data-cc=\"BR\"", "data-cc=\"JP\"");

        assertThat(server.get("/assets/nope.js").statusCode()).isEqualTo(404);
        assertThat(server.get("/assets/mallard.js").statusCode()).isEqualTo(404);
        assertThat(server.get("/assets/..%2Fapplication.properties").statusCode()).isEqualTo(404);
    }

    @Test
    void theTrackerIsFreshForADayAndServedAsJavaScript() throws Exception {
        for (String tracker : List.of("/mallard.js", "/mallard.full.js")) {
            HttpResponse<String> response = server.get(tracker);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
            assertThat(response.headers().firstValue("Cache-Control")).contains("public, max-age=86400, stale-while-revalidate=604800");
            assertThat(response.body()).contains("sendBeacon");
        }
    }
}
