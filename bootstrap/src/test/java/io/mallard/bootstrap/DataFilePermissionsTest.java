package io.mallard.bootstrap;

import io.mallard.journal.OwnerOnly;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Data is the server's alone: directories 0700, files 0600, and a data directory left open to others is closed at start. */
class DataFilePermissionsTest {
    @TempDir
    Path work;

    @Test
    void everyDirectoryIsOwnerOnlyAndEveryFileTheServerWritesToo() throws Exception {
        Path dataDir = Files.createDirectories(work.resolve("data"));
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TestServer server = new TestServer(dataDir, Map.of())) {
            assertThat(server.post("{\"d\":\"perm.test\",\"n\":\"pageview\",\"u\":\"/\"}").statusCode()).isEqualTo(202);
            assertThat(server.tiers().flushToCold().events()).isEqualTo(1);
            assertThat(server.post("{\"d\":\"perm.test\",\"n\":\"pageview\",\"u\":\"/again\"}").statusCode()).isEqualTo(202);

            List<Path> entries;
            try (Stream<Path> walk = Files.walk(dataDir)) {
                entries = walk.toList();
            }
            assertThat(entries).anyMatch(path -> path.toString().endsWith(".parquet")).anyMatch(path -> path.toString().endsWith(".journal"))
                    .anyMatch(path -> path.endsWith(".secret")).anyMatch(path -> path.endsWith("mallard.duckdb"));
            for (Path entry : entries) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(entry));
                if (Files.isDirectory(entry)) {
                    assertThat(mode).as("directory %s", entry).isEqualTo("rwx------");
                } else if (!entry.toString().endsWith(".wal")) { // DuckDB's own log: umask, behind its 0700 directory
                    assertThat(mode).as("file %s", entry).isEqualTo("rw-------");
                }
            }
        }
    }
}
