package io.mallard.auth;

import io.mallard.application.account.PasswordHasher;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id (RFC 9106) in the PHC string format {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}.
 *
 * <p>Defaults are OWASP's minimum recommendation: 19 MiB of memory, 2 passes, 1 lane, 16-byte salt,
 * 32-byte digest. Verification reads the parameters from the stored string, so raising them later
 * keeps old hashes valid. At most {@value #CONCURRENT_HASHES} hashes run at once: each takes
 * {@code m} KiB, and a burst of logins must not exhaust a 1 GB machine.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {
    public static final int MEMORY_KIB = 19_456;
    public static final int ITERATIONS = 2;
    public static final int PARALLELISM = 1;
    static final int CONCURRENT_HASHES = 4;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final int memoryKib;
    private final int iterations;
    private final SecureRandom random = new SecureRandom();
    private final Semaphore slots = new Semaphore(CONCURRENT_HASHES, true);

    public Argon2idPasswordHasher() {
        this(MEMORY_KIB, ITERATIONS);
    }

    /** Other costs, for tests only: production uses the defaults. */
    Argon2idPasswordHasher(int memoryKib, int iterations) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
    }

    @Override
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] digest = derive(password, salt, memoryKib, iterations, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(digest);
    }

    @Override
    public boolean verify(String password, String encodedHash) {
        Matcher phc = encodedHash == null ? null : PHC.matcher(encodedHash);
        if (phc == null || !phc.matches()) {
            return false;
        }
        int memory = Integer.parseInt(phc.group(1));
        int passes = Integer.parseInt(phc.group(2));
        int lanes = Integer.parseInt(phc.group(3));
        if (memory < 8 * lanes || memory > 1_048_576 || passes < 1 || lanes < 1) {
            return false;
        }
        byte[] salt = B64_DECODER.decode(phc.group(4));
        byte[] expected = B64_DECODER.decode(phc.group(5));
        byte[] actual = derive(password, salt, memory, passes, lanes, expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private byte[] derive(String password, byte[] salt, int memory, int passes, int lanes, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memory).withIterations(passes).withParallelism(lanes).withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        slots.acquireUninterruptibly();
        try {
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        } finally {
            slots.release();
        }
        return out;
    }
}
