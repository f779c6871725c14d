package io.mallard.domain.event;

/**
 * Custom properties of an event, kept as the compact JSON text of one JSON object.
 *
 * <p>The HTTP edge parses and re-serialises the tracker's {@code p} field; this type holds the
 * resulting contract: an object, at most {@value #MAX_LENGTH} characters.
 */
public record Props(String json) {
    public static final int MAX_LENGTH = 4096;

    public Props {
        if (json == null || json.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("props must be at most " + MAX_LENGTH + " characters");
        }
        String trimmed = json.strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            throw new IllegalArgumentException("props must be a JSON object");
        }
    }
}
