package io.mallard.bootstrap.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A look at the data directory before anything opens it, so that damage stops startup with one
 * plain sentence naming the file and what to do (instead of a framework's stack trace): a file
 * where a directory belongs, a database file that is not DuckDB's, an unusable {@code .secret}.
 * Deeper damage (a DuckDB file that is DuckDB's but broken inside) is reported by {@code Main}
 * from the error of whatever failed.
 */
public final class DataDirectory {
    /** Directories the server creates under the data directory. */
    private static final List<String> DIRECTORIES = List.of("journal", "journal/damaged", "events", "trails", "quarantine");
    static final String DATABASE = "mallard.duckdb";
    /** DuckDB's storage header: a checksum (8 bytes), then the magic bytes. */
    private static final byte[] DUCKDB_MAGIC = "DUCK".getBytes(StandardCharsets.US_ASCII);

    private DataDirectory() {
    }

    /** Throws {@link ConfigException} with what is wrong and what to do; creates nothing but the directory itself. */
    public static void check(Path dataDir) {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new ConfigException(dataDir + " is a file, not a directory: point MALLARD_DATA_DIR at a directory");
        }
        for (String name : DIRECTORIES) {
            Path directory = dataDir.resolve(name);
            if (Files.exists(directory) && !Files.isDirectory(directory)) {
                throw new ConfigException(directory + " should be a directory but is a file: move it out of the data directory "
                        + "(the server creates the directory)");
            }
        }
        Path database = dataDir.resolve(DATABASE);
        if (Files.exists(database) && !isDuckDb(database)) {
            throw new ConfigException(database + " is not a DuckDB database (damaged or replaced): restore it from a backup "
                    + "(README, Backups); it holds the accounts, settings and the list of Parquet files, so do not delete it");
        }
        Path secret = dataDir.resolve(SecretFile.FILE_NAME);
        if (Files.exists(secret) && !Files.isRegularFile(secret)) {
            throw new ConfigException(secret + " is not a file: move it away, or set MALLARD_SECRET");
        }
    }

    private static boolean isDuckDb(Path database) {
        if (!Files.isRegularFile(database)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(database)) {
            byte[] header = in.readNBytes(12);
            return header.length == 12 && Arrays.equals(header, 8, 12, DUCKDB_MAGIC, 0, 4);
        } catch (IOException e) {
            throw new ConfigException(database + " cannot be read (" + e.getMessage() + "): check its owner and permissions");
        }
    }
}
