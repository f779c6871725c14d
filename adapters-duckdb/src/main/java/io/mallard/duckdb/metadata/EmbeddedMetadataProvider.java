package io.mallard.duckdb.metadata;

import io.mallard.application.storage.MetadataProvider;
import io.mallard.application.storage.MetadataStore;
import io.mallard.application.storage.StorageContext;
import io.mallard.duckdb.DuckDbDatabase;
import io.mallard.duckdb.DuckDbSettings;

/**
 * The embedded metadata store for an events engine that keeps no metadata of its own: the same
 * DuckDB file ({@code data_dir/mallard.duckdb}) the DuckDB engine uses, so switching engines keeps
 * the accounts, sites and goals.
 */
public final class EmbeddedMetadataProvider implements MetadataProvider {
    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public MetadataStore open(StorageContext context) {
        return new DuckDbMetadataStore(DuckDbDatabase.open(context.dataDir(), DuckDbSettings.of(context).memoryLimit().orElse(null)), true);
    }
}
