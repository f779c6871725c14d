package io.mallard.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's details a newcomer trips over (issue 23's defects), each in headless Chromium
 * against the real server: an open instance (MALLARD_OPEN_ACCESS) with a one-minute answer cache,
 * a site with a tagged visit, an untagged one and a purchase.
 */
class DashboardDetailsBrowserTest {
    static final String PASSWORD = "owner-password-1";
    static final String SITE = "shop.test";
    static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    @TempDir
    static Path profile;
    static TestServer server;
    static FixtureSite pages;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.launch(profile);
        pages = new FixtureSite();
        server = new TestServer(dataDir, Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD, "MALLARD_OPEN_ACCESS", "true", "MALLARD_CACHE_TTL", "60"));
        String admin = server.login("admin", PASSWORD);
        for (String site : List.of(SITE, "localhost")) {
            assertThat(server.asSession(admin, "POST", "/api/sites", "{\"site_id\":\"" + site + "\",\"time_zone\":\"UTC\"}").statusCode())
                    .isEqualTo(201);
        }
        track("{\"n\":\"pageview\",\"u\":\"https://shop.test/?utm_source=newsletter\",\"d\":\"shop.test\"}", TestServer.FIREFOX);
        track("{\"n\":\"pageview\",\"u\":\"https://shop.test/pricing\",\"d\":\"shop.test\"}", TestServer.FIREFOX);
        track("{\"n\":\"pageview\",\"u\":\"https://shop.test/pricing\",\"d\":\"shop.test\",\"r\":\"https://www.partner.test/blog/post/?id=7\"}",
                CHROME);
        for (int page = 1; page <= 12; page++) {
            track("{\"n\":\"pageview\",\"u\":\"https://shop.test/docs/page-%02d\",\"d\":\"shop.test\"}".formatted(page), TestServer.FIREFOX);
        }
        track("{\"n\":\"purchase\",\"u\":\"https://shop.test/pricing\",\"d\":\"shop.test\",\"ra\":54.5,\"rc\":\"EUR\"}", CHROME);
        awaitStored(16);
    }

    @AfterAll
    static void stop() {
        TestResources.closeAll(browser, server, pages);
    }

    @BeforeEach
    void signedOut() {
        browser.driver.manage().deleteAllCookies();
    }

    static void track(String body, String userAgent) throws Exception {
        assertThat(server.post(body, "User-Agent", userAgent).statusCode()).isEqualTo(202);
    }

    static void awaitStored(long count) throws Exception {
        for (int i = 0; i < 400 && server.storedEvents() < count; i++) {
            Thread.sleep(25);
        }
        assertThat(server.storedEvents()).isGreaterThanOrEqualTo(count);
    }

    String dashboard(String path) {
        return "http://stats.test:" + server.base.getPort() + path;
    }

    /** The site's dashboard, once its cards show figures (how many visitors depends on which tests ran before). */
    void openSite(String query) {
        browser.open(dashboard("/sites/" + SITE + query));
        browser.waitFor(driver -> driver.findElements(By.cssSelector("[data-card=unique_visitors] .card-value")).stream()
                .anyMatch(value -> value.getText().matches("\\d+")));
    }

    /** The site's dashboard with the tab of breakdown {@code route} shown, once it lists {@code text}: that tab's panel. */
    WebElement showTab(String route, String text) {
        openSite("");
        browser.find("button[data-route=" + route + "]").click();
        browser.waitForText(".breakdown-table", text);
        return browser.find("button[data-route=" + route + "]").findElement(By.xpath("ancestor::section"));
    }

    void signIn() {
        browser.open(dashboard("/login"));
        browser.find("#login-form input[name=password]").sendKeys(PASSWORD);
        browser.find("#login-form button[type=submit]").click();
        browser.waitFor(driver -> driver.getCurrentUrl().endsWith("/sites"));
    }

    @Test
    void anAnonymousReaderOfAnOpenInstanceSeesTheDashboardReadOnly() {
        openSite("");
        assertThat(browser.driver.getCurrentUrl()).as("not sent to the sign-in form").endsWith("/sites/" + SITE);
        assertThat(browser.find("#sign-in").getAttribute("href")).contains("/login?next=");
        assertThat(browser.driver.findElement(By.id("logout")).isDisplayed()).isFalse();
        assertThat(browser.find("#export").getAttribute("href")).as("the export is the server's ZIP of this view")
                .contains("/api/stats/export?", "site_id=" + SITE, "format=zip");
        browser.find("button[data-route=goals]").click();
        browser.waitForText(".breakdown .empty", "An administrator can add them.");
        assertThat(browser.driver.findElements(By.cssSelector("a[href='/settings#goals']"))).as("no offer to add a goal").isEmpty();
        browser.screenshot("details-01-open-instance");
    }

    @Test
    void thePeriodPickerShowsEveryPeriodTheUrlCanName() {
        openSite("?period=day");
        assertThat(browser.find("#period").getAttribute("value")).isEqualTo("today");
        openSite("?period=day&date=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC));
        assertThat(browser.find("#period").getAttribute("value")).isEqualTo("custom");
        assertThat(browser.find("#from").getAttribute("value")).isEqualTo(browser.find("#to").getAttribute("value"));
        openSite("?period=fortnight");
        assertThat(browser.find("#period").getAttribute("value")).as("an unknown period reads as the default").isEqualTo("30d");
    }

    @Test
    void theChartsLabelsStayInsideTheDrawing() {
        for (String period : List.of("7d", "30d", "today")) {
            openSite("?period=" + period);
            browser.find("#chart text.tick");
            Object outside = browser.script("const box = document.querySelector('#chart svg').viewBox.baseVal;"
                    + "return [...document.querySelectorAll('#chart text')].map((t) => [t.textContent, t.getBBox()])"
                    + ".filter(([, b]) => b.x < 0 || b.x + b.width > box.width).map(([text]) => text);");
            assertThat((List<?>) outside).as("labels cut off at " + period).isEmpty();
            assertThat((List<?>) browser.script("return [...document.querySelectorAll('#chart .grid text')].map((t) => t.textContent)"))
                    .as("the visitor axis counts in whole numbers").allSatisfy(label -> assertThat((String) label).doesNotContain(".", ","));
        }
    }

    @Test
    void revenueHasItsOwnColumn() {
        WebElement table = showTab("events", "purchase").findElement(By.cssSelector("table"));
        assertThat(table.findElements(By.cssSelector("thead th")).stream().map(WebElement::getText)).contains("Revenue");
        WebElement purchase = table.findElements(By.cssSelector("tbody tr")).stream()
                .filter(row -> row.findElement(By.cssSelector("td.value")).getText().equals("purchase")).findFirst().orElseThrow();
        assertThat(purchase.findElement(By.cssSelector("td.money")).getText()).contains("54").contains("€");
        browser.screenshot("details-02-revenue");
    }

    @Test
    void thePagesTableFitsItsPanelAt1366PixelsWithoutBreakingAPath() {
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
        try {
            openSite("");
            browser.waitForText(".breakdown-table", "/pricing");
            assertThat((Long) browser.script("const wrap = document.querySelector('.breakdown .table-wrap');"
                    + "return wrap.scrollWidth - wrap.clientWidth;")).as("the Pages table scrolls sideways").isLessThanOrEqualTo(0L);
            assertThat((List<?>) browser.script("return [...new Set([...document.querySelectorAll('#cards .card')]"
                    + ".map((card) => Math.round(card.getBoundingClientRect().top)))]")).as("the top figures in one strip").hasSize(1);
            assertThat((List<?>) browser.script("return [...document.querySelectorAll('.breakdown td.value button')]"
                    + ".filter((b) => b.getClientRects().length !== 1 || b.getBoundingClientRect().height > 30).map((b) => b.textContent);"))
                    .as("names broken over lines").isEmpty();
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    @Test
    void noScreenScrollsSidewaysOnAPhoneOrALaptop() throws Exception {
        String link = server.asSession(server.login("admin", PASSWORD), "POST", "/api/sites/" + SITE + "/shares", "{\"name\":\"Layout\"}")
                .body().replaceAll("(?s).*\"share_id\":\"([^\"]+)\".*", "$1");
        signIn();
        // Each screen with what shows once its data is drawn.
        Map<String, String> screens = Map.of("/sites", ".site-card svg.sparkline", "/sites/" + SITE, "#chart svg",
                "/sites/" + SITE + "/behavior", "#funnel-form", "/settings", "#site-rows tr code.snippet", "/share/" + link, "#chart svg");
        List<String> wide = new java.util.ArrayList<>();
        try {
            for (int width : List.of(390, 1366)) {
                browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, 900));
                for (Map.Entry<String, String> entry : screens.entrySet()) {
                    String screen = entry.getKey();
                    browser.open(dashboard(screen));
                    browser.find(entry.getValue());
                    Long overflow = (Long) browser.script("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                    if (overflow > 0) {
                        wide.add(screen + " at " + width + " px: " + overflow + " px too wide, past the edge: " + browser.script(
                                "const edge = document.documentElement.clientWidth; const name = (e) => e.tagName.toLowerCase()"
                                + " + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + e.className : '');"
                                + "return [...document.querySelectorAll('main *')].filter((e) => e.getBoundingClientRect().right > edge + 1"
                                + " && e.parentElement.getBoundingClientRect().right <= edge + 1).map(name).slice(0, 8).join(', ')"));
                        browser.screenshot("details-wide-" + width + screen.replace('/', '-'));
                    }
                }
            }
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
        assertThat(wide).isEmpty();
    }

    @Test
    void onAPhoneTheChartStaysLegibleTheSparklineFillsItsCardAndSettingsRowsStack() {
        signIn();
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            openSite("");
            browser.find("#chart text.tick");
            assertThat(((Number) browser.script("return Math.min(...[...document.querySelectorAll('#chart text')]"
                    + ".map((t) => t.getBoundingClientRect().height))")).doubleValue()).as("axis labels' height in pixels").isGreaterThanOrEqualTo(10);

            browser.open(dashboard("/sites"));
            browser.find(".site-card svg.sparkline path");
            assertThat((List<?>) browser.script("const svg = document.querySelector('.site-card svg.sparkline');"
                    + "const line = svg.querySelector('path').getBoundingClientRect(); const box = svg.getBoundingClientRect();"
                    + "return [line.left - box.left, box.right - line.right];"))
                    .as("the sparkline's margins to its box").allSatisfy(margin -> assertThat(((Number) margin).doubleValue()).isLessThan(3));

            browser.open(dashboard("/settings"));
            browser.waitForText("#site-rows", SITE);
            assertThat((List<?>) browser.script("const edge = document.documentElement.clientWidth;"
                    + "return [...document.querySelectorAll('#site-rows button')].filter((b) => b.getBoundingClientRect().right > edge)"
                    + ".map((b) => b.textContent);")).as("site buttons off screen").isEmpty();
            browser.screenshot("details-03-settings-phone");
        } finally {
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        }
    }

    @Test
    void theFlowsLabelsPaintAboveTheirBars() {
        browser.open(dashboard("/sites/" + SITE + "/behavior"));
        browser.find("#flow-form button[type=submit]").click();
        browser.find("#flow-result td.value .label");
        // What the browser finds on top at each label's start: the label itself, or what paints over it.
        assertThat((List<?>) browser.script("return [...document.querySelectorAll('#flow-result td.value .label')].map((label) => {"
                + "label.scrollIntoView({block: 'center'}); const box = label.getBoundingClientRect();"
                + "const top = document.elementFromPoint(box.left + Math.min(box.width / 2, 10), box.top + box.height / 2);"
                + "return top === label ? null : label.textContent + ' under ' + (top && top.outerHTML.slice(0, 80)); }).filter(Boolean);"))
                .as("labels hidden under a bar").isEmpty();
    }

    @Test
    void retentionThatDailyIdsCannotMeasureIsExplainedInsteadOfAGridOfZeros() {
        browser.open(dashboard("/sites/" + SITE + "/behavior"));
        browser.find("#retention-form button[type=submit]").click();
        browser.waitForText("#retention-result .notice", "Returning visitors cannot be seen here.");
        assertThat(browser.find("#retention-result .notice").getText()).contains("uid", "MALLARD_IDENTITY_ROTATION");
        assertThat(browser.driver.findElement(By.cssSelector("#retention-result table.heatmap")).isDisplayed())
                .as("the zeros are folded away").isFalse();
        browser.screenshot("details-04-retention");
    }

    @Test
    void everyRowOfABreakdownCanBeSearchedAndPagedInItsDetails() {
        openSite("");
        browser.waitForText(".breakdown-table", "/pricing");
        WebElement pages = browser.find("button[data-route=pages]").findElement(By.xpath("ancestor::section"));
        assertThat(pages.findElements(By.cssSelector("tbody tr"))).as("the panel shows ten rows").hasSize(10);
        pages.findElement(By.cssSelector("button.more")).click();
        // Every page tracked (other tests add some): the 3 of the fixture's visits and its 12 documents at least.
        browser.waitFor(driver -> driver.findElements(By.cssSelector("dialog#details[open] tbody tr")).size() >= 15);
        browser.find("dialog#details input[type=search]").sendKeys("page-1");
        browser.waitFor(driver -> driver.findElements(By.cssSelector("dialog#details tbody tr")).size() == 3);
        assertThat(browser.driver.findElements(By.cssSelector("dialog#details td.value")).stream().map(WebElement::getText))
                .containsExactlyInAnyOrder("/docs/page-10", "/docs/page-11", "/docs/page-12");
        assertThat(browser.find("dialog#details .details-pages button:last-child").isEnabled()).as("no next page").isFalse();
        browser.screenshot("details-05-details-dialog");
        browser.find("dialog#details td.value button[title='Filter by /docs/page-11']").click();
        browser.waitForText("#filters .chip", "Page is /docs/page-11");
        assertThat(browser.driver.findElements(By.cssSelector("dialog#details[open]"))).as("closed once a row is picked").isEmpty();
    }

    @Test
    void theRealtimeViewShowsTheLastHalfHourAndRefreshesItself() throws Exception {
        openSite("?period=realtime");
        assertThat(browser.find("#period").getAttribute("value")).isEqualTo("realtime");
        assertThat(browser.driver.findElement(By.id("compare")).isEnabled()).as("nothing to compare with").isFalse();
        assertThat(browser.driver.findElements(By.cssSelector("#chart circle.point"))).as("one point per minute").hasSize(30);
        browser.waitForText(".breakdown-table", "/pricing");
        long before = Long.parseLong(browser.find("[data-card=unique_visitors] .card-value").getText());
        track("{\"n\":\"pageview\",\"u\":\"https://shop.test/now\",\"d\":\"shop.test\"}",
                "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0");
        browser.waitFor(Duration.ofSeconds(40), driver -> browser.find("[data-card=unique_visitors] .card-value").getText()
                .equals(String.valueOf(before + 1)));
        browser.screenshot("details-06-realtime");
    }

    @Test
    void anAdministratorChangesAUsersRoleSitesAndPasswordInSettings() throws Exception {
        String owner = server.login("admin", PASSWORD);
        assertThat(server.asSession(owner, "POST", "/api/users",
                "{\"username\":\"reader\",\"password\":\"reader-password-1\",\"role\":\"viewer\",\"sites\":[]}").statusCode()).isEqualTo(201);
        signIn();
        browser.open(dashboard("/settings"));
        browser.waitForText("#user-rows", "reader");
        new org.openqa.selenium.support.ui.Select(browser.find("#user-rows select[aria-label='Role of reader']")).selectByValue("admin");
        WebElement sites = browser.find("#user-rows input[aria-label='Sites of reader']");
        sites.sendKeys("shop.test");
        WebElement row = sites.findElement(By.xpath("ancestor::tr"));
        row.findElements(By.cssSelector("button")).stream().filter(b -> b.getText().equals("Save")).findFirst().orElseThrow().click();
        browser.waitFor(driver -> {
            try {
                JsonNode reader = readerAccount(owner);
                return reader.get("role").asText().equals("admin") && reader.get("sites").toString().equals("[\"shop.test\"]");
            } catch (Exception e) {
                return false;
            }
        });

        browser.find("#user-rows input[aria-label='Sites of reader']").findElement(By.xpath("ancestor::tr")).findElements(By.cssSelector("button"))
                .stream().filter(b -> b.getText().equals("Reset password")).findFirst().orElseThrow().click();
        org.openqa.selenium.Alert prompt = browser.waitFor(driver -> driver.switchTo().alert());
        prompt.sendKeys("reader-password-2");
        prompt.accept();
        org.openqa.selenium.Alert done = browser.waitFor(driver -> driver.switchTo().alert());
        assertThat(done.getText()).contains("reader's password is changed");
        done.accept();
        assertThat(server.login("reader", "reader-password-2")).as("signs in with the new password").isNotBlank();
    }

    JsonNode readerAccount(String token) throws Exception {
        for (JsonNode user : JSON.readTree(server.asSession(token, "GET", "/api/users", null).body())) {
            if (user.get("username").asText().equals("reader")) {
                return user;
            }
        }
        throw new AssertionError("no reader account");
    }

    @Test
    void referrersReadAsHostAndPath() {
        WebElement panel = showTab("referrers", "partner.test/blog/post");
        assertThat(panel.findElement(By.cssSelector("table")).getText()).doesNotContain("https://", "www.", "?id=");
        WebElement partner = panel.findElements(By.cssSelector("td.value button")).stream()
                .filter(button -> button.getText().equals("partner.test/blog/post")).findFirst().orElseThrow();
        assertThat(partner.getAttribute("title")).as("the whole URL on hover")
                .startsWith("Filter by https://www.partner.test/blog/post");
    }

    @Test
    void utmTabsLeaveOutUntaggedVisits() {
        assertThat(showTab("utm_source", "newsletter").getText()).doesNotContain("(none)");
    }

    @Test
    void aFilterChangeDimsTheOldFiguresUntilTheNewOnesArrive() {
        openSite("");
        browser.script("window.busySeen = false; new MutationObserver(() => { window.busySeen ||= "
                + "document.querySelector('#cards').getAttribute('aria-busy') === 'true'; })"
                + ".observe(document.querySelector('#cards'), {attributes: true});");
        browser.find("td.value button[title='Filter by /pricing']").click();
        browser.waitForText("#filters .chip", "Page is /pricing");
        browser.waitFor(driver -> browser.find("#cards").getAttribute("aria-busy") == null);
        assertThat(browser.script("return window.busySeen")).isEqualTo(true);
        assertThat(browser.find("[data-card=unique_visitors] .card-value").getText()).as("both visitors saw /pricing").isEqualTo("2");
    }

    @Test
    void aRangeReachingThePresentShowsANewVisitWithinSecondsDespiteTheCache() throws Exception {
        String today = "/api/stats/main?site_id=" + SITE + "&period=day";
        long before = JSON.readTree(server.get(today).body()).path("unique_visitors").asLong();
        track("{\"n\":\"pageview\",\"u\":\"https://shop.test/about\",\"d\":\"shop.test\"}",
                "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0");
        awaitStored(17);
        long started = System.nanoTime();
        long after = before;
        while (after == before && System.nanoTime() - started < Duration.ofSeconds(20).toNanos()) {
            Thread.sleep(250);
            after = JSON.readTree(server.get(today).body()).path("unique_visitors").asLong();
        }
        assertThat(after).as("the new visitor, well before the 60 s cache would let it show").isEqualTo(before + 1);
    }

    @Test
    void anIdleTrackerSaysWhyAndTheSnippetOfALocalSiteTracksLocally() throws Exception {
        pages.page("/local", "<!doctype html><html><head><meta charset=utf-8><title>Local</title>"
                + "<script>window.warnings = []; console.warn = (message) => warnings.push(message);</script>"
                + "<script defer data-domain=\"localhost\" src=\"" + dashboard("/mallard.js") + "\"></script></head><body>Local</body></html>");
        browser.open("http://localhost:" + pages.port() + "/local");
        browser.waitFor(driver -> !((List<?>) browser.script("return window.warnings")).isEmpty());
        assertThat((List<?>) browser.script("return window.warnings")).singleElement().asString()
                .startsWith("Mallard: not tracking: local page").contains("data-local");

        signIn();
        browser.open(dashboard("/settings"));
        browser.waitForText("#site-rows", "localhost");
        List<String> snippets = browser.driver.findElements(By.cssSelector("#site-rows code.snippet")).stream().map(WebElement::getText).toList();
        assertThat(snippets).anySatisfy(code -> assertThat(code).contains("data-domain=\"localhost\" data-local"));
        assertThat(snippets).anySatisfy(code -> assertThat(code).contains("data-domain=\"shop.test\"").doesNotContain("data-local"));
    }

    @Test
    void aRefusedFormSaysWhatIsWrongInWordsAndMarksTheField() {
        signIn();
        browser.open(dashboard("/settings"));
        browser.find("#password-form input[name=current_password]").sendKeys("not-the-password");
        browser.find("#password-form input[name=new_password]").sendKeys("another-password-2");
        browser.find("#password-form input[name=confirm]").sendKeys("another-password-2");
        browser.find("#password-form button[type=submit]").click();
        browser.waitForText("#password-form .error", "current password is wrong");
        assertThat(browser.find("#password-form .error").getText()).doesNotContain("current_password");
        assertThat(browser.find("#password-form input[name=current_password]").getAttribute("aria-invalid")).isEqualTo("true");
    }

    @Test
    void theFilterEditorOffersEveryOperatorSuggestsValuesAndEditsAChip() {
        openSite("");
        browser.find("#add-filter").click();
        WebElement editor = browser.find("dialog#filter-editor");
        assertThat(new Select(editor.findElement(By.name("operator"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("is", "is not", "contains", "does not contain", "matches (* = anything)", "does not match (* = anything)");
        new Select(editor.findElement(By.name("dimension"))).selectByVisibleText("Page");
        new Select(editor.findElement(By.name("operator"))).selectByValue("contains");
        editor.findElement(By.name("value")).sendKeys("/docs/page-1");
        browser.waitFor(driver -> driver.findElements(By.cssSelector("#filter-suggestions option")).stream()
                .map(option -> option.getAttribute("value")).toList().containsAll(List.of("/docs/page-10", "/docs/page-11", "/docs/page-12")));
        editor.findElement(By.id("apply-filter")).click();

        browser.waitForText("#filters .chip", "Page contains /docs/page-1");
        browser.waitFor(driver -> browser.find("[data-card=total_pageviews] .card-value").getText().equals("3"));

        browser.find("#filters .chip-label").click();
        new Select(browser.find("dialog#filter-editor select[name=operator]")).selectByValue("contains_not");
        browser.find("dialog#filter-editor #apply-filter").click();
        browser.waitForText("#filters .chip", "Page does not contain /docs/page-1");
        assertThat(browser.driver.findElements(By.cssSelector("#filters .chip"))).hasSize(1);
        assertThat(browser.driver.getCurrentUrl()).contains("contains_not");
    }

    @Test
    void aPropertyFilterNeedsAKeyAndAValue() {
        openSite("");
        browser.find("#add-filter").click();
        new Select(browser.find("dialog#filter-editor select[name=dimension]")).selectByValue("prop");
        browser.find("dialog#filter-editor #apply-filter").click();
        browser.waitForText("dialog#filter-editor .error", "property key");
        browser.find("dialog#filter-editor input[name=key]").sendKeys("plan");
        browser.find("dialog#filter-editor #apply-filter").click();
        browser.waitForText("dialog#filter-editor .error", "at least one value");
        browser.find("dialog#filter-editor input[name=value]").sendKeys("pro");
        browser.find("dialog#filter-editor #apply-filter").click();
        browser.waitForText("#filters .chip", "Property plan is pro");
    }

    @Test
    void anAdministratorSavesFiltersAsASegmentThatAnyReaderAppliesFromThePicker() {
        signIn();
        openSite("?filters=" + java.net.URLEncoder.encode("[[\"is\",\"page\",[\"/pricing\"]]]", java.nio.charset.StandardCharsets.UTF_8));
        browser.find("#save-segment").click();
        org.openqa.selenium.Alert prompt = browser.waitFor(driver -> driver.switchTo().alert());
        prompt.sendKeys("Pricing readers");
        prompt.accept();
        browser.waitFor(driver -> new Select(browser.find("#segment")).getFirstSelectedOption().getText().equals("Pricing readers"));
        assertThat(browser.driver.findElements(By.cssSelector("#save-segment:not([hidden])"))).as("saved already").isEmpty();

        browser.driver.manage().deleteAllCookies();
        openSite("");
        new Select(browser.find("#segment")).selectByVisibleText("Pricing readers");
        browser.waitForText("#filters .chip", "Page is /pricing");
        browser.waitFor(driver -> browser.find("[data-card=unique_visitors] .card-value").getText().equals("2"));
        new Select(browser.find("#segment")).selectByVisibleText("All visits");
        browser.waitFor(driver -> driver.findElements(By.cssSelector("#filters .chip")).isEmpty());
    }

    @Test
    void aGoalRowFiltersTheDashboardByWhatItCounts() throws Exception {
        String owner = server.login("admin", PASSWORD);
        String created = server.asSession(owner, "POST", "/api/sites/" + SITE + "/goals", "{\"kind\":\"event\",\"value\":\"purchase\"}").body();
        String goalId = created.replaceAll("(?s).*\"goal_id\":(\\d+).*", "$1");
        try {
            WebElement panel = showTab("goals", "purchase");
            panel.findElement(By.cssSelector("td.value button")).click();
            browser.waitForText("#filters .chip", "Event is purchase");
            browser.waitFor(driver -> browser.find("[data-card=unique_visitors] .card-value").getText().equals("1"));
        } finally {
            server.asSession(owner, "DELETE", "/api/sites/" + SITE + "/goals/" + goalId, null);
        }
    }
}
