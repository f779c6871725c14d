package io.mallard.bootstrap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A damaged data directory stops the packaged server with a few plain lines naming the file and what to do, not a stack trace. */
class DamagedDataDirectoryIT {
    @TempDir
    Path work;

    private JarProcess.Exit startOn(Path dataDir) throws Exception {
        Assumptions.assumeTrue(JarProcess.jarExists(), "the packaged jar is built by `mvn verify`");
        return JarProcess.runToExit(List.of(), dataDir, work.resolve(dataDir.getFileName() + ".log"), Map.of());
    }

    private static void assertPlainFailure(JarProcess.Exit exit, String... mentions) {
        assertThat(exit.status()).isNotZero();
        assertThat(exit.output().lines().toList()).as(exit.output()).hasSizeLessThanOrEqualTo(4)
                .noneMatch(line -> line.stripLeading().startsWith("at "));
        assertThat(exit.output()).contains(mentions);
    }

    @Test
    void aDatabaseFileThatIsNotDuckDbsIsNamedWithWhatToDo() throws Exception {
        Path dataDir = Files.createDirectories(work.resolve("garbage-db"));
        Files.writeString(dataDir.resolve("mallard.duckdb"), "not a database ".repeat(100));

        assertPlainFailure(startOn(dataDir), "mallard.duckdb is not a DuckDB database", "restore it from a backup");
    }

    @Test
    void aDuckDbFileDamagedInsideIsNamed() throws Exception {
        Path dataDir = work.resolve("broken-db");
        JarProcess.start(dataDir, work.resolve("first.log"), Map.of()).stop();
        Path database = dataDir.resolve("mallard.duckdb");
        byte[] bytes = Files.readAllBytes(database);
        for (int i = 4096; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Files.write(database, bytes);

        assertPlainFailure(startOn(dataDir), "mallard-metrics: cannot start:", "restored from a backup");
    }

    @Test
    void aShortSecretIsNamedWithWhatToDo() throws Exception {
        Path dataDir = Files.createDirectories(work.resolve("short-secret"));
        Files.writeString(dataDir.resolve(".secret"), "short");

        assertPlainFailure(startOn(dataDir), ".secret holds a secret shorter than 16 characters", "MALLARD_SECRET");
    }

    @Test
    void aFileWhereADirectoryBelongsIsNamed() throws Exception {
        Path dataDir = Files.createDirectories(work.resolve("file-for-dir"));
        Files.writeString(dataDir.resolve("journal"), "");

        assertPlainFailure(startOn(dataDir), "journal should be a directory but is a file");
    }

    @Test
    void theJarAnswersHelpAndVersion() throws Exception {
        Path dataDir = work.resolve("unused");
        JarProcess.Exit help = JarProcess.runToExit(List.of("--help"), dataDir, work.resolve("help.log"), Map.of());
        JarProcess.Exit version = JarProcess.runToExit(List.of("--version"), dataDir, work.resolve("version.log"), Map.of());

        assertThat(help.status()).isZero();
        assertThat(help.output()).contains("Usage: java -jar mallard-metrics.jar [config.toml]", "generate");
        assertThat(version.status()).isZero();
        assertThat(version.output()).startsWith("mallard-metrics ");
        assertThat(dataDir).as("--help starts nothing").doesNotExist();
    }
}
