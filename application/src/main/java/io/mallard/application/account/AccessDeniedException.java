package io.mallard.application.account;

/** An authenticated caller asked for something its role or site grants do not cover: HTTP 403. */
public final class AccessDeniedException extends RuntimeException {
    public AccessDeniedException(String message) {
        super(message);
    }
}
