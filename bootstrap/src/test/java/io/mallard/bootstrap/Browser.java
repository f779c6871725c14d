package io.mallard.bootstrap;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The system's headless Chromium, driven through its own chromedriver (Selenium, nothing
 * downloaded). Every host under {@code .test} resolves to 127.0.0.1, so pages can have real,
 * non-local host names while all traffic stays on loopback. The User-Agent is an ordinary Chrome
 * one: "HeadlessChrome" would be dropped as a bot by the server, as it should be.
 * Where no browser is installed the calling test is skipped with a message saying so.
 */
final class Browser implements AutoCloseable {
    static final String USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    static Browser launch(Path profile) {
        Optional<Path> binary = firstExisting(System.getenv("MALLARD_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser",
                "/usr/bin/google-chrome");
        Optional<Path> chromedriver = firstExisting(System.getenv("MALLARD_CHROMEDRIVER"), "/usr/bin/chromedriver",
                "/usr/lib/chromium/chromedriver");
        Assumptions.assumeTrue(binary.isPresent() && chromedriver.isPresent(),
                "browser tests skipped: no Chromium and chromedriver found (apt-get install chromium chromium-driver, "
                        + "as .ci/run does, or set MALLARD_CHROMIUM and MALLARD_CHROMEDRIVER)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.get().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-proxy-server",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--host-resolver-rules=MAP *.test 127.0.0.1",
                "--user-agent=" + USER_AGENT, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    private static Optional<Path> firstExisting(String... candidates) {
        return Arrays.stream(candidates).filter(c -> c != null && !c.isBlank()).map(Path::of).filter(Files::isExecutable).findFirst();
    }

    void open(String url) {
        driver.get(url);
    }

    Object script(String javascript, Object... arguments) {
        return driver.executeScript(javascript, arguments);
    }

    /** Waits up to 15 s; on a timeout, keeps a screenshot and reports the page's URL and text. */
    <T> T waitFor(Function<ChromeDriver, T> condition) {
        return waitFor(Duration.ofSeconds(15), condition);
    }

    <T> T waitFor(Duration timeout, Function<ChromeDriver, T> condition) {
        try {
            return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class)
                    .until(ignored -> condition.apply(driver));
        } catch (TimeoutException e) {
            screenshot("timeout-" + System.currentTimeMillis());
            throw new AssertionError("timed out on " + driver.getCurrentUrl() + " showing:\n"
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    /** The first displayed element matching {@code css}, waited for. */
    WebElement find(String css) {
        return waitFor(driver -> driver.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** Waits until an element matching {@code css} contains {@code text}. */
    void waitForText(String css, String text) {
        waitFor(driver -> driver.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(text)));
    }

    /** Writes a PNG of the viewport to target/screenshots (a test artifact). */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
