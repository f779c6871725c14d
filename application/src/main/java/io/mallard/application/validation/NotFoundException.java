package io.mallard.application.validation;

/** The request names something that does not exist (a site, a user); {@link #field()} names the input. Maps to 404. */
public class NotFoundException extends FieldError {
    public NotFoundException(String field, String message) {
        super(field, message);
    }
}
