package io.mallard.storage.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real ClickHouse engine for tests: {@code scripts/clickhouse/start.sh} (chDB behind ClickHouse's
 * HTTP interface) over a data directory, on a loopback port it chooses; stopped on close.
 */
public final class LocalClickHouse implements AutoCloseable {
    private static final String ANNOUNCEMENT = "MALLARD_CLICKHOUSE_URL=";
    private final Process process;
    private final URI url;

    private LocalClickHouse(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    /** Starts the engine over {@code dataDir} on a free port and returns once it prints its address. */
    public static LocalClickHouse start(Path dataDir) throws IOException, InterruptedException {
        return start(dataDir, 0);
    }

    /** Starts the engine over {@code dataDir} on {@code port} (0: a free one), as after an outage. */
    public static LocalClickHouse start(Path dataDir, int port) throws IOException, InterruptedException {
        Path script = repository().resolve("scripts/clickhouse/start.sh");
        Process process = new ProcessBuilder("bash", script.toString(), dataDir.toString(), port == 0 ? "" : Integer.toString(port))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> announced = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(ANNOUNCEMENT)) {
                        return line.substring(ANNOUNCEMENT.length());
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
                throw new IllegalStateException("scripts/clickhouse/start.sh ended without printing " + ANNOUNCEMENT);
            }
            return new LocalClickHouse(process, URI.create(url));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the ClickHouse test engine did not start", e);
        }
    }

    /** Its HTTP interface, {@code http://127.0.0.1:PORT}. */
    public URI url() {
        return url;
    }

    @Override
    public void close() {
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
