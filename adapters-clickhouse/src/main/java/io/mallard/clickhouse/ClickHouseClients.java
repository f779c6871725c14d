package io.mallard.clickhouse;

import com.clickhouse.client.api.Client;

/** ClickHouse clients made the one way this engine needs them. */
final class ClickHouseClients {
    private ClickHouseClients() {
    }

    /**
     * A client of the settings' server. Compression is off both ways: events and answers are small
     * batches on a local network, and the test engine does not speak ClickHouse's compressed framing.
     */
    static Client open(ClickHouseSettings settings) {
        return new Client.Builder()
                .addEndpoint(settings.url().toString())
                .setUsername(settings.user())
                .setPassword(settings.password())
                .compressServerResponse(false)
                .compressClientRequest(false)
                .useHttpCompression(false)
                .build();
    }
}
