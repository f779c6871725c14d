package io.mallard.bootstrap;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged server jar as a child process, with its output captured to a log file. */
final class JarProcess implements AutoCloseable {
    private static final Path JAR = Path.of(System.getProperty("mallard.jar", "target/mallard-metrics.jar"));

    private final Process process;
    final URI base;
    final Path log;

    private JarProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    static JarProcess start(Path dataDir, Path log, Map<String, String> settings) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("MALLARD_"));
        builder.environment().putAll(settings);
        builder.environment().put("MALLARD_HOST", "127.0.0.1");
        builder.environment().put("MALLARD_PORT", String.valueOf(port));
        builder.environment().put("MALLARD_DATA_DIR", dataDir.toString());
        JarProcess jar = new JarProcess(builder.start(), URI.create("http://127.0.0.1:" + port), log);
        jar.awaitReady(Duration.ofSeconds(60));
        return jar;
    }

    /** How a run that was expected to end ended: its exit status and everything it printed. */
    record Exit(int status, String output) {
    }

    /** Runs the jar with {@code arguments} and waits (at most 60 s) for it to exit by itself. */
    static Exit runToExit(List<String> arguments, Path dataDir, Path log, Map<String, String> settings) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("MALLARD_"));
        builder.environment().putAll(settings);
        builder.environment().put("MALLARD_HOST", "127.0.0.1");
        builder.environment().put("MALLARD_PORT", String.valueOf(freePort()));
        builder.environment().put("MALLARD_DATA_DIR", dataDir.toString());
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the jar did not exit within 60 s:\n" + Files.readString(log));
        }
        return new Exit(process.exitValue(), Files.readString(log));
    }

    static boolean jarExists() {
        return Files.isRegularFile(JAR);
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("server not ready after " + timeout + ":\n" + Files.readString(log));
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: graceful shutdown (drain, flush, checkpoint). */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("server did not stop within 60 s");
        }
        return process.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
