package io.mallard.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Argon2idPasswordHasherTest {
    final Argon2idPasswordHasher production = new Argon2idPasswordHasher();

    @Test
    void hashesUseOwaspMinimumParametersInPhcFormatWithAFreshSalt() {
        String first = production.hash("correct horse battery");
        String second = production.hash("correct horse battery");

        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(first).isNotEqualTo(second);
        assertThat(production.verify("correct horse battery", first)).isTrue();
        assertThat(production.verify("correct horse battery", second)).isTrue();
    }

    @Test
    void aWrongPasswordOrATamperedHashFails() {
        String hash = production.hash("correct horse battery");
        // Not the last character: in unpadded base64 of 32 bytes its low 4 bits are unused, so
        // changing it may not change the hash (this test failed about one run in four that way).
        int at = hash.length() - 5;
        char original = hash.charAt(at);
        String tampered = hash.substring(0, at) + (original == 'A' ? 'B' : 'A') + hash.substring(at + 1);

        assertThat(production.verify("correct horse batterz", hash)).isFalse();
        assertThat(production.verify("correct horse battery", tampered)).isFalse();
    }

    @Test
    void parametersAreReadFromTheStoredHashSoOldHashesKeepWorking() {
        String cheap = new Argon2idPasswordHasher(1024, 1).hash("pässwörd ✓");

        assertThat(cheap).contains("$m=1024,t=1,p=1$");
        assertThat(production.verify("pässwörd ✓", cheap)).isTrue();
    }

    @Test
    void malformedOrForeignHashesNeverVerify() {
        assertThat(production.verify("x", null)).isFalse();
        assertThat(production.verify("x", "")).isFalse();
        assertThat(production.verify("x", "$2a$10$abcdefghijklmnopqrstuv")).isFalse();
        assertThat(production.verify("x", "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG")).isFalse();
        assertThat(production.verify("x", "$argon2id$v=19$m=9999999,t=2,p=1$c29tZXNhbHRzYWx0$RdescudvJCsgt3ub+b+dWRWJTmaaJObG")).isFalse();
    }
}
