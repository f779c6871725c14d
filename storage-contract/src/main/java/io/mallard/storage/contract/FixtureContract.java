package io.mallard.storage.contract;

import io.mallard.application.storage.StorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A contract whose tests share one engine holding the hand-counted {@link Fixture}, stored once per class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FixtureContract {
    private Path dataDir;
    StorageEngine engine;

    protected abstract EngineUnderTest underTest();

    @BeforeAll
    void store() throws IOException {
        // Made here, not by @TempDir: the fixture is shared by the class's tests, also in @Nested subclasses.
        dataDir = Files.createTempDirectory("mallard-contract");
        engine = underTest().open(dataDir);
        Fixture.store(underTest(), engine);
    }

    @AfterAll
    void close() throws IOException {
        engine.close();
        ContractFiles.delete(dataDir);
    }
}
