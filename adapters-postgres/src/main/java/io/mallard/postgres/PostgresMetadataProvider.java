package io.mallard.postgres;

import io.mallard.application.storage.MetadataProvider;
import io.mallard.application.storage.MetadataStore;
import io.mallard.application.storage.StorageContext;

/**
 * The metadata store several nodes share, on PostgreSQL: chosen when {@value #URL_OPTION} (from
 * {@code MALLARD_METADATA_URL}) is set, paired with an events engine that keeps no metadata itself.
 */
public final class PostgresMetadataProvider implements MetadataProvider {
    /** The context option holding the {@code jdbc:postgresql://} URL (credentials as its parameters). */
    public static final String URL_OPTION = "metadata_url";

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public MetadataStore open(StorageContext context) {
        String url = context.option(URL_OPTION)
                .orElseThrow(() -> new IllegalArgumentException("the postgres metadata store needs " + URL_OPTION));
        return PostgresMetadataStore.open(url);
    }
}
