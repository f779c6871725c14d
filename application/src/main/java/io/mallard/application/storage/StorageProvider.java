package io.mallard.application.storage;

/**
 * Opens a storage engine; found with {@link java.util.ServiceLoader} (a line naming the class in
 * {@code META-INF/services/io.mallard.application.storage.StorageProvider}) and chosen by
 * {@link #name()}, which is the value of {@code MALLARD_STORAGE}.
 */
public interface StorageProvider {
    /** Lower-case, stable: what operators write in their configuration. */
    String name();

    /** Whether the engine keeps acknowledged events across a restart (the memory engine does not). */
    boolean durable();

    /** Opens the engine; throws {@link StorageUnavailableException} when it cannot. */
    StorageEngine open(StorageContext context);
}
