package io.mallard.journal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything under the data directory is the server's alone: directories are created {@code 0700},
 * files {@code 0600}. Files the database engine creates itself (its write-ahead log) follow the
 * process umask, and are out of other users' reach through their {@code 0700} directory. On a file
 * system without POSIX permissions these are no-ops, logged once.
 */
public final class OwnerOnly {
    private static final Logger LOG = LoggerFactory.getLogger(OwnerOnly.class);
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);
    private static volatile boolean warned;

    private OwnerOnly() {
    }

    /** Creates the directory and its missing parents {@code 0700}. */
    public static Path directories(Path directory) throws IOException {
        try {
            return Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } catch (UnsupportedOperationException notPosix) {
            warnNotPosix(directory);
            return Files.createDirectories(directory);
        }
    }

    /** The attribute that creates a file {@code 0600} (for {@code FileChannel.open} and {@code Files.createFile}). */
    public static FileAttribute<?>[] fileAttributes(Path file) {
        return file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    /** Makes an existing file {@code 0600} (one written by the database engine, or copied). */
    public static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, FILE);
        } catch (UnsupportedOperationException notPosix) {
            warnNotPosix(file);
        }
    }

    /**
     * Creates the data directory {@code 0700}, or takes group and other permissions away from an
     * existing one (logged): events, accounts and the visitor-hash secret live in it.
     */
    public static void secureDataDirectory(Path dataDir) throws IOException {
        directories(dataDir);
        try {
            Set<PosixFilePermission> current = Files.getPosixFilePermissions(dataDir);
            if (current.stream().anyMatch(OTHERS::contains)) {
                Files.setPosixFilePermissions(dataDir, DIRECTORY);
                LOG.warn("the data directory {} was readable by others ({}); it is now {} (owner only)", dataDir,
                        PosixFilePermissions.toString(current), PosixFilePermissions.toString(DIRECTORY));
            }
        } catch (UnsupportedOperationException notPosix) {
            warnNotPosix(dataDir);
        }
    }

    private static void warnNotPosix(Path path) {
        if (!warned) {
            warned = true;
            LOG.warn("{} is on a file system without POSIX permissions; restrict access to the data directory yourself", path);
        }
    }
}
