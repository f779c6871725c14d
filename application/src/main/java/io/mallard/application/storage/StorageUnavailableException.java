package io.mallard.application.storage;

/** Storage could not do what was asked (disk full, file locked, engine failure). Maps to 503. */
public class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
