package io.mallard.application.account;

/** Not a real hash: for tests about sessions, links and policy, not cryptography. */
public final class PlainPasswordHasher implements PasswordHasher {
    @Override
    public String hash(String password) {
        return "plain:" + password;
    }

    @Override
    public boolean verify(String password, String encodedHash) {
        return encodedHash.equals("plain:" + password);
    }
}
