package io.mallard.application.ingest;

/** A tracking request breaks the ingestion contract; {@link #field()} names the offending key. Maps to 400. */
public class InvalidEventException extends RuntimeException {
    private final String field;

    public InvalidEventException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
