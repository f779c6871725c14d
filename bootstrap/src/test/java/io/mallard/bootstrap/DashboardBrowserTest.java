package io.mallard.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole story in headless Chromium against the real server: the owner sets up the instance
 * and registers a site in the dashboard; a visitor browses a page carrying the tracker (a route
 * change, a custom event, an outbound click, leaving the page); the owner signs in again and finds
 * that visit in the cards, the tables and a funnel. Screenshots of each screen go to
 * target/screenshots.
 */
class DashboardBrowserTest {
    static final String PASSWORD = "owner-password-1";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path profile;
    static TestServer server;
    static FixtureSite shop;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        shop = new FixtureSite();
        browser = Browser.launch(profile);
        server = new TestServer(dataDir, Map.of("MALLARD_CACHE_TTL", "0"));
    }

    @AfterAll
    static void stop() {
        TestResources.closeAll(browser, server, shop);
    }

    String dashboard(String path) {
        return "http://stats.test:" + server.base.getPort() + path;
    }

    String shopPage() {
        String tracker = dashboard("/mallard.full.js");
        return "<!doctype html><html><head><meta charset=utf-8><title>Shop</title>"
                + "<script defer data-domain=\"shop.test\" data-outbound src=\"" + tracker + "\"></script></head><body>"
                + "<h1 id=title>Home</h1>"
                + "<button id=pricing onclick=\"history.pushState({}, '', '/pricing'); title.textContent = 'Pricing'\">Pricing</button>"
                + "<button id=signup onclick=\"mallard('signup', {props: {plan: 'pro'}})\">Sign up</button>"
                + "<a id=partner href=\"" + shop.url("partner.test", "/welcome") + "\">Partner</a>"
                + "</body></html>";
    }

    @Test
    void aVisitTrackedInTheBrowserShowsUpInTheDashboard() throws Exception {
        browser.open(dashboard("/"));
        browser.waitFor(driver -> driver.getCurrentUrl().endsWith("/setup"));
        browser.screenshot("01-setup");
        browser.find("#setup-form input[name=setup_code]").sendKeys(
                server.context().getBean(io.mallard.application.account.AccountService.class).setupCode().orElseThrow());
        browser.find("#setup-form input[name=password]").sendKeys(PASSWORD);
        browser.find("#setup-form input[name=confirm]").sendKeys(PASSWORD);
        browser.find("#setup-form button[type=submit]").click();

        browser.waitFor(driver -> driver.getCurrentUrl().contains("/settings"));
        browser.find("#site-form input[name=site_id]").sendKeys("shop.test");
        browser.find("#site-form input[name=time_zone]").sendKeys("Europe/Paris");
        browser.find("#site-form button[type=submit]").click();
        browser.waitForText("#site-rows", "shop.test");
        assertThat(browser.find("#site-rows code.snippet").getText()).contains("data-domain=\"shop.test\"", "/mallard.js");
        browser.screenshot("02-settings");

        shop.page("/", shopPage()).page("/welcome", "<!doctype html><title>Partner</title><h1>Partner</h1>");
        browser.open(shop.url("shop.test", "/"));
        browser.find("#pricing").click();
        browser.find("#signup").click();
        browser.find("#partner").click();
        browser.waitFor(driver -> driver.getCurrentUrl().contains("partner.test"));
        awaitStored(5);

        browser.open(dashboard("/sites"));
        browser.waitForText("#site-list", "shop.test");
        browser.find("#logout").click();
        browser.waitFor(driver -> driver.getCurrentUrl().endsWith("/login"));
        browser.screenshot("03-login");
        browser.find("#login-form input[name=password]").sendKeys(PASSWORD);
        browser.find("#login-form button[type=submit]").click();
        browser.waitFor(driver -> driver.getCurrentUrl().endsWith("/sites"));
        browser.waitForText(".site-card .figure", "1");
        browser.screenshot("04-sites");

        browser.find(".site-card a").click();
        browser.waitForText("[data-card=unique_visitors] .card-value", "1");
        assertThat(browser.find("[data-card=total_pageviews] .card-value").getText()).isEqualTo("2");
        assertThat(browser.find("[data-card=total_visits] .card-value").getText()).isEqualTo("1");
        assertThat(browser.find("[data-card=bounce_rate] .card-value").getText()).startsWith("0");
        browser.waitForText(".breakdown-table", "/pricing");
        assertThat(browser.find("[data-card=time_on_page] .card-value").getText()).as("the route change reported the time on /").endsWith(" s");
        browser.find(".breakdown-table thead th[title='Time on page']");
        assertThat(browser.driver.findElements(By.cssSelector("#chart svg path.line"))).isNotEmpty();
        browser.screenshot("05-dashboard");

        browser.find("button[data-route=events]").click();
        browser.waitForText(".breakdown-table", "Outbound Link: Click");
        // Read inside a wait: the panel may be drawn again (a later answer) between finding and reading it.
        List<String> events = browser.waitFor(driver -> {
            WebElement conversions = browser.find("button[data-route=events]").findElement(By.xpath("ancestor::section"));
            List<String> shown = conversions.findElements(By.cssSelector("td.value button")).stream().map(WebElement::getText).toList();
            return shown.containsAll(List.of("signup", "Outbound Link: Click")) ? shown : null;
        });
        assertThat(events).contains("signup", "Outbound Link: Click");

        browser.find("td.value button[title='Filter by /pricing']").click();
        browser.waitForText("#filters .chip", "Page is /pricing");
        assertThat(browser.driver.getCurrentUrl()).contains("filters=");
        browser.find("#filters .chip button[aria-label^=Remove]").click();
        browser.waitFor(driver -> driver.findElements(By.cssSelector("#filters .chip")).isEmpty());

        browser.open(dashboard("/sites/shop.test/behavior"));
        browser.find("#funnel-form button[type=submit]").click();
        browser.waitForText("#funnel-result", "2. page:/pricing");
        List<String> steps = browser.driver.findElements(By.cssSelector("#funnel-result .funnel-figures")).stream()
                .map(WebElement::getText).toList();
        // The median is the browser's own time between the two pages: a second or more on a busy machine.
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0)).isEqualTo("1 visitor · 100 %");
        assertThat(steps.get(1)).matches("1 visitor · 100 % · 0 dropped off · median \\d+ s");
        browser.screenshot("06-funnel");

        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.open(dashboard("/sites/shop.test"));
        browser.waitForText("[data-card=unique_visitors] .card-value", "1");
        assertThat((Long) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .as("no horizontal scrolling at phone width").isLessThanOrEqualTo(0L);
        browser.screenshot("07-dashboard-phone");
    }

    /** Waits until the server has stored at least {@code count} events (beacons are asynchronous). */
    void awaitStored(long count) {
        browser.waitFor(driver -> {
            try {
                return server.storedEvents() >= count;
            } catch (Exception e) {
                return false;
            }
        });
    }
}
