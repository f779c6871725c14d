package io.mallard.duckdb;

import io.mallard.application.storage.StorageContext;
import io.mallard.application.storage.StorageEngine;
import io.mallard.application.storage.StorageProvider;

/** {@code MALLARD_STORAGE=duckdb}, the default: everything in the data directory. */
public final class DuckDbStorageProvider implements StorageProvider {
    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public StorageEngine open(StorageContext context) {
        return new DuckDbStorageEngine(context, DuckDbSettings.of(context));
    }
}
