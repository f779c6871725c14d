package io.mallard.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full disk: ingestion answers 503, readiness says the journal cannot write, and both recover by
 * themselves once space is freed. The data directory is a small tmpfs (needs root and mount, as on
 * CI; skipped with a message elsewhere).
 */
class DiskFullTest {
    @TempDir
    Path mountPoint;
    private boolean mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", "-l", mountPoint.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void readinessFollowsTheJournalsAbilityToWrite() throws Exception {
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mountPoint.toString())
                .redirectErrorStream(true).start();
        mounted = mount.waitFor() == 0;
        Assumptions.assumeTrue(mounted, "mounting a tmpfs needs root: " + new String(mount.getInputStream().readAllBytes()));
        Path dataDir = Files.createDirectories(mountPoint.resolve("data"));
        try (TestServer server = new TestServer(dataDir, Map.of("MALLARD_OPEN_ACCESS", "true"))) {
            String event = "{\"d\":\"full.test\",\"n\":\"pageview\",\"u\":\"/\"}";
            assertThat(server.post(event).statusCode()).isEqualTo(202);
            Path filler = mountPoint.resolve("filler");
            fill(filler);

            int status = 202;
            for (int attempt = 0; attempt < 1000 && status == 202; attempt++) {
                status = server.post(event).statusCode(); // the segment's last page may still take a few records
            }
            assertThat(status).as("ingestion on a full disk").isEqualTo(503);
            assertThat(server.get("/health/ready").statusCode()).isEqualTo(503);
            assertThat(server.get("/health/detailed").body()).contains("\"journal_writable\":false", "\"status\":\"unavailable\"");

            Files.delete(filler);

            assertThat(server.get("/health/ready").statusCode()).as("ready again once space is free").isEqualTo(200);
            assertThat(server.post(event).statusCode()).isEqualTo(202);
            assertThat(server.get("/health/detailed").body()).contains("\"journal_writable\":true");
        }
    }

    /** Writes until the file system refuses. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }
}
