package io.mallard.bootstrap;

import io.mallard.domain.event.Engagement;
import io.mallard.domain.event.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The reference's ingestion contract over a real HTTP server (SPEC §2), in the documented status order. */
class IngestContractTest {
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

    static String event(String d, String n, String u) {
        return "{\"d\":\"" + d + "\",\"n\":\"" + n + "\",\"u\":\"" + u + "\"}";
    }

    @Test
    void aTrackerEventIsAcceptedWithAnEmptyBodyAndStoredEnriched() throws Exception {
        HttpResponse<String> response = server.post("{\"d\":\"contract.test\",\"n\":\"pageview\",\"u\":\"https://contract.test/docs/?utm_source=news%20letter\","
                + "\"r\":\"https://www.google.com/search?q=x\",\"w\":1280}", "Content-Type", "text/plain", "Origin", "https://contract.test");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().allValues("Access-Control-Allow-Origin")).containsExactly("https://contract.test");
        Event stored = server.events("contract.test").getFirst();
        assertThat(List.of(stored.pathname(), stored.hostname(), stored.referrerSource(), stored.utmSource(), stored.browser(), stored.os(),
                stored.screenSize(), stored.deviceType()))
                .containsExactly("/docs", "contract.test", "Google", "news letter", "Firefox", "Linux", "Laptop", "Desktop");
    }

    @Test
    void propsAreKeptAsAJsonObjectAndRevenueWithAnIsoCurrency() throws Exception {
        HttpResponse<String> response = server.post("{\"d\":\"props.test\",\"n\":\"purchase\",\"u\":\"/checkout\","
                + "\"p\":\"{\\\"plan\\\": \\\"pro\\\"}\",\"ra\":49.99,\"rc\":\"usd\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        Event stored = server.events("props.test").getFirst();
        assertThat(List.of(stored.props().json(), stored.revenueAmount().toPlainString(), stored.revenueCurrency()))
                .containsExactly("{\"plan\":\"pro\"}", "49.99", "USD");
    }

    @Test
    void anUnknownCurrencyDropsTheRevenueButKeepsTheEvent() throws Exception {
        assertThat(server.post("{\"d\":\"currency.test\",\"n\":\"purchase\",\"u\":\"/\",\"ra\":5,\"rc\":\"XYZ\"}").statusCode()).isEqualTo(202);

        Event stored = server.events("currency.test").getFirst();
        assertThat(java.util.Arrays.asList(stored.eventName().value(), stored.revenueAmount(), stored.revenueCurrency()))
                .containsExactly("purchase", null, null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing d            | {\"n\":\"pageview\",\"u\":\"/\"}                                | d",
            "d with a space       | {\"d\":\"a b\",\"n\":\"pageview\",\"u\":\"/\"}                   | d",
            "d with ..            | {\"d\":\"..\",\"n\":\"pageview\",\"u\":\"/\"}                    | d",
            "missing n            | {\"d\":\"a.com\",\"u\":\"/\"}                                    | n",
            "missing u            | {\"d\":\"a.com\",\"n\":\"pageview\"}                             | u",
            "u not http           | {\"d\":\"a.com\",\"n\":\"pageview\",\"u\":\"javascript:alert(1)\"} | u",
            "d not a string       | {\"d\":5,\"n\":\"pageview\",\"u\":\"/\"}                          | d",
            "w not an integer     | {\"d\":\"a.com\",\"n\":\"pageview\",\"u\":\"/\",\"w\":\"wide\"}    | w",
            "w negative           | {\"d\":\"a.com\",\"n\":\"pageview\",\"u\":\"/\",\"w\":-1}         | w",
            "p not an object      | {\"d\":\"a.com\",\"n\":\"pageview\",\"u\":\"/\",\"p\":\"[1,2]\"}   | p",
            "p not JSON           | {\"d\":\"a.com\",\"n\":\"pageview\",\"u\":\"/\",\"p\":\"{oops\"}   | p",
            "ra not a number      | {\"d\":\"a.com\",\"n\":\"pageview\",\"u\":\"/\",\"ra\":\"5\"}      | ra",
            "uid not a string     | {\"d\":\"a.com\",\"n\":\"pageview\",\"u\":\"/\",\"uid\":42}        | uid",
            "e not an integer     | {\"d\":\"a.com\",\"n\":\"engagement\",\"u\":\"/\",\"e\":1.5,\"sd\":1} | e",
            "e negative           | {\"d\":\"a.com\",\"n\":\"engagement\",\"u\":\"/\",\"e\":-1,\"sd\":1}  | e",
            "e over a day         | {\"d\":\"a.com\",\"n\":\"engagement\",\"u\":\"/\",\"e\":86400001}     | e",
            "sd over 100          | {\"d\":\"a.com\",\"n\":\"engagement\",\"u\":\"/\",\"e\":5,\"sd\":101}  | sd",
            "sd not a number      | {\"d\":\"a.com\",\"n\":\"engagement\",\"u\":\"/\",\"sd\":\"half\"}   | sd",
            "uid with a newline   | {\"d\":\"a.com\",\"n\":\"pageview\",\"u\":\"/\",\"uid\":\"a\\nb\"}  | uid",
            "control character    | {\"d\":\"a.com\",\"n\":\"page\\u0000view\",\"u\":\"/\"}          | n",
            "not an object        | [1,2,3]                                                             | body",
            "not JSON             | d=a.com&n=pageview                                                  | body",
            "duplicate key        | {\"d\":\"a.com\",\"d\":\"b.com\",\"n\":\"pageview\",\"u\":\"/\"}   | body"})
    void aContractViolationIs400NamingTheFieldAndStoresNothing(String name, String body, String field) throws Exception {
        long before = server.storedEvents();

        HttpResponse<String> response = server.post(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"field\":\"" + field + "\"");
        assertThat(server.storedEvents()).isEqualTo(before);
    }

    /** A User-Agent never seen runs the pipeline on the blocking executor; its errors answer as on the event loop. */
    @Test
    void aContractViolationFromANeverSeenUserAgentIs400NamingTheField() throws Exception {
        String newAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:" + System.nanoTime() % 1000 + ".0) Gecko/20100101 Firefox/"
                + System.nanoTime() % 997 + ".0 contract-test";
        long before = server.storedEvents();

        HttpResponse<String> response = server.post(event("a.com", "pageview", "javascript:alert(1)"), "User-Agent", newAgent);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"u\"");
        assertThat(server.post(event("a.com", "pageview", "/"), "User-Agent", newAgent + " again").statusCode()).isEqualTo(202);
        assertThat(server.storedEvents()).isEqualTo(before + 1);
    }

    @ParameterizedTest(name = "{0} at {1} characters is refused, at the limit accepted")
    @CsvSource({"d, 256", "n, 256", "u, 2048", "r, 2048", "p, 4096", "uid, 256"})
    void fieldLimitsAreExactlyTheReferences(String field, int limit) throws Exception {
        assertThat(server.post(withLength(field, limit)).statusCode()).isEqualTo(202);
        HttpResponse<String> over = server.post(withLength(field, limit + 1));
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(over.body()).contains("\"field\":\"" + field + "\"");
    }

    static String withLength(String field, int length) {
        String d = "limits.test", n = "pageview", u = "/", r = "";
        String p = null, uid = null;
        switch (field) {
            case "d" -> d = "d".repeat(length);
            case "n" -> n = "n".repeat(length);
            case "u" -> u = "/" + "u".repeat(length - 1);
            case "r" -> r = "https://r.test/" + "r".repeat(length - 15);
            case "p" -> p = "{\\\"k\\\":\\\"" + "v".repeat(length - 8) + "\\\"}";
            case "uid" -> uid = "k".repeat(length);
            default -> throw new IllegalArgumentException(field);
        }
        return "{\"d\":\"" + d + "\",\"n\":\"" + n + "\",\"u\":\"" + u + "\",\"r\":\"" + r + "\""
                + (p == null ? "" : ",\"p\":\"" + p + "\"") + (uid == null ? "" : ",\"uid\":\"" + uid + "\"") + "}";
    }

    @Test
    void aBodyOver64KiBIs413BeforeAnyOtherCheck() throws Exception {
        HttpResponse<String> response = server.post("{\"x\":\"" + "a".repeat(64 * 1024) + "\"}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("\"field\":\"body\"");
    }

    @ParameterizedTest
    @CsvSource({
            "'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'",
            "curl/8.5.0",
            "'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36'",
            "python-requests/2.31"})
    void botsAreDroppedSilentlyWith202(String userAgent) throws Exception {
        long before = server.storedEvents();

        HttpResponse<String> response = server.post(event("bots.test", "pageview", "/"), "User-Agent", userAgent);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("X-Mallard-Dropped")).contains("bot");
        assertThat(response.headers().firstValue("X-Plausible-Dropped")).contains("1");
        assertThat(server.storedEvents()).isEqualTo(before);
    }

    @Test
    void plausiblesEventsApiPayloadIsReadWithItsRevenueAsANumericString() throws Exception {
        HttpResponse<String> response = server.post("{\"name\":\"Purchase\",\"url\":\"https://plausible.test/checkout?x=1\","
                + "\"domain\":\"plausible.test\",\"referrer\":\"https://news.ycombinator.com/item\",\"props\":{\"plan\":\"pro\"},"
                + "\"revenue\":{\"currency\":\"EUR\",\"amount\":\"1322.22\"}}", "Content-Type", "application/json");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("X-Mallard-Dropped")).isEmpty();
        Event stored = server.events("plausible.test").getFirst();
        assertThat(List.of(stored.eventName().value(), stored.pathname(), stored.referrerSource(), stored.props().json(),
                stored.revenueAmount().toPlainString(), stored.revenueCurrency()))
                .containsExactly("Purchase", "/checkout", "Hacker News", "{\"plan\":\"pro\"}", "1322.22", "EUR");
    }

    @Test
    void aCommaSeparatedDomainSendsTheEventToEachSite() throws Exception {
        HttpResponse<String> response = server.post("{\"name\":\"pageview\",\"url\":\"https://one.test/rollup\","
                + "\"domain\":\"one.test, rollup.test,one.test\"}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(server.events("one.test")).hasSize(1);
        assertThat(server.events("rollup.test")).extracting(Event::pathname).containsExactly("/rollup");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"d\":\"x.test\",\"domain\":\"x.test\",\"n\":\"pageview\",\"u\":\"/\"}|domain",
            "{\"d\":\"x.test\",\"name\":\"a\",\"n\":\"b\",\"u\":\"/\"}|name",
            "{\"d\":\"x.test\",\"n\":\"buy\",\"u\":\"/\",\"revenue\":{\"currency\":\"EUR\",\"amount\":\"ten\"}}|revenue",
            "{\"d\":\"x.test\",\"n\":\"buy\",\"u\":\"/\",\"revenue\":{\"amount\":10}}|revenue",
            "{\"d\":\"x.test\",\"n\":\"buy\",\"u\":\"/\",\"revenue\":{\"currency\":\"EUR\",\"amount\":1},\"ra\":1,\"rc\":\"EUR\"}|revenue",
            "{\"domain\":\"a.test,b.test,c.test,d.test,e.test,f.test,g.test,h.test,i.test,j.test,k.test\",\"n\":\"pageview\",\"u\":\"/\"}|domain"})
    void aPlausiblePayloadThatContradictsItselfIsRefusedNamingTheField(String body, String field) throws Exception {
        long before = server.storedEvents();

        HttpResponse<String> response = server.post(body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"" + field + "\"");
        assertThat(server.storedEvents()).isEqualTo(before);
    }

    @Test
    void anEngagementReportKeepsItsVisibleTimeAndDepthAndOtherEventsIgnoreThem() throws Exception {
        assertThat(server.post("{\"d\":\"engaged.test\",\"n\":\"engagement\",\"u\":\"/read\",\"e\":86400000,\"sd\":100}").statusCode())
                .isEqualTo(202);
        assertThat(server.post("{\"d\":\"engaged.test\",\"n\":\"pageview\",\"u\":\"/read\",\"e\":5000,\"sd\":40}").statusCode())
                .isEqualTo(202);
        assertThat(server.getBytes("/api/event?d=engaged.test&n=engagement&u=%2Fpixel&e=0&sd=0").statusCode()).isEqualTo(200);

        List<Event> stored = server.events("engaged.test").stream().sorted(java.util.Comparator.comparingLong(Event::eventId)).toList();
        assertThat(stored).extracting(event -> event.eventName().value(), Event::pathname, Event::engagement).containsExactly(
                tuple("engagement", "/read", new Engagement(86_400_000, 100)), tuple("pageview", "/read", null),
                tuple("engagement", "/pixel", new Engagement(0, 0)));
        assertThat(stored.stream().filter(event -> event.pathname().equals("/read")).map(Event::visitId))
                .as("one client's events a moment apart: one visit, opened by the first event").hasSize(2)
                .containsOnly(stored.getFirst().eventId());
    }

    @Test
    void thePixelAnswersThe43ByteTransparentGifAndStoresTheEvent() throws Exception {
        long before = server.storedEvents();

        HttpResponse<byte[]> response = server.getBytes("/api/event?d=pixel.test&n=pageview&u=%2Fpixel&w=390");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/gif");
        assertThat(response.body()).hasSize(43);
        assertThat(new String(response.body(), 0, 6, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
        assertThat(server.storedEvents()).isEqualTo(before + 1);
    }

    @Test
    void thePixelAnswersTheGifToEveryRequestAndSaysWhyNothingWasStored() throws Exception {
        long before = server.storedEvents();

        HttpResponse<byte[]> noName = server.getBytes("/api/event?d=pixel.test&u=%2Fdefault-name");
        HttpResponse<byte[]> badWidth = server.getBytes("/api/event?d=pixel.test&n=pageview&w=wide");
        HttpResponse<byte[]> badSite = server.getBytes("/api/event?d=not%20a%20site&n=pageview");
        HttpResponse<byte[]> nothing = server.getBytes("/api/event");

        for (HttpResponse<byte[]> response : List.of(noName, badWidth, badSite, nothing)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("image/gif");
            assertThat(response.body()).hasSize(43);
        }
        assertThat(noName.headers().firstValue("X-Mallard-Refused")).as("n defaults to pageview").isEmpty();
        assertThat(badWidth.headers().firstValue("X-Mallard-Refused")).hasValue("invalid:w");
        assertThat(badSite.headers().firstValue("X-Mallard-Refused")).hasValue("invalid:d");
        assertThat(nothing.headers().firstValue("X-Mallard-Refused")).hasValue("invalid:d");
        assertThat(server.storedEvents()).isEqualTo(before + 1);
        assertThat(server.events("pixel.test").stream().filter(event -> "/default-name".equals(event.pathname())).map(event -> event.eventName().value()))
                .containsExactly("pageview");
    }

    @Test
    void aPreflightIsAnsweredWithOpenCors() throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(server.base.resolve("/api/event"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://anywhere.example").header("Access-Control-Request-Method", "POST").build();

        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://anywhere.example");
        assertThat(response.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(m -> assertThat(m).contains("POST"));
    }

    @Test
    void healthProbesAnswer() throws Exception {
        assertThat(server.get("/health").body()).isEqualTo("ok");
        assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
        HttpResponse<String> detailed = server.get("/health/detailed");
        assertThat(detailed.body()).contains("\"storage_ready\":true", "\"filter_bots\":true", "\"geoip_loaded\":true", "\"buffered_events\":");
        assertThat(server.get("/robots.txt").body()).contains("Disallow: /");
        assertThat(server.get("/.well-known/security.txt").body()).contains("Contact:", "Expires:");
    }
}
