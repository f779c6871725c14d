package io.mallard.bootstrap.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The visitor-hash secret: {@code MALLARD_SECRET} when set, else {@code data_dir/.secret}, else 32
 * random bytes generated once and written there (owner-only permissions, atomically), so visitor ids
 * stay stable across restarts without configuration.
 */
public final class SecretFile {
    static final String FILE_NAME = ".secret";

    private SecretFile() {
    }

    public static String resolve(Optional<String> configured, Path dataDir) {
        if (configured.isPresent()) {
            return configured.get();
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file).strip();
                if (stored.length() < 16) {
                    throw new ConfigException(file + " holds a secret shorter than 16 characters; delete it or set MALLARD_SECRET");
                }
                return stored;
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = HexFormat.of().formatHex(random);
            // A temporary file is created owner-only (0600) on POSIX file systems; the storage engine secures the directory.
            Path temporary = Files.createTempFile(dataDir, ".secret", ".tmp");
            Files.writeString(temporary, secret);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file);
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

}
