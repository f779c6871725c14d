package io.mallard.clickhouse;

import io.mallard.application.storage.StorageContext;
import io.mallard.application.storage.StorageEngine;
import io.mallard.application.storage.StorageProvider;

/** {@code MALLARD_STORAGE=clickhouse}: events in ClickHouse ({@code MALLARD_CLICKHOUSE_URL} and the settings beside it). */
public final class ClickHouseStorageProvider implements StorageProvider {
    @Override
    public String name() {
        return "clickhouse";
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public StorageEngine open(StorageContext context) {
        return ClickHouseStorageEngine.open(context);
    }
}
