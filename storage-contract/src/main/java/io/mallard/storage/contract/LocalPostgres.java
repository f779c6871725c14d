package io.mallard.storage.contract;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests: {@code scripts/postgres/start.sh} over a data directory, on a free
 * loopback port; stopped on close. {@link #freshDatabase()} gives each test an empty database.
 */
public final class LocalPostgres implements AutoCloseable {
    private static final Duration START = Duration.ofMinutes(1);
    private final LocalServer server;
    private final AtomicInteger databases = new AtomicInteger();

    private LocalPostgres(LocalServer server) {
        this.server = server;
    }

    /** Whether Debian's PostgreSQL server is installed (.ci/run installs it; the tests needing it skip otherwise). */
    public static boolean installed() {
        try (var versions = java.nio.file.Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.anyMatch(version -> java.nio.file.Files.isExecutable(version.resolve("bin/postgres")));
        } catch (IOException e) {
            return false;
        }
    }

    public static LocalPostgres start(Path dataDir) throws IOException, InterruptedException {
        return new LocalPostgres(LocalServer.start("scripts/postgres/start.sh", "MALLARD_METADATA_URL", List.of(dataDir.toString()), START));
    }

    /** The JDBC URL of its database {@code mallard}, as {@code MALLARD_METADATA_URL} takes it. */
    public String url() {
        return server.address();
    }

    /** Creates a new empty database and returns its JDBC URL. */
    public String freshDatabase() throws SQLException {
        String name = "test_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url()); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return url().replace("/mallard?", "/" + name + "?");
    }

    @Override
    public void close() {
        server.close();
    }
}
