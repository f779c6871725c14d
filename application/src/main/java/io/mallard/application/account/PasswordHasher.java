package io.mallard.application.account;

/** Port: slow, salted password hashing. Both methods are CPU-heavy by design: call them off the event loop. */
public interface PasswordHasher {
    /** An encoded hash (algorithm, parameters, salt and digest in one string). */
    String hash(String password);

    /** Whether {@code password} matches {@code encodedHash}; false for a malformed hash. */
    boolean verify(String password, String encodedHash);
}
