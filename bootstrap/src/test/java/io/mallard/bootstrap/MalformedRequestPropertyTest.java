package io.mallard.bootstrap;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input at volume: 10,000 generated malformed requests (wrong types, control characters,
 * broken UTF-8, huge values, bad JSON, bad props, garbage pixels) against a real server. None may
 * answer 5xx, and a refused request (any status but 202/200) must store nothing.
 */
class MalformedRequestPropertyTest {
    static TestServer server;
    static Path dataDir;

    @BeforeContainer
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("mallard-fuzz");
        server = new TestServer(dataDir, Map.of());
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    @Property(tries = 10_000, seed = "20261121")
    void malformedRequestsNeverFailTheServerNorStoreAnything(@ForAll("malformed") Request request) throws Exception {
        long before = server.storedEvents();

        java.net.http.HttpResponse<String> response = request.pixel()
                ? server.get("/api/event?" + new String(request.body(), StandardCharsets.ISO_8859_1))
                : server.postBytes(request.body());
        int status = response.statusCode();
        boolean pixelRefused = response.headers().firstValue("X-Mallard-Refused").isPresent();

        assertThat(status).as("status for %s", request).isLessThan(500);
        if (request.pixel()) {
            assertThat(status).as("the pixel is always the GIF: %s", request).isEqualTo(200);
        }
        long stored = server.storedEvents() - before;
        if (pixelRefused) {
            assertThat(stored).as("events stored for refused %s", request).isZero();
        } else if (status == 202 || status == 200) {
            assertThat(stored).isBetween(0L, 1L);
        } else {
            assertThat(stored).as("events stored for refused %s", request).isZero();
        }
    }

    record Request(boolean pixel, byte[] body) {
        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return (pixel ? "GET ?" : "POST ") + (text.length() > 120 ? text.substring(0, 120) + "…" : text);
        }
    }

    @Provide
    Arbitrary<Request> malformed() {
        return Arbitraries.oneOf(
                randomBytes(), wrongTypes(), badStrings(), badProps(), brokenJson(), pixels());
    }

    private static Arbitrary<Request> post(Arbitrary<String> json) {
        return json.map(text -> new Request(false, text.getBytes(StandardCharsets.UTF_8)));
    }

    private Arbitrary<Request> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(bytes -> new Request(false, bytes));
    }

    /** Valid keys with values of every JSON type. */
    private Arbitrary<Request> wrongTypes() {
        Arbitrary<String> value = Arbitraries.of("1", "-7", "1e309", "true", "null", "[]", "[\"x\"]", "{}", "{\"a\":1}", "\"\"",
                "\"pageview\"", "1.5", "\"/x\"", "\"a.com\"");
        Arbitrary<String> key = Arbitraries.of("d", "n", "u", "r", "w", "p", "ra", "rc");
        return post(Combinators.combine(key, value, key, value, key, value)
                .as((k1, v1, k2, v2, k3, v3) -> "{\"" + k1 + "\":" + v1 + ",\"" + k2 + "\":" + v2 + ",\"" + k3 + "\":" + v3 + "}"));
    }

    private Arbitrary<Request> badStrings() {
        Arbitrary<String> field = Arbitraries.of("d", "n", "u", "r", "rc");
        return post(Combinators.combine(field, FuzzValues.nasty()).as((key, text) -> {
            String escaped = FuzzValues.jsonString(text);
            String base = "{\"d\":\"fuzz.test\",\"n\":\"pageview\",\"u\":\"/\"";
            return base + ",\"" + key + "\":" + escaped + "}";
        }));
    }

    private Arbitrary<Request> badProps() {
        Arbitrary<String> props = Arbitraries.oneOf(
                Arbitraries.of("[1]", "1", "\"s\"", "{", "{\"a\":}", "null", "{\"a\":1}{", "{'a':1}"),
                Arbitraries.integers().between(4090, 5000).map(n -> "{\"k\":\"" + "v".repeat(n) + "\"}"),
                FuzzValues.nasty());
        return post(props.map(p -> "{\"d\":\"fuzz.test\",\"n\":\"pageview\",\"u\":\"/\",\"p\":" + FuzzValues.jsonString(p) + "}"));
    }

    private Arbitrary<Request> brokenJson() {
        return post(Arbitraries.of("{", "}", "{\"d\":", "{\"d\":\"a.com\",}", "{\"d\":\"a.com\"", "[", "\"\"", "nul", "{\"d\":\"a.com\" \"n\":1}",
                "{\"d\":\"\\uZZZZ\"}", "{\"d\":\"a.com\",\"d\":\"b.com\",\"n\":\"x\",\"u\":\"/\"}", "\uFEFF{}", ""));
    }

    private Arbitrary<Request> pixels() {
        Arbitrary<String> value = FuzzValues.nasty().map(text -> text.length() > 3000 ? text.substring(0, 3000) : text);
        Arbitrary<String> key = Arbitraries.of("d", "n", "u", "r", "w", "p");
        Arbitrary<String> invalidUtf8 = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(30).map(bytes -> {
            StringBuilder escaped = new StringBuilder();
            for (byte b : bytes) {
                escaped.append(String.format("%%%02X", b & 0xFF));
            }
            return escaped.toString();
        });
        Arbitrary<String> encoded = Arbitraries.oneOf(value.map(v -> URLEncoder.encode(v, StandardCharsets.UTF_8)), invalidUtf8);
        return Combinators.combine(key, encoded).as((k, v) ->
                new Request(true, ("d=fuzz.test&n=pageview&u=%2F&" + k + "=" + v).getBytes(StandardCharsets.ISO_8859_1)));
    }
}
