package io.mallard.application.validation;

/** A request value breaks its contract; {@link #field()} names the offending input. Maps to 400. */
public class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
