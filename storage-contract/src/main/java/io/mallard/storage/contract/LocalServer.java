package io.mallard.storage.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server a test needs beside Mallard, started by one of the repository's {@code scripts/…/start.sh}:
 * the script prints {@code NAME=ADDRESS} once it serves and runs until it is stopped (SIGTERM).
 */
final class LocalServer implements AutoCloseable {
    private final Process process;
    private final String address;

    private LocalServer(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    /** Runs {@code script} (relative to the repository) with {@code arguments}, waiting up to {@code patience} for its announcement. */
    static LocalServer start(String script, String announcement, List<String> arguments, Duration patience)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", repository(script).resolve(script).toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String prefix = announcement + "=";
        CompletableFuture<String> announced = CompletableFuture.supplyAsync(() -> {
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(prefix)) {
                        return line.substring(prefix.length());
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
        try {
            String address = announced.get(patience.toMillis(), TimeUnit.MILLISECONDS);
            if (address == null) {
                throw new IllegalStateException(script + " ended without printing " + prefix);
            }
            return new LocalServer(process, address);
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not start", e);
        }
    }

    String address() {
        return address;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static Path repository(String script) {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.exists(directory.resolve(script))) {
                return directory;
            }
        }
        throw new IllegalStateException(script + " not found above " + Path.of("").toAbsolutePath());
    }
}
