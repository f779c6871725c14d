package io.mallard.bootstrap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shared links in headless Chromium on a closed instance (no open access): an administrator makes
 * one in Settings; a visitor without an account opens it, enters its password, and reads the
 * dashboard without the account's menu; an open link embeds in another site's page.
 */
class SharedDashboardBrowserTest {
    static final String PASSWORD = "owner-password-1";
    static final String SITE = "shared.test";

    @TempDir
    static Path dataDir;
    @TempDir
    static Path profile;
    static TestServer server;
    static FixtureSite otherSite;
    static Browser browser;
    static String owner;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.launch(profile);
        otherSite = new FixtureSite();
        server = new TestServer(dataDir, Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD, "MALLARD_TRUSTED_PROXIES", "127.0.0.1"));
        owner = server.login("admin", PASSWORD);
        assertThat(server.asSession(owner, "POST", "/api/sites", "{\"site_id\":\"" + SITE + "\"}").statusCode()).isEqualTo(201);
        for (String path : new String[]{"/", "/pricing", "/pricing"}) {
            assertThat(server.post("{\"n\":\"pageview\",\"u\":\"https://shared.test" + path + "\",\"d\":\"shared.test\"}").statusCode())
                    .isEqualTo(202);
        }
        // A visitor from Deutsche Telekom's network, behind the trusted proxy: located by the bundled country database.
        assertThat(server.post("{\"n\":\"pageview\",\"u\":\"https://shared.test/de\",\"d\":\"shared.test\"}",
                "X-Forwarded-For", "80.128.0.1").statusCode()).isEqualTo(202);
    }

    @AfterAll
    static void stop() {
        TestResources.closeAll(browser, server, otherSite);
    }

    static String dashboard(String path) {
        return "http://stats.test:" + server.base.getPort() + path;
    }

    static void awaitFigures() {
        browser.waitFor(driver -> driver.findElements(By.cssSelector("[data-card=total_pageviews] .card-value")).stream()
                .anyMatch(value -> value.getText().equals("4")));
    }

    @Test
    void anAdministratorSharesWithAPasswordAndAVisitorWithoutAnAccountReadsTheDashboard() {
        browser.open(dashboard("/login"));
        browser.find("#login-form input[name=password]").sendKeys(PASSWORD);
        browser.find("#login-form button[type=submit]").click();
        browser.waitFor(driver -> driver.getCurrentUrl().endsWith("/sites"));
        browser.open(dashboard("/settings#shares"));
        browser.find("#share-form input[name=name]").sendKeys("Board");
        browser.find("#share-form input[name=password]").sendKeys("board-password");
        browser.find("#share-form button[type=submit]").click();
        browser.waitForText("#share-rows", "Board");
        WebElement board = browser.driver.findElement(By.xpath("//tbody[@id='share-rows']/tr[th[text()='Board']]"));
        String url = board.findElement(By.cssSelector("a.share-url")).getText();
        assertThat(board.getText()).contains("Yes");

        browser.driver.manage().deleteAllCookies();
        browser.open(url.replace("127.0.0.1", "stats.test"));
        browser.find("form#unlock-form input[name=password]").sendKeys("wrong-password");
        browser.find("form#unlock-form button[type=submit]").click();
        browser.waitForText("form#unlock-form .error", "Wrong password.");
        WebElement password = browser.find("form#unlock-form input[name=password]");
        password.clear();
        password.sendKeys("board-password");
        browser.find("form#unlock-form button[type=submit]").click();

        awaitFigures();
        assertThat(browser.driver.getCurrentUrl()).as("never sent to sign in").contains("/share/");
        assertThat(browser.driver.findElements(By.cssSelector("header.top nav"))).as("no account menu").isEmpty();
        assertThat(browser.driver.findElements(By.cssSelector("a[href$='/behavior']"))).isEmpty();
        assertThat(browser.find("#add-filter").isDisplayed()).as("a reader filters").isTrue();
        assertThat(browser.driver.findElement(By.id("segment-pick")).isDisplayed()).as("no segments, no picker").isFalse();
        assertThat(browser.driver.findElement(By.id("save-segment")).isDisplayed()).as("a reader saves no segment").isFalse();
        assertThat(browser.find("#site-title").getText()).contains(SITE);
        browser.screenshot("shared-link");
    }

    @Test
    void anOpenLinkEmbedsInAnotherSitesPageWithoutItsHeader() throws Exception {
        String created = server.asSession(owner, "POST", "/api/sites/" + SITE + "/shares", "{\"name\":\"Public\"}").body();
        Matcher id = Pattern.compile("\"share_id\":\"([^\"]+)\"").matcher(created);
        assertThat(id.find()).isTrue();
        otherSite.page("/embed", "<!doctype html><title>Our numbers</title><h1>Our numbers</h1><iframe id=stats src=\""
                + dashboard("/share/" + id.group(1) + "?embed=true") + "\" style=\"width:1200px;height:900px\"></iframe>");

        browser.driver.manage().deleteAllCookies();
        browser.open(otherSite.url("blog.test", "/embed"));
        browser.driver.switchTo().frame(browser.find("iframe#stats"));
        try {
            awaitFigures();
            assertThat(browser.find("body").getAttribute("class")).contains("embed");
            assertThat(browser.driver.findElements(By.cssSelector("header.top")).stream().noneMatch(WebElement::isDisplayed)).isTrue();
        } finally {
            browser.driver.switchTo().defaultContent();
        }
    }

    @Test
    void theMapShadesCountriesFromTheBundledDatabaseCreditsItAndFiltersOnAClick() {
        String created;
        try {
            created = server.asSession(owner, "POST", "/api/sites/" + SITE + "/shares", "{}").body();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        browser.driver.manage().deleteAllCookies();
        browser.open(dashboard("/share/" + created.replaceAll("(?s).*\"share_id\":\"([^\"]+)\".*", "$1")));
        awaitFigures();
        WebElement germany = browser.find("svg.world-map path[data-cc=DE].visited");
        assertThat(germany.findElement(By.tagName("title")).getAttribute("textContent")).contains("(DE)", "1 visitor");
        assertThat(browser.driver.findElements(By.cssSelector("svg.world-map path.visited"))).hasSize(1);
        WebElement credit = browser.find("p.credit a");
        assertThat(credit.getText()).isEqualTo("IP Geolocation by DB-IP");
        assertThat(credit.getAttribute("href")).isEqualTo("https://db-ip.com/");

        germany.click();
        browser.waitForText("#filters .chip", "Country is");
        browser.waitFor(driver -> driver.findElement(By.cssSelector("[data-card=total_pageviews] .card-value")).getText().equals("1"));
        browser.find("button[data-route=countries]").click();
        browser.waitFor(driver -> driver.findElements(By.cssSelector("td.value .flag")).stream()
                .anyMatch(flag -> flag.getText().equals("\uD83C\uDDE9\uD83C\uDDEA")));
    }
}
