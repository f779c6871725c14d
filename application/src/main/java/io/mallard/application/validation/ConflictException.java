package io.mallard.application.validation;

/** The request conflicts with what exists (setup when an owner exists, a taken username or site id): HTTP 409. */
public final class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
