package io.mallard.storage.contract;

import io.mallard.application.storage.StorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** A contract whose every test starts from an empty engine in its own data directory. */
public abstract class FreshEngineContract {
    @TempDir
    Path dataDir;
    StorageEngine engine;

    protected abstract EngineUnderTest underTest();

    @BeforeEach
    void open() {
        engine = underTest().open(dataDir);
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** Closes the engine and opens it again on the same data directory, as a restart does. */
    void restart() {
        engine.close();
        engine = underTest().open(dataDir);
    }
}
