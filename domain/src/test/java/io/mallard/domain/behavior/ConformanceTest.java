package io.mallard.domain.behavior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every behavioral conformance vector: each {@code *.jsonl} file of the project's copy in
 * {@code src/test/resources/conformance}, or of the directory named by the system property
 * {@code conformance.dir}. One test per vector, named by its id, so a failure names the vector.
 */
class ConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> every_vector_gives_its_expected_result() throws IOException, URISyntaxException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(vectorDirectory())) {
            files = listing.filter(file -> file.toString().endsWith(".jsonl")).sorted().toList();
        }
        assertThat(files).as("vector files in " + vectorDirectory()).isNotEmpty();
        return files.stream().flatMap(ConformanceTest::lines).map(ConformanceTest::test);
    }

    private static DynamicTest test(JsonNode vector) {
        JsonNode expected = vector.get("expected");
        String id = vector.get("id").asText();
        return DynamicTest.dynamicTest(id, () -> {
            if (expected.isObject() && expected.has("error")) {
                assertThatThrownBy(() -> ConformanceVector.evaluate(vector)).as(id)
                        .isInstanceOf(BehaviorArgumentException.class)
                        .hasMessageContaining(expected.get("error").asText());
            } else {
                // Compared as JSON text: the vectors' 1 and the engine's 1L are the same result.
                assertThat(ConformanceVector.evaluate(vector).toString())
                        .as("vector %s (%s)", id, vector.path("note").asText("")).isEqualTo(expected.toString());
            }
        });
    }

    private static Path vectorDirectory() throws URISyntaxException {
        String configured = System.getProperty("conformance.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(ConformanceTest.class.getResource("/conformance").toURI());
    }

    private static Stream<JsonNode> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(line -> {
                try {
                    return JSON.readTree(line);
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + ": not a JSON line: " + line, e);
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
