package io.mallard.bootstrap;

import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.bootstrap.wiring.StorageRuntime;
import io.mallard.application.storage.StorageEngine;
import io.mallard.application.storage.StorageFigures;
import io.mallard.application.storage.StoredEvents;
import io.mallard.domain.event.Event;
import io.mallard.domain.event.SiteId;
import io.mallard.duckdb.DuckDbStorageEngine;
import io.mallard.duckdb.DuckDbTieredStorage;
import org.junit.jupiter.api.Assumptions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real server on a free loopback port over a temporary data directory, configured by MALLARD_* values. */
final class TestServer implements AutoCloseable {
    /**
     * The engine the HTTP suite runs on: {@code -Dmallard.test.storage=memory} runs it on the
     * reference adapter (tests of what only DuckDB has are skipped there).
     */
    static final String STORAGE = System.getProperty("mallard.test.storage", "duckdb");
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    private final ApplicationContext context;
    private final HttpClient client = HttpClient.newHttpClient();
    final URI base;
    final MallardConfig config;

    TestServer(Path dataDir, Map<String, String> settings, Object... beans) {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("MALLARD_HOST", "127.0.0.1");
        environment.put("MALLARD_PORT", "0");
        environment.put("MALLARD_DATA_DIR", dataDir.toString());
        environment.putIfAbsent("MALLARD_FLUSH_INTERVAL", "3600");
        environment.putIfAbsent("MALLARD_STORAGE", STORAGE);
        if (environment.get("MALLARD_STORAGE").equals("clickhouse")) {
            environment.putIfAbsent("MALLARD_CLICKHOUSE_URL", SharedClickHouse.url().toString());
            environment.putIfAbsent("MALLARD_CLICKHOUSE_DATABASE", SharedClickHouse.databaseOf(dataDir));
        }
        config = Main.loadConfig(new String[0], environment);
        context = Main.start(config, beans);
        base = URI.create("http://127.0.0.1:" + context.getBean(EmbeddedServer.class).getPort());
    }

    HttpResponse<String> post(String body, String... headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/api/event")).POST(HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    HttpResponse<String> postBytes(byte[] body, String... headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve("/api/event")).POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET(), headers);
    }

    HttpResponse<byte[]> getBytes(String pathAndQuery, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET();
        withHeaders(builder, headers);
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> send(HttpRequest.Builder builder, String... headers) throws IOException, InterruptedException {
        withHeaders(builder, headers);
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void withHeaders(HttpRequest.Builder builder, String... headers) {
        boolean userAgent = false;
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
            userAgent |= headers[i].equalsIgnoreCase("User-Agent");
        }
        if (!userAgent) {
            builder.header("User-Agent", FIREFOX);
        }
    }

    ApplicationContext context() {
        return context;
    }

    /** Any method; {@code body} null sends none. */
    HttpResponse<String> send(String method, String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        return send(HttpRequest.newBuilder(base.resolve(path)).method(method, publisher), headers);
    }

    /** Signs in and returns the session token from the {@code mm_session} cookie (fails the test otherwise). */
    String login(String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", "/api/auth/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (response.statusCode() != 200) {
            throw new AssertionError("login of " + username + " answered " + response.statusCode() + " " + response.body());
        }
        return sessionToken(response).orElseThrow(() -> new AssertionError("login set no mm_session cookie"));
    }

    static Optional<String> sessionToken(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("mm_session=")).findFirst()
                .map(cookie -> cookie.substring("mm_session=".length(), cookie.indexOf(';')));
    }

    /** A request as the browser of a signed-in user sends it: session cookie and the dashboard's own Origin. */
    HttpResponse<String> asSession(String token, String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        String[] all = Arrays.copyOf(headers, headers.length + 4);
        all[headers.length] = "Cookie";
        all[headers.length + 1] = "mm_session=" + token;
        all[headers.length + 2] = "Origin";
        all[headers.length + 3] = "http://" + base.getAuthority();
        return send(method, path, body, all);
    }

    /** {@link #asSession} with a raw body (null sends none). */
    HttpResponse<String> asSessionBytes(String token, String method, String path, byte[] body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        return send(HttpRequest.newBuilder(base.resolve(path)).method(method, publisher),
                "Cookie", "mm_session=" + token, "Origin", "http://" + base.getAuthority());
    }

    /** Creates an API key with the given scope (for the given sites, or every site) as the signed-in admin and returns its plaintext. */
    String createKey(String adminToken, String scope, String... sites) throws IOException, InterruptedException {
        String siteList = Arrays.stream(sites).map(site -> "\"" + site + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
        HttpResponse<String> response = asSession(adminToken, "POST", "/api/keys",
                "{\"name\":\"test " + scope + "\",\"scope\":\"" + scope + "\",\"sites\":" + siteList + "}");
        if (response.statusCode() != 201) {
            throw new AssertionError("key creation answered " + response.statusCode() + " " + response.body());
        }
        Matcher key = Pattern.compile("\"key\":\"(mm_[0-9a-f]{64})\"").matcher(response.body());
        if (!key.find()) {
            throw new AssertionError("no key in " + response.body());
        }
        return key.group(1);
    }

    StorageRuntime storage() {
        return context.getBean(StorageRuntime.class);
    }

    /**
     * The DuckDB engine's internals, for tests of what only that engine has (files, tiers, SQL);
     * on another engine the calling test is skipped (JUnit assumption).
     */
    DuckDbStorageEngine duckdb() {
        StorageEngine engine = storage().engine();
        Assumptions.assumeTrue(engine instanceof DuckDbStorageEngine, "needs the DuckDB engine, runs on " + STORAGE);
        return (DuckDbStorageEngine) engine;
    }

    DuckDbTieredStorage tiers() {
        return duckdb().tiers();
    }

    /** A site's stored events, oldest first, on any engine (the engines' {@link StoredEvents} capability). */
    List<Event> events(String site) {
        StoredEvents stored = storage().engine().capability(StoredEvents.class)
                .orElseThrow(() -> new AssertionError(STORAGE + " does not read events back"));
        return stored.read(new SiteId(site), Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2100-01-01T00:00:00Z"), StoredEvents.MAX_EVENTS);
    }

    /** Makes the engine refuse new events, as a failed disk would (DuckDB: its journal is closed). */
    void closeEventStore() throws InterruptedException {
        if (storage().engine() instanceof DuckDbStorageEngine duckdb) {
            duckdb.events().close(Duration.ofSeconds(10));
        } else {
            storage().engine().close(Duration.ofSeconds(10));
        }
    }

    /** Moves what is stored to the engine's long-term form (DuckDB: the hot tier to Parquet); nothing on an engine with one place. */
    void settle() {
        if (storage().engine() instanceof DuckDbStorageEngine duckdb) {
            duckdb.tiers().flushToCold();
        }
    }

    /**
     * Events stored, on any engine. On DuckDB both tiers are read in one transaction (a flush between
     * two counts would count moved events twice).
     */
    long storedEvents() throws SQLException {
        if (storage().engine() instanceof DuckDbStorageEngine) {
            return query("SELECT count(*) FROM {events}", row -> row.getLong(1)).getFirst();
        }
        StorageFigures figures = storage().engine().figures();
        return figures.bufferedEvents() + figures.hotEvents() + figures.coldEvents();
    }

    /** Queries the event surface (an acknowledged event is visible at once). */
    <T> List<T> query(String sql, io.mallard.duckdb.EventSurface.RowMapper<T> mapper) throws SQLException {
        return tiers().surface().query(sql, statement -> { }, mapper);
    }

    @Override
    public void close() {
        context.close();
    }
}
