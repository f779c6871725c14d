package io.mallard.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracking script's behaviours in headless Chromium, against a recording endpoint: what it
 * sends, when, and how (text/plain beacons, no CORS preflight).
 */
class TrackerBrowserTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String QUEUE_SNIPPET = "<script>window.mallard=window.mallard||function(){(window.mallard.q=window.mallard.q||[]).push(arguments)};"
            + "mallard('early',{props:{from:'queue'}})</script>";

    @TempDir
    static Path profile;
    static Browser browser;
    static FixtureSite site;

    @BeforeAll
    static void start() throws Exception {
        site = new FixtureSite();
        browser = Browser.launch(profile);
    }

    @AfterAll
    static void stop() {
        TestResources.closeAll(browser, site);
    }

    /** Leaves the previous test's page and lets its page-leave report arrive before recording starts. */
    @BeforeEach
    void blankPage() throws InterruptedException {
        browser.open("about:blank");
        int before;
        do {
            before = site.hits().size();
            Thread.sleep(300);
        } while (site.hits().size() != before);
        site.clearHits();
    }

    /** A page embedding {@code script} ("mallard.js" or "mallard.full.js") with extra attributes, after {@code head}. */
    static String page(String script, String attributes, String head, String body) {
        return "<!doctype html><html><head><meta charset=utf-8><title>fixture</title>" + head
                + "<script defer data-domain=\"shop.test\" src=\"/" + script + "\" " + attributes + "></script></head><body>" + body
                + "</body></html>";
    }

    List<JsonNode> sent(Predicate<JsonNode> which, int atLeast) {
        browser.waitFor(driver -> events().stream().filter(which).count() >= atLeast);
        return events().stream().filter(which).toList();
    }

    /** What arrives within a settling time, for checks that something is *not* sent. */
    List<JsonNode> settled() throws InterruptedException {
        Thread.sleep(800);
        return events();
    }

    List<JsonNode> events() {
        return site.hits().stream().filter(hit -> hit.method().equals("POST")).map(hit -> {
            try {
                return JSON.readTree(hit.body());
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + hit.body(), e);
            }
        }).toList();
    }

    static Predicate<JsonNode> named(String name) {
        return event -> event.path("n").asText().equals(name);
    }

    @Test
    void aPageLoadSendsOnePageviewAsPlainTextToAnotherOriginWithoutAPreflight() throws Exception {
        String api = site.url("collect.test", "/api/event");
        site.page("/landing", page("mallard.js", "data-api=\"" + api + "\"", "", "<h1>Hello</h1>"));
        browser.open(site.url("shop.test", "/landing?utm_source=news"));

        JsonNode pageview = sent(named("pageview"), 1).getFirst();
        assertThat(pageview.path("u").asText()).isEqualTo(site.url("shop.test", "/landing?utm_source=news"));
        assertThat(pageview.path("d").asText()).isEqualTo("shop.test");
        assertThat(pageview.path("w").asInt()).isPositive();
        assertThat(pageview.path("r").isNull()).isTrue();
        assertThat(settled()).hasSize(1);
        assertThat(site.hits()).allSatisfy(hit -> {
            assertThat(hit.method()).isEqualTo("POST");
            assertThat(hit.contentType()).startsWith("text/plain");
            assertThat(hit.origin()).isEqualTo(site.url("shop.test", ""));
        });
    }

    @Test
    void singlePageNavigationsArePageviewsOnlyWhenThePathChanges() throws Exception {
        site.page("/app", page("mallard.js", "", "", "<h1>App</h1>"));
        browser.open(site.url("shop.test", "/app/"));
        sent(named("pageview"), 1);

        browser.script("history.pushState({}, '', '/app/pricing')");
        sent(named("pageview"), 2);
        browser.script("history.replaceState({}, '', '/app/pricing?tab=2')");
        browser.script("history.back()");
        List<JsonNode> pageviews = sent(named("pageview"), 3);

        assertThat(pageviews).extracting(event -> event.path("u").asText()).containsExactly(
                site.url("shop.test", "/app/"), site.url("shop.test", "/app/pricing"), site.url("shop.test", "/app/"));
        assertThat(events().stream().filter(named("engagement")).map(event -> event.path("u").asText()).toList())
                .as("leaving a route reports engagement for the route left")
                .contains(site.url("shop.test", "/app/"), site.url("shop.test", "/app/pricing"));
    }

    @Test
    void hashChangesArePageviewsOnlyWhenTheSiteAsksForHashRouting() throws Exception {
        site.page("/plain", page("mallard.js", "", "", "<h1>Plain</h1>"));
        site.page("/hashed", page("mallard.js", "data-hash", "", "<h1>Hashed</h1>"));

        browser.open(site.url("shop.test", "/plain"));
        sent(named("pageview"), 1);
        browser.script("location.hash = '#/settings'");
        assertThat(settled()).filteredOn(named("pageview")).hasSize(1);

        site.clearHits();
        browser.open(site.url("shop.test", "/hashed"));
        sent(named("pageview"), 1);
        browser.script("location.hash = '#/settings'");
        assertThat(sent(named("pageview"), 2).get(1).path("u").asText()).endsWith("/hashed#/settings");
    }

    @Test
    void customEventsCarryPropsRevenueAndAnOverriddenUrlAndCallTheCallback() throws Exception {
        site.page("/shop", page("mallard.js", "", "", "<h1>Shop</h1>"));
        browser.open(site.url("shop.test", "/shop"));
        sent(named("pageview"), 1);

        browser.script("window.called = 0; mallard('purchase', {props: {plan: 'pro'}, revenue: 19.5, currency: 'EUR', "
                + "url: 'https://shop.test/checkout', callback: function () { window.called++; }})");
        JsonNode purchase = sent(named("purchase"), 1).getFirst();

        assertThat(purchase.path("p").path("plan").asText()).isEqualTo("pro");
        assertThat(purchase.path("ra").asDouble()).isEqualTo(19.5);
        assertThat(purchase.path("rc").asText()).isEqualTo("EUR");
        assertThat(purchase.path("u").asText()).isEqualTo("https://shop.test/checkout");
        assertThat(browser.script("return window.called")).isEqualTo(1L);
    }

    @Test
    void callsMadeBeforeTheScriptLoadsAreQueuedAndSentWithThePageview() throws Exception {
        site.page("/queued", page("mallard.js", "", QUEUE_SNIPPET, "<h1>Queued</h1>"));
        browser.open(site.url("shop.test", "/queued"));

        // Both leave on their own connections, so the order they arrive in is not the order sent.
        List<JsonNode> early = sent(named("early"), 1);
        assertThat(early.getFirst().path("p").path("from").asText()).isEqualTo("queue");
        assertThat(sent(named("pageview"), 1)).hasSize(1);
    }

    @Test
    void localPagesOptedOutBrowsersAndPrivacySignalsSendNothingUnlessAllowed() throws Exception {
        site.page("/local", page("mallard.js", "", "", "<h1>Local</h1>"));
        site.page("/local-allowed", page("mallard.js", "data-local", "", "<h1>Local</h1>"));
        site.page("/gpc", page("mallard.js", "data-respect-dnt",
                "<script>Object.defineProperty(Navigator.prototype,'globalPrivacyControl',{get:()=>true})</script>", "<h1>GPC</h1>"));
        site.page("/gpc-ignored", page("mallard.js", "",
                "<script>Object.defineProperty(Navigator.prototype,'globalPrivacyControl',{get:()=>true})</script>", "<h1>GPC</h1>"));

        browser.open("http://localhost:" + site.port() + "/local");
        browser.open("http://127.0.0.1:" + site.port() + "/local");
        browser.open(site.url("shop.test", "/gpc"));
        assertThat(settled()).as("localhost, 127.0.0.1 and GPC with data-respect-dnt").isEmpty();

        browser.open("http://localhost:" + site.port() + "/local-allowed");
        // Its beacon first: leaving at once raced it once in CI (the page was gone before it was sent).
        sent(named("pageview"), 1);
        browser.open(site.url("shop.test", "/gpc-ignored"));
        assertThat(sent(named("pageview"), 2)).extracting(event -> event.path("u").asText())
                .containsExactlyInAnyOrder("http://localhost:" + site.port() + "/local-allowed", site.url("shop.test", "/gpc-ignored"));

        site.clearHits();
        browser.script("localStorage.mallard_ignore = 'true'");
        browser.open(site.url("shop.test", "/gpc-ignored"));
        assertThat(settled()).as("localStorage.mallard_ignore").isEmpty();
        browser.script("localStorage.removeItem('mallard_ignore')");
    }

    @Test
    void leavingThePageReportsVisibleTimeAndTheDeepestScroll() throws Exception {
        site.page("/long", page("mallard.js", "", "", "<div style=\"height:5000px\">tall</div><p id=end>end</p>"));
        site.page("/next", page("mallard.js", "", "", "<h1>Next</h1>"));
        browser.open(site.url("shop.test", "/long"));
        sent(named("pageview"), 1);
        browser.script("window.scrollTo(0, document.body.scrollHeight)");
        Thread.sleep(400);
        browser.open(site.url("shop.test", "/next"));

        // Leaving may send two reports (page hidden, then page left); their beacons can arrive in
        // either order, and the visible time is their sum.
        sent(named("engagement"), 1);
        List<JsonNode> reports = settled().stream().filter(named("engagement")).toList();
        assertThat(reports).extracting(report -> report.path("u").asText()).containsOnly(site.url("shop.test", "/long"));
        assertThat(reports.stream().mapToLong(report -> report.path("e").asLong()).sum()).isGreaterThanOrEqualTo(400);
        assertThat(reports).extracting(report -> report.path("sd").asInt()).contains(100);
    }

    /** Makes the page hidden or visible as switching tabs would (headless Chromium never hides a page by itself). */
    void setHidden(boolean hidden) {
        browser.script("Object.defineProperty(document, 'hidden', {configurable: true, get: () => " + hidden + "});"
                + "document.dispatchEvent(new Event('visibilitychange'))");
    }

    @Test
    void hidingThePageReportsAndTimeSpentHiddenIsNotCounted() throws Exception {
        site.page("/read", page("mallard.js", "", "", "<h1>Read</h1>"));
        browser.open(site.url("shop.test", "/read"));
        sent(named("pageview"), 1);
        Thread.sleep(300);
        setHidden(true);
        JsonNode first = sent(named("engagement"), 1).getFirst();
        Thread.sleep(1500);
        setHidden(false);
        Thread.sleep(200);
        setHidden(true);

        JsonNode second = sent(named("engagement"), 2).get(1);
        assertThat(first.path("e").asLong()).isGreaterThanOrEqualTo(300);
        assertThat(second.path("e").asLong()).as("only the 200 ms visible since the first report, not the 1.5 s hidden")
                .isBetween(200L, 1200L);
        assertThat(second.path("u").asText()).isEqualTo(site.url("shop.test", "/read"));
        assertThat(settled().stream().filter(named("engagement")).count()).as("nothing more while hidden").isEqualTo(2);
    }

    @Test
    void theFullBuildTracksOutboundLinksDownloadsTaggedElementsAnd404Pages() throws Exception {
        String outbound = site.url("elsewhere.test", "/partner");
        String body = "<a id=out href=\"" + outbound + "\">partner</a> <a id=file href=\"/files/report.pdf\">report</a>"
                + " <a id=inner href=\"/full/other\">inner</a>"
                + " <button id=tagged class=\"big mallard-event-name=Sign+up mallard-event-plan=pro\">sign up</button>"
                + " <button id=attr data-mallard-event=\"Newsletter\"><span id=inside>subscribe</span></button>";
        site.page("/full", page("mallard.full.js", "data-outbound data-downloads data-404", "", body));
        site.page("/files", "<!doctype html><title>report</title>").page("/partner", "<!doctype html><title>partner</title>");
        site.notFoundPage(page("mallard.full.js", "data-404", "", "<h1>Not found</h1>"));

        browser.open(site.url("shop.test", "/full"));
        sent(named("pageview"), 1);
        browser.driver.findElement(By.id("tagged")).click();
        browser.driver.findElement(By.id("inside")).click();
        assertThat(sent(named("Sign up"), 1).getFirst().path("p").path("plan").asText()).isEqualTo("pro");
        sent(named("Newsletter"), 1);
        browser.driver.findElement(By.id("file")).click();
        assertThat(sent(named("File Download"), 1).getFirst().path("p").path("url").asText()).endsWith("/files/report.pdf");
        browser.open(site.url("shop.test", "/full"));
        browser.driver.findElement(By.id("out")).click();
        assertThat(sent(named("Outbound Link: Click"), 1).getFirst().path("p").path("url").asText()).isEqualTo(outbound);

        browser.open(site.url("shop.test", "/no-such-page"));
        assertThat(sent(named("404"), 1).getFirst().path("p").path("path").asText()).isEqualTo("/no-such-page");
        assertThat(events()).filteredOn(named("Outbound Link: Click")).hasSize(1);
    }

    @Test
    void theDefaultBuildLeavesClicksAnd404sAlone() throws Exception {
        String outbound = site.url("elsewhere.test", "/partner");
        site.page("/lean", page("mallard.js", "data-outbound data-downloads data-404", "",
                "<a id=out href=\"" + outbound + "\" target=_blank>partner</a> <button id=tagged class=\"mallard-event-name=Signup\">x</button>"));
        browser.open(site.url("shop.test", "/lean"));
        sent(named("pageview"), 1);
        browser.driver.findElement(By.id("tagged")).click();
        browser.driver.findElement(By.id("out")).click();
        assertThat(settled()).extracting(event -> event.path("n").asText()).doesNotContain("Signup", "Outbound Link: Click", "404")
                .contains("pageview");
    }
}
