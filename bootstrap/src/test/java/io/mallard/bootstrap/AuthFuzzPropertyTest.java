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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account, key, site and erasure endpoints under 3,000 generated hostile requests (random
 * bytes, broken JSON, wrong types, control characters, lone surrogates, bodies past the limits,
 * odd path and query values), sent as the signed-in owner so they reach the handlers. None may
 * answer 5xx; every 4xx is a JSON error; the owner can still sign in afterwards.
 */
class AuthFuzzPropertyTest {
    static final String PASSWORD = "owner-password-1";
    static TestServer server;
    static String owner;

    record Endpoint(String method, String path, List<String> fields) {
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST", "/api/auth/setup", List.of("password")),
            new Endpoint("POST", "/api/auth/login", List.of("username", "password")),
            new Endpoint("POST", "/api/auth/password", List.of("current_password", "new_password")),
            new Endpoint("POST", "/api/keys", List.of("name", "scope", "sites")),
            new Endpoint("POST", "/api/users", List.of("username", "role", "password", "sites")),
            new Endpoint("POST", "/api/sites", List.of("site_id", "time_zone", "allowed_hosts")),
            new Endpoint("PATCH", "/api/sites/fuzz.test", List.of("time_zone", "allowed_hosts")),
            new Endpoint("PUT", "/api/settings/ingestion", List.of("unregistered_sites")));

    record Request(String method, String path, byte[] body) {
        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return method + " " + path + " " + (text.length() > 100 ? text.substring(0, 100) + "…" : text);
        }
    }

    @BeforeContainer
    static void start() throws Exception {
        Path dataDir = Files.createTempDirectory("mallard-auth-fuzz");
        server = new TestServer(dataDir, Map.of("MALLARD_ADMIN_PASSWORD", PASSWORD, "MALLARD_MAX_LOGIN_ATTEMPTS", "0"));
        owner = server.login("admin", PASSWORD);
        server.asSession(owner, "POST", "/api/sites", "{\"site_id\":\"fuzz.test\"}");
    }

    @AfterContainer
    static void stop() throws Exception {
        assertThat(server.send("POST", "/api/auth/login", "{\"username\":\"admin\",\"password\":\"" + PASSWORD + "\"}").statusCode())
                .as("the owner still signs in after the fuzzing").isEqualTo(200);
        server.close();
    }

    @Property(tries = 3_000, seed = "20261121")
    void hostileRequestsGetA4xxJsonErrorOrSucceedButNeverFailTheServer(@ForAll("hostile") Request request) throws Exception {
        HttpResponse<String> response;
        try {
            response = server.asSessionBytes(owner, request.method(), request.path(), request.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("no answer to " + request + ": " + e.getMessage(), e);
        }

        assertThat(response.statusCode()).as("status for %s", request).isLessThan(500);
        if (response.statusCode() >= 400) {
            assertThat(response.body()).as("error body for %s answered %d", request, response.statusCode()).startsWith("{\"error\":");
        }
    }

    @Provide
    Arbitrary<Request> hostile() {
        Arbitrary<Endpoint> endpoint = Arbitraries.of(ENDPOINTS);
        return Arbitraries.oneOf(
                Combinators.combine(endpoint, randomBytes()).as((e, body) -> new Request(e.method(), e.path(), body)),
                Combinators.combine(endpoint, brokenJson()).as((e, body) -> new Request(e.method(), e.path(), utf8(body))),
                endpoint.flatMap(e -> fieldValues(e).map(body -> new Request(e.method(), e.path(), utf8(body)))),
                Combinators.combine(endpoint, Arbitraries.of(70_000, 1_100_000)).as((e, size) ->
                        new Request(e.method(), e.path(), utf8("{\"password\":\"" + "p".repeat(size) + "\"}"))),
                pathsAndQueries());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Arbitrary<byte[]> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    private static Arbitrary<String> brokenJson() {
        return Arbitraries.of("", "{", "}", "[]", "null", "\"x\"", "{\"password\":}", "{\"password\":\"a\",}", "\uFEFF{}",
                "{\"password\":\"a\",\"password\":\"b\"}", "{\"sites\":[1,2]}", "{\"allowed_hosts\":{}}", "{'password':'x'}");
    }

    /** Every field of the endpoint set to a hostile value of any JSON type. */
    private static Arbitrary<String> fieldValues(Endpoint endpoint) {
        Arbitrary<String> value = Arbitraries.oneOf(
                FuzzValues.nasty().map(FuzzValues::jsonString),
                Arbitraries.of("1", "-1", "1e400", "true", "null", "[]", "{}", "[\"\\u0000\"]", "[\"a.test\",\"../x\"]",
                        "\"Europe/Paris\"", "\"admin\"", "\"viewer\"", "\"Admin\"", "\"accept\"", "[\"*.ok.test\"]"),
                FuzzValues.nasty().list().ofMaxSize(5).map(items -> "[" + String.join(",", items.stream().map(FuzzValues::jsonString).toList()) + "]"));
        return value.list().ofSize(endpoint.fields().size()).map(values -> {
            StringBuilder json = new StringBuilder("{");
            for (int i = 0; i < values.size(); i++) {
                json.append(i == 0 ? "" : ",").append('"').append(endpoint.fields().get(i)).append("\":").append(values.get(i));
            }
            return json.append('}').toString();
        });
    }

    /** Hostile values in path variables and query parameters of the routes that take them. */
    private static Arbitrary<Request> pathsAndQueries() {
        Arbitrary<String> value = FuzzValues.nasty().map(text -> URLEncoder.encode(text.length() > 3000 ? text.substring(0, 3000) : text,
                StandardCharsets.UTF_8));
        return Combinators.combine(Arbitraries.integers().between(0, 4), value, value).as((route, a, b) -> switch (route) {
            case 0 -> new Request("DELETE", "/api/gdpr/erase?site_id=" + a + "&start_date=" + b + "&end_date=" + b, null);
            case 1 -> new Request("DELETE", "/api/gdpr/erase?site_id=fuzz.test&start_date=2026-01-01&end_date=" + a, null);
            case 2 -> new Request("GET", "/api/sites/" + a, null);
            case 3 -> new Request("DELETE", "/api/keys/" + a, null);
            default -> new Request("DELETE", "/api/users/" + a + "?confirm=" + b, null);
        });
    }
}
