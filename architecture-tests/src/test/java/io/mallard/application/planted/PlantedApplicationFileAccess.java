package io.mallard.application.planted;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A deliberate violation (test-only): a use case reading a file instead of asking a port. */
public class PlantedApplicationFileAccess {
    public String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
