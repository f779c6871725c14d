package io.mallard.application.validation;

/** A request value breaks its contract; {@link #field()} names the offending input. Maps to 400. */
public class InvalidInputException extends FieldError {
    public InvalidInputException(String field, String message) {
        super(field, message);
    }
}
