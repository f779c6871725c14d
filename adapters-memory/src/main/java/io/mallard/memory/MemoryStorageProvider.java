package io.mallard.memory;

import io.mallard.application.storage.StorageContext;
import io.mallard.application.storage.StorageEngine;
import io.mallard.application.storage.StorageProvider;

/** {@code MALLARD_STORAGE=memory}: the reference engine. Events live in the heap and are lost when the process stops. */
public final class MemoryStorageProvider implements StorageProvider {
    @Override
    public String name() {
        return "memory";
    }

    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public StorageEngine open(StorageContext context) {
        return new MemoryStorageEngine(context.visitTimeout());
    }
}
