package io.mallard.bootstrap;

import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.bootstrap.generator.GenerateCommand;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The screenshots in docs/screenshots, taken from a generated site (30 days, 60,000 events ending
 * now) in headless Chromium: {@code ./mallard screenshots} runs this with
 * {@code -Dmallard.screenshots=docs/screenshots}. Skipped in the test suite (nothing to write to).
 */
class DocsScreenshots {
    static final String PASSWORD = "owner-password-1";
    static final String SITE = "example.com";

    @TempDir
    Path dataDir;
    @TempDir
    Path profile;

    @Test
    void theDocumentedScreens() throws Exception {
        String target = System.getProperty("mallard.screenshots");
        Assumptions.assumeTrue(target != null && !target.isBlank(), "docs screenshots are taken by ./mallard screenshots only");
        Path out = Path.of(target);
        Files.createDirectories(out);
        MallardConfig config = Main.loadConfig(new String[0], Map.of("MALLARD_DATA_DIR", dataDir.toString(),
                "MALLARD_SECRET", "docs-screenshots-secret-123"));
        GenerateCommand.generate(config, new GenerateCommand.Options(SITE, 60_000, 30, 7, LocalDate.now(ZoneOffset.UTC)), Clock.systemUTC());

        try (Browser browser = Browser.launch(profile);
             TestServer server = new TestServer(dataDir, Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD,
                     "MALLARD_SECRET", "docs-screenshots-secret-123", "MALLARD_STORAGE", "duckdb"))) {
            String base = "http://stats.test:" + server.base.getPort();
            browser.driver.manage().window().setSize(new Dimension(1366, 1500));
            browser.open(base + "/login");
            browser.find("#login-form input[name=password]").sendKeys(PASSWORD);
            browser.find("#login-form button[type=submit]").click();
            browser.waitFor(driver -> driver.getCurrentUrl().endsWith("/sites"));

            browser.open(base + "/sites/" + SITE);
            awaitDrawn(browser);
            save(browser, out, "dashboard");

            browser.script("document.querySelector('.breakdown[data-title=Locations]').scrollIntoView()");
            browser.find("svg.world-map path.visited");
            save(browser, out, "map");

            browser.find("section.breakdown button.more").click();
            browser.find("dialog#details[open] tbody tr");
            save(browser, out, "details");

            browser.open(base + "/sites/" + SITE + "?filters=" + java.net.URLEncoder.encode("[[\"is\",\"source\",[\"Google\"]]]",
                    java.nio.charset.StandardCharsets.UTF_8));
            awaitDrawn(browser);
            browser.find("#add-filter").click();
            new org.openqa.selenium.support.ui.Select(browser.find("dialog#filter-editor select[name=dimension]")).selectByValue("page");
            browser.find("dialog#filter-editor input[name=value]").sendKeys("/blog");
            browser.find("dialog#filter-editor input[name=value]").sendKeys(org.openqa.selenium.Keys.ENTER);
            browser.find("dialog#filter-editor .chips .chip");
            save(browser, out, "filter-editor");

            browser.open(base + "/sites/" + SITE + "?period=realtime");
            awaitDrawn(browser);
            save(browser, out, "realtime");

            browser.open(base + "/sites/" + SITE + "/behavior");
            browser.find("#funnel-form button[type=submit]").click();
            browser.find("#funnel-result .funnel");
            browser.find("#flow-form button[type=submit]").click();
            browser.find("#flow-result table");
            save(browser, out, "behavior");

            browser.driver.manage().window().setSize(new Dimension(390, 1400));
            browser.open(base + "/sites/" + SITE);
            awaitDrawn(browser);
            save(browser, out, "dashboard-phone");

            String link = server.asSession(server.login("admin", PASSWORD), "POST", "/api/sites/" + SITE + "/shares",
                    "{\"name\":\"Investors\"}").body().replaceAll("(?s).*\"share_id\":\"([^\"]+)\".*", "$1");
            browser.driver.manage().deleteAllCookies();
            browser.open(base + "/share/" + link);
            awaitDrawn(browser);
            save(browser, out, "shared-link-phone");
        }
    }

    static void awaitDrawn(Browser browser) {
        browser.waitFor(driver -> driver.findElements(By.cssSelector("[aria-busy=true]")).isEmpty()
                && !driver.findElements(By.cssSelector("#chart svg")).isEmpty());
    }

    static void save(Browser browser, Path out, String name) throws Exception {
        browser.screenshot(name);
        Files.copy(Browser.SCREENSHOTS.resolve(name + ".png"), out.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(out.resolve(name + ".png"))).as(name).isGreaterThan(10_000);
    }
}
