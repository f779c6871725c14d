package io.mallard.application.account;

/** The request conflicts with existing accounts (setup when an owner exists, a taken username): HTTP 409. */
public final class AccountConflictException extends RuntimeException {
    public AccountConflictException(String message) {
        super(message);
    }
}
