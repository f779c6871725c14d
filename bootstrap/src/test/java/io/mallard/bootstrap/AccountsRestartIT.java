package io.mallard.bootstrap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner, sessions and API keys survive restarts of the packaged server (the reference kept the
 * setup password in memory: after a restart anyone could claim the instance), and a logout or a
 * revocation stays effective across them.
 */
class AccountsRestartIT {
    static final String PASSWORD = "restart-password-1";

    @TempDir
    Path work;
    final HttpClient client = HttpClient.newHttpClient();

    HttpResponse<String> send(URI base, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> asSession(URI base, String token, String method, String path) throws Exception {
        return send(base, method, path, null, "Cookie", "mm_session=" + token, "Origin", "http://" + base.getAuthority());
    }

    JarProcess start() throws Exception {
        return JarProcess.start(work.resolve("data"), work.resolve("server.log"), Map.of());
    }

    @Test
    void ownerSessionsAndKeysSurviveRestartsAndRevocationsStick() throws Exception {
        Assumptions.assumeTrue(JarProcess.jarExists(), "the packaged jar is built by `mvn verify`");
        JarProcess server = start();
        Matcher code = Pattern.compile("First-run setup: open \\S+ and enter the setup code (\\S+)").matcher(Files.readString(server.log));
        assertThat(code.find()).as("the setup code is printed at start").isTrue();
        HttpResponse<String> setup = send(server.base, "POST", "/api/auth/setup",
                "{\"password\":\"" + PASSWORD + "\",\"setup_code\":\"" + code.group(1) + "\"}");
        assertThat(setup.statusCode()).isEqualTo(201);
        String kept = TestServer.sessionToken(setup).orElseThrow();
        String ended = TestServer.sessionToken(send(server.base, "POST", "/api/auth/login", "{\"password\":\"" + PASSWORD + "\"}")).orElseThrow();
        HttpResponse<String> created = send(server.base, "POST", "/api/keys", "{\"name\":\"ci\",\"scope\":\"Admin\"}",
                "Cookie", "mm_session=" + kept, "Origin", "http://" + server.base.getAuthority());
        Matcher key = Pattern.compile("\"key\":\"(mm_[0-9a-f]{64})\",\"key_hash\":\"([0-9a-f]{64})\"").matcher(created.body());
        assertThat(key.find()).as(created.body()).isTrue();
        assertThat(send(server.base, "GET", "/api/keys", null, "X-API-Key", key.group(1)).body()).contains("\"last_used_at\":");
        assertThat(send(server.base, "POST", "/api/sites", "{\"site_id\":\"kept.test\",\"time_zone\":\"Europe/Paris\",\"allowed_hosts\":[\"*.kept.test\"]}",
                "X-API-Key", key.group(1)).statusCode()).isEqualTo(201);
        assertThat(send(server.base, "PUT", "/api/settings/ingestion", "{\"unregistered_sites\":\"refuse\"}",
                "X-API-Key", key.group(1)).statusCode()).isEqualTo(200);
        server.stop();

        server = start();
        assertThat(asSession(server.base, kept, "GET", "/api/keys").body()).as("last use written at shutdown")
                .contains("\"last_used_at\":").doesNotContain("\"last_used_at\":null");
        assertThat(send(server.base, "POST", "/api/auth/setup", "{\"password\":\"someone-else-1\"}").statusCode()).isEqualTo(409);
        assertThat(send(server.base, "GET", "/api/auth/status", null).body()).contains("\"setup_required\":false");
        assertThat(asSession(server.base, kept, "GET", "/api/keys").statusCode()).isEqualTo(200);
        assertThat(send(server.base, "GET", "/api/keys", null, "X-API-Key", key.group(1)).statusCode()).isEqualTo(200);
        assertThat(asSession(server.base, kept, "GET", "/api/sites/kept.test").body())
                .contains("\"time_zone\":\"Europe/Paris\"", "\"allowed_hosts\":[\"*.kept.test\"]");
        assertThat(asSession(server.base, kept, "GET", "/api/settings/ingestion").body()).contains("\"unregistered_sites\":\"refuse\"");
        assertThat(asSession(server.base, ended, "POST", "/api/auth/logout").statusCode()).isEqualTo(204);
        assertThat(asSession(server.base, kept, "DELETE", "/api/keys/" + key.group(2)).statusCode()).isEqualTo(204);
        assertThat(asSession(server.base, ended, "GET", "/api/keys").statusCode()).isEqualTo(401);
        server.stop();

        server = start();
        assertThat(asSession(server.base, kept, "GET", "/api/keys").statusCode()).isEqualTo(200);
        assertThat(asSession(server.base, ended, "GET", "/api/keys").statusCode()).isEqualTo(401);
        assertThat(send(server.base, "GET", "/api/keys", null, "X-API-Key", key.group(1)).statusCode()).isEqualTo(401);
        assertThat(send(server.base, "POST", "/api/auth/login", "{\"password\":\"" + PASSWORD + "\"}").statusCode()).isEqualTo(200);
        server.stop();
    }
}
