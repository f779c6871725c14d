package io.mallard.bootstrap;

import io.mallard.bootstrap.config.MallardConfig;
import io.mallard.bootstrap.wiring.StorageRuntime;
import io.mallard.duckdb.DuckDbTieredStorage;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real server on a free loopback port over a temporary data directory, configured by MALLARD_* values. */
final class TestServer implements AutoCloseable {
    static final String FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

    private final ApplicationContext context;
    private final HttpClient client = HttpClient.newHttpClient();
    final URI base;
    final MallardConfig config;

    TestServer(Path dataDir, Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put("MALLARD_HOST", "127.0.0.1");
        environment.put("MALLARD_PORT", "0");
        environment.put("MALLARD_DATA_DIR", dataDir.toString());
        environment.putIfAbsent("MALLARD_FLUSH_INTERVAL", "3600");
        config = Main.loadConfig(new String[0], environment);
        context = Main.start(config);
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

    StorageRuntime storage() {
        return context.getBean(StorageRuntime.class);
    }

    DuckDbTieredStorage tiers() {
        return storage().tiers();
    }

    /** Events in both tiers, read in one transaction (a flush between two counts would count moved events twice). */
    long storedEvents() throws SQLException, InterruptedException {
        return query("SELECT count(*) FROM {events}", row -> row.getLong(1)).getFirst();
    }

    /** Queries the event surface once every event acknowledged so far is loaded from the journal. */
    <T> List<T> query(String sql, io.mallard.duckdb.EventSurface.RowMapper<T> mapper) throws SQLException, InterruptedException {
        if (!storage().store().awaitLoaded(Duration.ofSeconds(10))) {
            throw new AssertionError("acknowledged events were not loaded within 10 s");
        }
        return tiers().surface().query(sql, statement -> { }, mapper);
    }

    @Override
    public void close() {
        context.close();
    }
}
