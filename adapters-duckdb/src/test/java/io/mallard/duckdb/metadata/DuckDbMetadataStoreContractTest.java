package io.mallard.duckdb.metadata;

import io.mallard.application.storage.MetadataStore;
import io.mallard.duckdb.DuckDbDatabase;
import io.mallard.storage.contract.MetadataStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The metadata contract on the embedded store: a real DuckDB file, reopened to prove persistence. */
class DuckDbMetadataStoreContractTest extends MetadataStoreContract {
    @TempDir
    Path dataDir;

    @Override
    protected MetadataStore open() {
        return new DuckDbMetadataStore(DuckDbDatabase.open(dataDir, null), true);
    }
}
