package io.mallard.clickhouse;

import com.clickhouse.client.api.Client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real ClickHouse engine for a test: {@code scripts/clickhouse/start.sh} (chDB behind ClickHouse's
 * HTTP interface) over a fresh data directory, on a loopback port it chooses, with the settings and
 * a client for one database of it; both stopped on close.
 */
final class ClickHouseTestEngine implements AutoCloseable {
    private final Process process;
    private final ClickHouseSettings settings;
    private final Client client;

    private ClickHouseTestEngine(Process process, URI url, String database) {
        this.process = process;
        this.settings = new ClickHouseSettings(url, "default", "", database, Optional.empty());
        this.client = ClickHouseClients.open(settings);
    }

    static ClickHouseTestEngine start(Path dataDir, String database) throws IOException, InterruptedException {
        Path script = repository().resolve("scripts/clickhouse/start.sh");
        Process process = new ProcessBuilder("bash", script.toString(), dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> announced = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("MALLARD_CLICKHOUSE_URL=")) {
                        return line.substring("MALLARD_CLICKHOUSE_URL=".length());
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            // The first start installs chDB (about 540 MB) unless .ci/run did.
            String url = announced.get(10, TimeUnit.MINUTES);
            if (url == null) {
                throw new IllegalStateException("scripts/clickhouse/start.sh ended without printing MALLARD_CLICKHOUSE_URL");
            }
            return new ClickHouseTestEngine(process, URI.create(url), database);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the ClickHouse test engine did not start", e);
        }
    }

    ClickHouseSettings settings() {
        return settings;
    }

    Client client() {
        return client;
    }

    @Override
    public void close() {
        client.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Path repository() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.exists(directory.resolve("scripts/clickhouse/start.sh"))) {
                return directory;
            }
        }
        throw new IllegalStateException("scripts/clickhouse/start.sh not found above " + Path.of("").toAbsolutePath());
    }
}
