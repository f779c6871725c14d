package io.mallard.application.ingest;

import io.mallard.application.validation.InvalidInputException;

/** A tracking request breaks the ingestion contract; {@link #field()} names the offending key. Maps to 400. */
public class InvalidEventException extends InvalidInputException {
    public InvalidEventException(String field, String message) {
        super(field, message);
    }
}
