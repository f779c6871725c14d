package io.mallard.application.stats;

/** The server is answering as many queries as it may; the caller should retry after {@code retryAfterSeconds}. */
public final class TooBusyException extends RuntimeException {
    private final int retryAfterSeconds;

    public TooBusyException(String message, int retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
