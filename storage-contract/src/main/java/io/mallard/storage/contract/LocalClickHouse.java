package io.mallard.storage.contract;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real ClickHouse engine for tests: {@code scripts/clickhouse/start.sh} (chDB behind ClickHouse's
 * HTTP interface) over a data directory, on a loopback port it chooses; stopped on close.
 */
public final class LocalClickHouse implements AutoCloseable {
    /** The first start installs chDB (about 540 MB) unless .ci/run did. */
    private static final Duration FIRST_START = Duration.ofMinutes(10);
    private final LocalServer server;

    private LocalClickHouse(LocalServer server) {
        this.server = server;
    }

    /** Starts the engine over {@code dataDir} on a free port and returns once it prints its address. */
    public static LocalClickHouse start(Path dataDir) throws IOException, InterruptedException {
        return start(dataDir, 0);
    }

    /** Starts the engine over {@code dataDir} on {@code port} (0: a free one), as after an outage. */
    public static LocalClickHouse start(Path dataDir, int port) throws IOException, InterruptedException {
        return new LocalClickHouse(LocalServer.start("scripts/clickhouse/start.sh", "MALLARD_CLICKHOUSE_URL",
                List.of(dataDir.toString(), port == 0 ? "" : Integer.toString(port)), FIRST_START));
    }

    /** Its HTTP interface, {@code http://127.0.0.1:PORT}. */
    public URI url() {
        return URI.create(server.address());
    }

    @Override
    public void close() {
        server.close();
    }
}
