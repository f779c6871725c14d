package io.mallard.clickhouse;

import com.clickhouse.client.api.Client;
import io.mallard.storage.contract.LocalClickHouse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A real ClickHouse engine for a test ({@link LocalClickHouse}), with the settings and a client for one database of it; both stopped on close. */
final class ClickHouseTestEngine implements AutoCloseable {
    private final LocalClickHouse engine;
    private final ClickHouseSettings settings;
    private final Client client;

    private ClickHouseTestEngine(LocalClickHouse engine, String database) {
        this.engine = engine;
        this.settings = new ClickHouseSettings(engine.url(), "default", "", database, Optional.empty());
        this.client = ClickHouseClients.open(settings);
    }

    static ClickHouseTestEngine start(Path dataDir, String database) throws IOException, InterruptedException {
        return new ClickHouseTestEngine(LocalClickHouse.start(dataDir), database);
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
        engine.close();
    }
}
