package io.mallard.bootstrap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Not part of the suite (its name does not end in Test): run by scripts/bench/dashboard.sh against
 * a server it started. Measures, in headless Chromium, the time from navigation to the site screen
 * fully drawn (cards, chart and every breakdown table: the page's own {@code data-rendered} mark),
 * over {@code bench.runs} navigations after one warm-up, {@code bench.pause} ms apart, and prints Markdown for PERF.md. (The
 * sizes of what the page downloads are printed by the build: ScriptBudgetTest.)
 */
class DashboardRenderBenchmark {
    @TempDir
    Path profile;

    @Test
    void timeFromNavigationToAFullyDrawnDashboard() throws Exception {
        String base = System.getProperty("bench.url");
        Assumptions.assumeTrue(base != null, "run by scripts/bench/dashboard.sh (needs -Dbench.url)");
        String site = System.getProperty("bench.site", "example.com");
        int runs = Integer.getInteger("bench.runs", 10);
        try (Browser browser = Browser.launch(profile)) {
            browser.open(base + "/login");
            browser.waitFor(driver -> driver.findElement(By.cssSelector("#login-form input[name=password]")))
                    .sendKeys(System.getProperty("bench.password"));
            browser.driver.findElement(By.cssSelector("#login-form button[type=submit]")).click();
            browser.waitFor(driver -> driver.getCurrentUrl().endsWith("/sites"));
            List<Long> times = new ArrayList<>();
            // The server shares a filtered view's tables among its questions for 5 s after building
            // them: a pause longer than that makes every navigation a first load.
            long pause = Long.getLong("bench.pause", 0);
            for (int run = 0; run <= runs; run++) {
                if (run > 0) {
                    Thread.sleep(pause);
                }
                browser.open(base + "/sites/" + site + System.getProperty("bench.query", ""));
                String rendered = browser.waitFor(Duration.ofMinutes(3),
                        driver -> driver.findElement(By.tagName("body")).getDomAttribute("data-rendered"));
                if (browser.driver.findElements(By.cssSelector(".error")).stream().anyMatch(e -> e.isDisplayed())) {
                    throw new AssertionError("the dashboard showed an error: " + browser.driver.findElement(By.tagName("body")).getText());
                }
                if (run > 0) {
                    times.add(Long.parseLong(rendered));
                }
            }
            browser.screenshot("benchmark-dashboard");
            times.sort(null);
            long p50 = times.get((times.size() - 1) / 2);
            long p95 = times.get((int) Math.ceil(times.size() * 0.95) - 1);
            System.out.printf("| navigation → dashboard drawn | p50 %d ms | p95 %d ms | runs %d |%n", p50, p95, times.size());
        }
    }
}
