package io.mallard.application.storage;

/**
 * Opens a metadata store for an events engine that keeps none itself ({@link StorageEngine#metadata()}
 * empty); found with {@link java.util.ServiceLoader}. The product ships one, {@code embedded}.
 */
public interface MetadataProvider {
    String name();

    MetadataStore open(StorageContext context);
}
