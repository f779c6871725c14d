package io.mallard.bootstrap;

import io.mallard.storage.contract.LocalClickHouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One ClickHouse test engine for every server of a test run on {@code MALLARD_STORAGE=clickhouse},
 * started on first use and stopped when the JVM exits; each data directory gets a database of its
 * own, so servers never see each other's events and a restart on the same directory finds its own.
 */
final class SharedClickHouse {
    private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static LocalClickHouse engine;

    private SharedClickHouse() {
    }

    static synchronized URI url() {
        if (engine == null) {
            try {
                engine = LocalClickHouse.start(Files.createTempDirectory("mallard-http-clickhouse"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(engine::close));
        }
        return engine.url();
    }

    static String databaseOf(Path dataDir) {
        return DATABASES.computeIfAbsent(dataDir.toAbsolutePath(), dir -> "http_" + NEXT.incrementAndGet());
    }
}
